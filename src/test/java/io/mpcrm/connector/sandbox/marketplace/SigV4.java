package io.mpcrm.connector.sandbox.marketplace;

import static io.mpcrm.connector.sandbox.SigningPrimitives.AMZ_DATE;
import static io.mpcrm.connector.sandbox.SigningPrimitives.decode;
import static io.mpcrm.connector.sandbox.SigningPrimitives.encode;
import static io.mpcrm.connector.sandbox.SigningPrimitives.hex;
import static io.mpcrm.connector.sandbox.SigningPrimitives.hmac;
import static io.mpcrm.connector.sandbox.SigningPrimitives.sha256;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** AWS Signature Version 4 verification for header-signed requests (what the SDK sends). */
final class SigV4 {

    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private SigV4() {
    }

    /** Parses {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}; null when malformed. */
    static Authorization parse(String header) {
        if (header == null || !header.startsWith("AWS4-HMAC-SHA256 ")) {
            return null;
        }
        String credential = null, signedHeaders = null, signature = null;
        for (String part : header.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String k = p.substring(0, eq), v = p.substring(eq + 1);
            switch (k) {
                case "Credential" -> credential = v;
                case "SignedHeaders" -> signedHeaders = v;
                case "Signature" -> signature = v;
                default -> { }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            return null;
        }
        String[] c = credential.split("/");
        if (c.length != 5 || !"aws4_request".equals(c[4]) || !c[1].matches("\\d{8}")) {
            return null;
        }
        return new Authorization(c[0], c[1], c[2], c[3], List.of(signedHeaders.split(";")), signature);
    }

    /**
     * The signature the request should carry. {@code header} gives a request header's values joined by a comma (or
     * null); {@code rawPath} and {@code rawQuery} are as sent (percent-encoded).
     */
    static String expectedSignature(String secret, Authorization auth, String method, String rawPath, String rawQuery,
                                    Function<String, String> header, byte[] body) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n');
        canonical.append(canonicalUri(rawPath)).append('\n');
        canonical.append(canonicalQuery(rawQuery)).append('\n');
        for (String h : auth.signedHeaders()) {
            String v = header.apply(h);
            canonical.append(h).append(':').append(v == null ? "" : v.trim().replaceAll("\\s+", " ")).append('\n');
        }
        canonical.append('\n').append(String.join(";", auth.signedHeaders())).append('\n');
        String payloadHash = header.apply("x-amz-content-sha256");
        canonical.append(payloadHash != null ? payloadHash : hex(sha256(body)));

        String stringToSign = "AWS4-HMAC-SHA256\n" + header.apply("x-amz-date") + "\n" + auth.scope() + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    private static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        // The SDK encodes each path segment once more for every service but S3.
        StringBuilder b = new StringBuilder();
        for (char ch : rawPath.toCharArray()) {
            b.append(ch == '/' ? "/" : encode(String.valueOf(ch)));
        }
        return b.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            pairs.add(new String[] {encode(decode(k)), encode(decode(v))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        for (String[] p : pairs) {
            out.add(p[0] + "=" + p[1]);
        }
        return String.join("&", out);
    }

}
