package io.mpcrm.connector.sandbox.s3;

import static io.mpcrm.connector.sandbox.SigningPrimitives.AMZ_DATE;
import static io.mpcrm.connector.sandbox.SigningPrimitives.decode;
import static io.mpcrm.connector.sandbox.SigningPrimitives.encode;
import static io.mpcrm.connector.sandbox.SigningPrimitives.hex;
import static io.mpcrm.connector.sandbox.SigningPrimitives.hmac;
import static io.mpcrm.connector.sandbox.SigningPrimitives.same;
import static io.mpcrm.connector.sandbox.SigningPrimitives.sha256;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * AWS Signature Version 4 as S3 checks it: the {@code Authorization} header form and the presigned query form, and
 * the chunk signatures of an {@code aws-chunked} body. S3 signs the path as sent (no second encoding, no
 * normalisation), which is where it differs from the other services.
 */
final class S3Signature {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String STREAMING_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String EMPTY_SHA256 = hex(sha256(new byte[0]));

    /** What a request claims: who signed it, for which scope, over which headers, with which signature. */
    record Claim(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                 String signature, String amzDate) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private S3Signature() {
    }

    /** The claim of an {@code Authorization: AWS4-HMAC-SHA256 ...} header; null when malformed. */
    static Claim fromHeader(String authorization, String amzDate) {
        if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
            return null;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return null;
            }
            parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return claim(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"), amzDate);
    }

    /** The claim of a presigned URL's {@code X-Amz-*} query parameters; null when malformed. */
    static Claim fromQuery(Map<String, String> query) {
        if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            return null;
        }
        return claim(query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"), query.get("X-Amz-Signature"),
                query.get("X-Amz-Date"));
    }

    private static Claim claim(String credential, String signedHeaders, String signature, String amzDate) {
        if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
            return null;
        }
        String[] c = credential.split("/");
        if (c.length != 5 || !"aws4_request".equals(c[4]) || !c[1].matches("\\d{8}") || !amzDate.startsWith(c[1])) {
            return null;
        }
        return new Claim(c[0], c[1], c[2], c[3], List.of(signedHeaders.split(";")), signature, amzDate);
    }

    /**
     * The signature the request should carry. {@code header} gives a request header's values joined by a comma (or
     * null); {@code rawPath} and {@code rawQuery} are as sent; a presigned request's own signature parameter is left
     * out of the canonical query.
     */
    static String expected(String secret, Claim claim, String method, String rawPath, String rawQuery,
                           Function<String, String> header, String payloadHash) {
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(rawPath == null || rawPath.isEmpty() ? "/" : rawPath).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : claim.signedHeaders()) {
            String value = header.apply(name);
            canonical.append(name).append(':').append(value == null ? "" : value.trim().replaceAll("\\s+", " "))
                    .append('\n');
        }
        canonical.append('\n').append(String.join(";", claim.signedHeaders())).append('\n').append(payloadHash);
        return sign(secret, claim, ALGORITHM + "\n" + claim.amzDate() + "\n" + claim.scope() + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The payload of an {@code aws-chunked} body whose every chunk carries the signature that chains from the seed
     * (the request's own signature); null when a chunk is malformed or its signature does not match.
     */
    static byte[] verifiedChunks(String secret, Claim claim, String seedSignature, byte[] body) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(body.length);
        String previous = seedSignature;
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, at);
            if (lineEnd < 0) {
                return null;
            }
            String line = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = line.indexOf(";chunk-signature=");
            if (semicolon < 0) {
                return null;
            }
            int size;
            try {
                size = Integer.parseInt(line.substring(0, semicolon), 16);
            } catch (NumberFormatException e) {
                return null;
            }
            int dataStart = lineEnd + 2;
            if (size < 0 || dataStart + size + 2 > body.length) {
                return null;
            }
            byte[] chunk = java.util.Arrays.copyOfRange(body, dataStart, dataStart + size);
            String expected = sign(secret, claim, "AWS4-HMAC-SHA256-PAYLOAD\n" + claim.amzDate() + "\n"
                    + claim.scope() + "\n" + previous + "\n" + EMPTY_SHA256 + "\n" + hex(sha256(chunk)));
            if (!same(expected, line.substring(semicolon + ";chunk-signature=".length()))) {
                return null;
            }
            payload.writeBytes(chunk);
            previous = expected;
            at = dataStart + size + 2;
            if (size == 0) {
                return payload.toByteArray();
            }
        }
    }

    /** Query parameters, decoded; the last value of a repeated name wins (S3 signs none twice). */
    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    private static String sign(String secret, Claim claim, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), claim.date());
        key = hmac(key, claim.region());
        key = hmac(key, claim.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!"X-Amz-Signature".equals(name)) {
                pairs.add(new String[] {encode(name), encode(eq < 0 ? "" : decode(pair.substring(eq + 1)))});
            }
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        for (String[] pair : pairs) {
            out.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", out);
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
