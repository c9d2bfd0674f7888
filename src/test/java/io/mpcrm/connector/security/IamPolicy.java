package io.mpcrm.connector.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One of the IAM policies shipped in {@code config/iam/}, evaluated as IAM evaluates an identity policy for one
 * request (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an explicit
 * Deny wins, else an Allow that matches allows, else the request is implicitly denied. A statement matches when the
 * action and the resource match one of its patterns ({@code *} and {@code ?}; actions ignore case, resources do not)
 * and every condition holds.
 *
 * <p>Conditions (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and .../reference_policies_condition-single-vs-multi-valued-context-keys.html): operators are ANDed, the keys of
 * one operator are ANDed, the values listed for a key are ORed. {@code StringEquals} and {@code StringLike} on a key
 * the request does not carry are false ({@code ...IfExists}: true). {@code ForAllValues:} holds when every value the
 * request carries matches one listed, and so also when the request carries none; {@code ForAnyValue:} when at least
 * one does. {@code Null: true} holds when the key is absent, {@code false} when present. Anything else (another
 * operator, a policy variable, NotAction, a plain operator meeting a key with several values) is not guessed at: it
 * throws, so that no assertion passes on a policy this class cannot read.
 */
final class IamPolicy {

    enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");

    private final JsonNode statements;

    private IamPolicy(JsonNode statements) {
        this.statements = statements;
    }

    /** {@code config/iam/<file>}, with its placeholders (EULA_BUCKET ...) replaced by the values given. */
    static IamPolicy shipped(String file, Map<String, String> placeholders) {
        try {
            String text = Files.readString(Path.of("config", "iam", file));
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                text = text.replace(p.getKey(), p.getValue());
            }
            return of(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy document given as JSON. */
    static IamPolicy of(String json) {
        try {
            return new IamPolicy(new ObjectMapper().readTree(json).path("Statement"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the policy allows {@code action} on {@code resource} for a request carrying these single values. */
    boolean allows(String action, String resource, Map<String, String> context) {
        Map<String, List<String>> keys = new java.util.HashMap<>();
        context.forEach((key, value) -> keys.put(key, List.of(value)));
        return decide(action, resource, keys) == Decision.ALLOW;
    }

    /** Whether the policy allows the request; a context key may carry several values. */
    boolean allowsWith(String action, String resource, Map<String, List<String>> context) {
        return decide(action, resource, context) == Decision.ALLOW;
    }

    Decision decide(String action, String resource, Map<String, List<String>> context) {
        boolean allowed = false;
        for (JsonNode statement : statements) {
            statement.fieldNames().forEachRemaining(field -> {
                if (!STATEMENT_FIELDS.contains(field)) {
                    throw new IllegalArgumentException("Statement " + statement.path("Sid").asText() + ": " + field
                            + " is not evaluated here");
                }
            });
            if (!matches(statement, action, resource, context)) {
                continue;
            }
            switch (statement.path("Effect").asText()) {
                case "Deny" -> {
                    return Decision.EXPLICIT_DENY;
                }
                case "Allow" -> allowed = true;
                default -> throw new IllegalArgumentException("Statement " + statement.path("Sid").asText()
                        + ": Effect " + statement.path("Effect"));
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean matches(JsonNode statement, String action, String resource,
                                   Map<String, List<String>> context) {
        if (values(statement.path("Action")).stream().noneMatch(a -> like(a, action, true))
                || values(statement.path("Resource")).stream().noneMatch(r -> like(r, resource, false))) {
            return false;
        }
        for (Map.Entry<String, JsonNode> condition : statement.path("Condition").properties()) {
            for (Map.Entry<String, JsonNode> key : condition.getValue().properties()) {
                if (!holds(condition.getKey(), values(key.getValue()), context.get(key.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One operator on one key: {@code listed} are the policy's values, {@code carried} the request's (null: absent). */
    private static boolean holds(String operator, List<String> listed, List<String> carried) {
        boolean absent = carried == null || carried.isEmpty();
        if (operator.equals("Null")) {
            return listed.stream().anyMatch(v -> v.equals(String.valueOf(absent)));
        }
        if (operator.startsWith("ForAllValues:")) {
            String single = operator.substring("ForAllValues:".length());
            return absent || carried.stream().allMatch(value -> listed.stream().anyMatch(l -> compare(single, l, value)));
        }
        if (operator.startsWith("ForAnyValue:")) {
            String single = operator.substring("ForAnyValue:".length());
            return !absent && carried.stream().anyMatch(value -> listed.stream().anyMatch(l -> compare(single, l, value)));
        }
        boolean ifExists = operator.endsWith("IfExists");
        String single = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
        if (absent) {
            return ifExists;
        }
        if (carried.size() > 1) {
            throw new IllegalArgumentException(operator + " without ForAllValues/ForAnyValue on a key with values "
                    + carried);
        }
        return listed.stream().anyMatch(l -> compare(single, l, carried.get(0)));
    }

    private static boolean compare(String operator, String listed, String value) {
        return switch (operator) {
            case "StringEquals" -> listed.equals(value);
            case "StringLike" -> like(listed, value, false);
            default -> throw new IllegalArgumentException("Condition operator " + operator + " is not evaluated here");
        };
    }

    private static boolean like(String pattern, String value, boolean ignoreCase) {
        if (pattern.contains("${")) {
            throw new IllegalArgumentException("Policy variable in " + pattern + " is not evaluated here");
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
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
