package io.mpcrm.connector.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The Catalog API change types the connector's code can send, read from its source: every string literal shaped like
 * a change type (a verb the Catalog API's change types start with, then a capital: {@code "CreateOffer"},
 * {@code "UpdateMarkup"}, {@code "RestrictResaleAuthorization"}), less the names of AWS API operations
 * ({@code "CancelChangeSet"}, a rate setting). The builders name each change type they send as such a literal, so a
 * new one shows up here without anyone keeping a list; words like {@code "Released"} or {@code "CreatedDate"} do not
 * match (no capital right after the verb).
 */
final class ChangeTypesSent {

    /** The verbs AWS Marketplace Catalog change types start with (products, offers, resale, private marketplace). */
    private static final Pattern CHANGE_TYPE = Pattern.compile(
            "\"((?:Create|Update|Release|Restrict|Add|Remove|Expire|Cancel|Request|Allow|Deny|Associate|Disassociate"
                    + "|Put|Delete)[A-Z][A-Za-z0-9]*)\"");

    private ChangeTypesSent() {
    }

    static Set<String> in(Path sourceRoot) {
        Set<String> operations = operationNames();
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher literal = CHANGE_TYPE.matcher(Files.readString(file));
                while (literal.find()) {
                    if (!operations.contains(literal.group(1))) {
                        types.add(literal.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    /** The operations of the AWS clients the connector uses, as AWS names them (cancelChangeSet: CancelChangeSet). */
    private static Set<String> operationNames() {
        Set<String> names = new TreeSet<>();
        for (Class<?> client : new Class<?>[] {MarketplaceCatalogClient.class, MarketplaceAgreementClient.class,
                S3Client.class, StsClient.class}) {
            for (Method method : client.getMethods()) {
                names.add(Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
            }
        }
        return names;
    }
}
