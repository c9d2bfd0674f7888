package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;

/** JSON, id and pagination-token helpers shared by the sandbox's APIs. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Random IDS = new SecureRandom();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new ApiError(400, "SerializationException", "Request body is not valid JSON");
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    static String id(String prefix, int length) {
        return id(prefix, length, IDS);
    }

    static String id(String prefix, int length, Random random) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            b.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return b.toString();
    }

    /** Catalog API timestamp: {@code YYYY-MM-DDTHH:MM:SSZ}. */
    static String isoSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** DescribeEntity-style timestamp with millis: {@code 2024-08-30T00:00:00.000Z}. */
    static String isoMillis(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MILLIS);
        String s = t.toString();
        return t.getNano() == 0 ? s.substring(0, s.length() - 1) + ".000Z" : s;
    }

    static Instant parseInstant(String value) {
        try {
            return value.length() == 10 ? Instant.parse(value + "T00:00:00Z") : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Opaque page token bound to the query it continues (so a token from another query is rejected). */
    static String token(String queryKey, int offset) {
        String raw = "p1:" + Integer.toHexString(queryKey.hashCode()) + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token continues at, or -1 when it is not a token of this query. */
    static int offset(String token, String queryKey) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] p = raw.split(":");
            if (p.length != 3 || !p[0].equals("p1") || !p[1].equals(Integer.toHexString(queryKey.hashCode()))) {
                return -1;
            }
            int offset = Integer.parseInt(p[2]);
            return offset < 0 ? -1 : offset;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
