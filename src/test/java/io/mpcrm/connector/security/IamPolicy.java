package io.mpcrm.connector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One of the IAM policies shipped in {@code config/iam/}, evaluated as IAM evaluates an identity policy for one
 * request: allowed if an Allow statement matches the action and the resource (with {@code *} and {@code ?} wildcards)
 * and all its conditions hold, and no Deny statement matches. Only the StringEquals condition the shipped policies use
 * is understood; a statement with any other condition never matches, so a policy this class cannot read fails closed.
 */
final class IamPolicy {

    private final JsonNode statements;

    private IamPolicy(JsonNode statements) {
        this.statements = statements;
    }

    /** {@code config/iam/<file>}, with its placeholders (EULA_BUCKET ...) replaced by the values given. */
    static IamPolicy shipped(String file, Map<String, String> placeholders) {
        try {
            String text = java.nio.file.Files.readString(Path.of("config", "iam", file));
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                text = text.replace(p.getKey(), p.getValue());
            }
            return new IamPolicy(new ObjectMapper().readTree(text).path("Statement"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the policy allows {@code action} on {@code resource} for a request with these condition keys. */
    boolean allows(String action, String resource, Map<String, String> conditionKeys) {
        boolean allowed = false;
        for (JsonNode statement : statements) {
            if (matches(statement, action, resource, conditionKeys)) {
                if ("Deny".equals(statement.path("Effect").asText())) {
                    return false;
                }
                allowed |= "Allow".equals(statement.path("Effect").asText());
            }
        }
        return allowed;
    }

    private static boolean matches(JsonNode statement, String action, String resource, Map<String, String> keys) {
        if (values(statement.path("Action")).stream().noneMatch(a -> glob(a, action))
                || values(statement.path("Resource")).stream().noneMatch(r -> glob(r, resource))) {
            return false;
        }
        for (Map.Entry<String, JsonNode> condition : statement.path("Condition").properties()) {
            if (!condition.getKey().equals("StringEquals")) {
                return false;
            }
            for (Map.Entry<String, JsonNode> key : condition.getValue().properties()) {
                if (!values(key.getValue()).contains(keys.get(key.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        // Action names are case-insensitive in IAM; resource ARNs are not.
        return Pattern.compile(regex.toString(), pattern.contains(":::") || pattern.startsWith("arn:") ? 0
                : Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
