package io.mpcrm.connector.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials in log text: what would let someone who reads the logs act as the connector, in Salesforce or in a
 * seller's AWS account, or fetch a seller's EULA. A finding names the kind and where it is, never the secret itself,
 * so that a failing test does not print what it caught.
 */
public final class LogSecrets {

    /** One credential in the text: its kind, and the text around it with the credential masked. */
    public record Finding(String kind, String context) {
        @Override
        public String toString() {
            return kind + " in: " + context;
        }
    }

    private static final Map<String, Pattern> KINDS = Map.ofEntries(
            // A Salesforce session id: the org id, '!', then the token proper.
            Map.entry("Salesforce access token", Pattern.compile("\\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{20,}")),
            Map.entry("OAuth bearer token",
                    Pattern.compile("(?i)(?:bearer\\s+|\"?(?:access|refresh)_token\"?\\s*[:=]\\s*\"?)[A-Za-z0-9._~+/!-]{20,}")),
            Map.entry("JSON web token", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*")),
            // Long-term (AKIA) and temporary (ASIA) access key ids.
            Map.entry("AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b")),
            Map.entry("AWS secret access key", Pattern.compile(
                    "(?i)(?:secret_?access_?key|aws_secret|secretkey|\"?secret\"?)\\s*[:=]\\s*\"?(?!\\*)[A-Za-z0-9/+=]{16,}")),
            Map.entry("AWS session token", Pattern.compile(
                    "(?i)(?:session_?token|security[_-]token)\"?\\s*[:=>]\\s*\"?(?!\\*)[A-Za-z0-9/+=%]{16,}")),
            Map.entry("private key", Pattern.compile("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
            // Presigned URLs and SigV4 headers: with these a URL works for anyone until it expires.
            Map.entry("presigned URL signature", Pattern.compile("(?i)X-Amz-Signature(?:=|%3D)[0-9a-f]{16,}")),
            Map.entry("presigned URL credential", Pattern.compile("(?i)X-Amz-Credential(?:=|%3D)[A-Z0-9]{16,}")),
            Map.entry("presigned URL session token", Pattern.compile("(?i)X-Amz-Security-Token(?:=|%3D)[A-Za-z0-9%/+=]{8,}")),
            Map.entry("SigV4 authorization header", Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=[A-Z0-9]{16,}")));

    private final List<String> knownSecrets;

    private LogSecrets(List<String> knownSecrets) {
        this.knownSecrets = knownSecrets;
    }

    /** A scanner for the credential shapes above. */
    public static LogSecrets shapes() {
        return new LogSecrets(List.of());
    }

    /**
     * A scanner that also looks for these exact values, for secrets with no recognisable shape (a random secret key
     * the test itself handed to the connector). Values shorter than 8 characters are ignored: they cannot be secrets.
     */
    public static LogSecrets shapesAnd(List<String> knownSecrets) {
        return new LogSecrets(knownSecrets.stream().filter(s -> s != null && s.length() >= 8).toList());
    }

    /** Every credential in the text, in the order of the kinds above and then the known values. */
    public List<Finding> scan(String text) {
        List<Finding> found = new ArrayList<>();
        KINDS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(kind -> {
            Matcher m = kind.getValue().matcher(text);
            while (m.find()) {
                found.add(new Finding(kind.getKey(), masked(text, m.start(), m.end())));
            }
        });
        for (String secret : knownSecrets) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                found.add(new Finding("known secret", masked(text, at, at + secret.length())));
            }
        }
        return found;
    }

    private static String masked(String text, int start, int end) {
        int from = Math.max(0, start - 40);
        int to = Math.min(text.length(), end + 20);
        String keep = text.substring(start, Math.min(end, start + 6));
        return (text.substring(from, start) + keep + "***" + text.substring(end, to)).replaceAll("\\s+", " ");
    }
}
