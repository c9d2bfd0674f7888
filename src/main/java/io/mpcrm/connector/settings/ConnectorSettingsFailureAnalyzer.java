package io.mpcrm.connector.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a wrong setting found at start into one message an administrator can act on: each setting by the name they
 * wrote it under ({@code connector.seller-accounts[1].account-id}), its value (unless it is a secret) and what is
 * wrong with it, instead of a stack trace. Runs before Spring Boot's own analyzers of the same failures.
 */
public class ConnectorSettingsFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String ACTION = "Correct the settings named above, then start the connector again. They"
            + " come from config/application.yaml, config/application-<profile>.yaml, environment variables"
            + " (connector.seller-accounts[1].account-id is CONNECTOR_SELLERACCOUNTS_1_ACCOUNTID) or the Helm"
            + " chart's values; config/application.yaml documents every setting and"
            + " config/examples/application-production.yaml shows a complete production configuration.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                String prefix = invalid.getValidationErrors().getName().toString();
                for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
                    String name = error instanceof FieldError field ? prefix + "." + kebab(field.getField()) : prefix;
                    Object value = error instanceof FieldError field ? field.getRejectedValue() : null;
                    problems.computeIfAbsent(shown(name, value), k -> new ArrayList<>())
                            .add(error.getDefaultMessage());
                }
                break;
            }
            if (cause instanceof BindException unbound) {
                if (unbound.getCause() instanceof BindValidationException) {
                    continue;
                }
                ConfigurationProperty property = unbound.getProperty();
                problems.computeIfAbsent(shown(unbound.getName().toString(), property == null ? null
                        : property.getValue()), k -> new ArrayList<>()).add(unreadable(unbound));
                break;
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        StringBuilder description = new StringBuilder("The connector's configuration is wrong, so it did not start:\n");
        problems.forEach((setting, reasons) -> description.append("\n    ").append(setting).append(": ")
                .append(String.join("; ", reasons.stream().distinct().toList())));
        return new FailureAnalysis(description.append('\n').toString(), ACTION, failure);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The setting and its value as written, except secrets, whose values must not reach a log. */
    private static String shown(String name, Object value) {
        if (value == null || secret(name)) {
            return name;
        }
        return name + " = \"" + (value instanceof Duration d ? WrittenDuration.of(d) : value) + "\"";
    }

    private static boolean secret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token")
                || lower.contains("key");
    }

    /** Why a value could not be read as the setting's type (a duration, a number, a size ...). */
    private static String unreadable(BindException unbound) {
        Throwable root = unbound;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnboundConfigurationPropertiesException partly) {
            return "is written partly in one place and partly in another (" + partly.getUnboundProperties().stream()
                    .map(p -> p.getName().toString()).sorted().toList() + " left out): a list is read whole from one"
                    + " source, so write all its entries in the same file, or all of them in environment variables";
        }
        String unresolved = placeholder(root.getMessage());
        if (unresolved != null) {
            return "refers to ${" + unresolved + "}, which is not set: set the environment variable " + unresolved
                    + " (or the setting " + unresolved + ")";
        }
        String target = unbound.getTarget() == null || unbound.getTarget().getType() == null ? "value"
                : unbound.getTarget().getType().resolve(Object.class).getSimpleName();
        String hint = switch (target) {
            case "Duration" -> ": write a duration such as 500ms, 30s, 10m, 6h or 1d (or ISO-8601, PT30S)";
            case "DataSize" -> ": write a size such as 512KB or 10MB";
            case "int", "Integer", "long", "Long", "double", "Double" -> ": write a number";
            case "boolean", "Boolean" -> ": write true or false";
            default -> "";
        };
        return "cannot be read as a " + target + hint + " (" + root.getMessage() + ")";
    }

    /** The name in Spring's "Could not resolve placeholder 'X' in value ..." message, or null. */
    private static String placeholder(String message) {
        Matcher placeholder = java.util.regex.Pattern.compile("Could not resolve placeholder '([^']+)'")
                .matcher(message == null ? "" : message);
        return placeholder.find() ? placeholder.group(1) : null;
    }

    /** {@code sellerAccounts[1].accountId} as the setting is written: {@code seller-accounts[1].account-id}. */
    static String kebab(String javaPath) {
        Matcher camel = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])").matcher(javaPath);
        return camel.replaceAll(m -> m.group(1) + "-" + m.group(2).toLowerCase(Locale.ROOT));
    }
}
