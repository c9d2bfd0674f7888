package io.mpcrm.connector.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS operations the connector's code can call, as IAM actions, read from its source: every call of a method that
 * one of the SDK clients it uses declares as an operation ({@code startChangeSet}, {@code listEntitiesPaginator},
 * {@code presignGetObject} ...), and every S3 call an aws2-s3 endpoint of its routes makes ({@link #routeOperations}).
 * Reading the source covers every path, including those no test happens to take; the operations come from the SDK's
 * own interfaces, so a new call is noticed without anyone keeping a list.
 */
public final class AwsOperationsCalled {

    /** The SDK clients the connector uses, and the IAM service prefix of each. */
    private static final Map<Class<?>, String> CLIENTS = Map.of(
            MarketplaceCatalogClient.class, "aws-marketplace",
            MarketplaceAgreementClient.class, "aws-marketplace",
            S3Client.class, "s3",
            S3Presigner.class, "s3",
            StsClient.class, "sts");

    /**
     * Operations whose IAM action has another name (from the AWS API references): BatchDescribeEntities is authorized
     * as DescribeEntity; HeadObject as s3:GetObject; HeadBucket as s3:ListBucket
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). HeadObject would need s3:ListBucket too for S3 to answer 404
     * rather than 403 for a missing object (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html), but
     * EulaStore reads either as "not stored yet" and uploads, so the connector does without.
     */
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "aws-marketplace:BatchDescribeEntities", Set.of("aws-marketplace:DescribeEntity"),
            "s3:HeadObject", Set.of("s3:GetObject"),
            "s3:HeadBucket", Set.of("s3:ListBucket"));

    private AwsOperationsCalled() {
    }

    /** The IAM actions the code under {@code sourceRoot} needs, e.g. {@code aws-marketplace:StartChangeSet}. */
    public static Set<String> iamActions(Path sourceRoot) {
        Set<String> actions = new TreeSet<>();
        for (String operation : operations(sourceRoot)) {
            actions.addAll(iamActions(operation));
        }
        return actions;
    }

    /** As {@link #iamActions(Path)}, with the S3 calls of the aws2-s3 endpoints of the routes in {@code routes}. */
    public static Set<String> iamActions(Path sourceRoot, Path routes) {
        Set<String> actions = iamActions(sourceRoot);
        for (String operation : routeOperations(routes)) {
            actions.addAll(iamActions(operation));
        }
        return actions;
    }

    /**
     * The S3 operations the aws2-s3 endpoints ({@code to} or {@code toD}) of the {@code *.camel.yaml} routes in
     * {@code routes} make, as {@code s3:OperationName}, from camel-aws2-s3 4.17's producer: without an
     * {@code operation} it uploads (PutObject); {@code createDownloadLink} presigns a GetObject; {@code headObject},
     * {@code getObject} and the rest are the S3 operation of the same name. An endpoint also sends HeadBucket when it
     * starts, unless {@code fileName} is set (AWS2S3Endpoint#doStart).
     */
    public static Set<String> routeOperations(Path routes) {
        Set<String> operations = new TreeSet<>();
        try (Stream<Path> files = Files.list(routes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(file))) {
                    collectS3Endpoints(document, operations);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }

    private static void collectS3Endpoints(Object node, Set<String> operations) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collectS3Endpoints(item, operations));
        } else if (node instanceof Map<?, ?> map) {
            for (String step : List.of("to", "toD")) {
                if (map.get(step) instanceof Map<?, ?> endpoint && String.valueOf(endpoint.get("uri")).startsWith("aws2-s3:")) {
                    Map<?, ?> parameters = endpoint.get("parameters") instanceof Map<?, ?> p ? p : Map.of();
                    Object operation = parameters.get("operation");
                    operations.add("s3:" + switch (operation == null ? "" : operation.toString()) {
                        case "" -> "PutObject";
                        case "createDownloadLink" -> "GetObject";
                        default -> operationName(operation.toString());
                    });
                    if (parameters.get("fileName") == null) {
                        operations.add("s3:HeadBucket");
                    }
                } else if (map.get(step) instanceof String uri && uri.startsWith("aws2-s3:")) {
                    throw new IllegalStateException("Write the aws2-s3 endpoint " + uri + " with uri and parameters,"
                            + " so that its operation can be read");
                }
            }
            map.values().forEach(value -> collectS3Endpoints(value, operations));
        }
    }

    /** The IAM actions that allow one operation, given as {@code prefix:OperationName}. */
    public static Set<String> iamActions(String operation) {
        return ACTIONS.getOrDefault(operation, Set.of(operation));
    }

    /** The operations called, as {@code prefix:OperationName}. */
    public static Set<String> operations(Path sourceRoot) {
        String source = source(sourceRoot);
        Set<String> called = new TreeSet<>();
        CLIENTS.forEach((client, prefix) -> {
            for (Method method : client.getMethods()) {
                if (!isOperation(method)) {
                    continue;
                }
                Matcher call = Pattern.compile("\\." + method.getName() + "\\s*\\(").matcher(source);
                if (call.find()) {
                    called.add(prefix + ":" + operationName(method.getName()));
                }
            }
        });
        return called;
    }

    /**
     * An operation takes its request (or a builder consumer) first, then perhaps the body (PutObject); the client's
     * housekeeping methods (serviceName, close, utilities) take no request.
     */
    private static boolean isOperation(Method method) {
        if (method.getParameterCount() == 0 || method.isSynthetic()) {
            return false;
        }
        String parameter = method.getParameterTypes()[0].getSimpleName();
        return parameter.endsWith("Request") || parameter.equals("Consumer");
    }

    private static String operationName(String method) {
        String name = method.startsWith("presign") ? method.substring("presign".length()) : method;
        name = name.endsWith("Paginator") ? name.substring(0, name.length() - "Paginator".length()) : name;
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String source(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
