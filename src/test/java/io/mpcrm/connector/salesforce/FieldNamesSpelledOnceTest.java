package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.request.RequestFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each Salesforce API name the connector uses is spelled once, in the field constants ({@link SObjectField} and the
 * per-kind {@code *Fields} classes), and each rule of the platform once: a rename in {@code salesforce/force-app} is
 * then one edit, and {@link ConnectorFieldsMatchMetadataTest} checks every spelling against the metadata. This reads
 * the production sources and fails on a string literal that holds a custom object, field, relationship or event name
 * ({@code __c}, {@code __r}, {@code __e}) anywhere else, and on the record-id pattern written more than once.
 */
class FieldNamesSpelledOnceTest {

    private static final Path MAIN = Path.of("src/main/java");

    /**
     * The only sources that may spell an API name, and why. Each is the constants of one kind of record, as its
     * package uses them; SOQL, record writes and the field names in sellers' messages are built from these.
     */
    private static final Map<String, String> CONSTANTS = Map.of(
            "io/mpcrm/connector/salesforce/SObjectField.java",
            "derives a lookup's relationship name from its field name by the suffixes __c and __r",
            "io/mpcrm/connector/offer/OfferFields.java", "private offers, their rates and installments",
            "io/mpcrm/connector/resale/ResaleAuthorizationFields.java",
            "an ISV's resale authorizations, their wholesale rates and installments",
            "io/mpcrm/connector/sharedresale/SharedResaleAuthorizationFields.java",
            "the resale authorizations shared with a channel partner",
            "io/mpcrm/connector/schedule/InstallmentFields.java", "the payment schedule's installment objects",
            "io/mpcrm/connector/agreement/AgreementFields.java", "agreements",
            "io/mpcrm/connector/request/RequestFields.java",
            "requests, their events and seller accounts, and the fields every request target has",
            "io/mpcrm/connector/product/ProductFields.java", "products and their dimensions");

    /** A custom object, field, relationship or platform event name (Salesforce's suffixes). */
    private static final Pattern API_NAME = Pattern.compile("\\w__[cre]\\b");

    /** The record-id pattern: a literal with a 15-character run is one. */
    private static final Pattern RECORD_ID_PATTERN = Pattern.compile("\\{15}");

    @Test
    void noStringLiteralOutsideTheFieldConstantsSpellsAnApiName() {
        assertThat(MAIN.resolve("io/mpcrm/connector")).isDirectory();
        CONSTANTS.keySet().forEach(allowed -> assertThat(MAIN.resolve(allowed)).as("allowed class exists").exists());

        List<String> raw = new ArrayList<>();
        for (Path source : sources()) {
            String relative = MAIN.relativize(source).toString().replace('\\', '/');
            if (CONSTANTS.containsKey(relative)) {
                continue;
            }
            for (Literal literal : literals(read(source))) {
                if (API_NAME.matcher(literal.text()).find()) {
                    raw.add(relative + ":" + literal.line() + " \"" + literal.text() + "\"");
                }
            }
        }
        assertThat(raw).as("API names spelled outside the field constants; use the constant of the kind's *Fields"
                + " class (add one there if missing)").isEmpty();
    }

    @Test
    void theRecordIdPatternIsWrittenOnce() {
        List<String> written = new ArrayList<>();
        for (Path source : sources()) {
            for (Literal literal : literals(read(source))) {
                if (RECORD_ID_PATTERN.matcher(literal.text()).find()) {
                    written.add(MAIN.relativize(source) + ":" + literal.line() + " \"" + literal.text() + "\"");
                }
            }
        }
        assertThat(written).as("the record-id pattern, in one place").hasSize(1);
    }

    /**
     * An API name the connector uses outside Java: the request route subscribes to the request event by its channel,
     * {@code /event/<API name>} (https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/
     * platform_events/platform_events_subscribe_pubsub_api.htm). It must be the event the constants name.
     */
    @Test
    void theRequestRouteSubscribesToTheEventTheConstantsName() {
        assertThat(read(Path.of("routes/requests.camel.yaml")))
                .contains("salesforce:pubSubSubscribe:/event/" + RequestFields.EVENT + "\"");
    }

    @Test
    void literalsAreFoundInCodeAndNotInComments() {
        String source = """
                class X {
                    // "Status__c" in a comment
                    /* "Offer_Dimensions__r" in a block comment */
                    String a = "Id, Status__c"; char q = '"'; String b = "say \\"Name\\"";
                    String c = \"""
                        SELECT Seller_Account__r.Name
                        \""";
                    String d = "Marketplace_Request_Event__e";
                }
                """;
        List<Literal> found = literals(source);
        assertThat(found).extracting(Literal::text).containsExactly("Id, Status__c", "say \\\"Name\\\"",
                "        SELECT Seller_Account__r.Name\n        ", "Marketplace_Request_Event__e");
        assertThat(found).extracting(Literal::line).containsExactly(4, 4, 5, 8);
        assertThat(found).filteredOn(l -> API_NAME.matcher(l.text()).find()).hasSize(3);
    }

    record Literal(int line, String text) {
    }

    /** The string literals and text blocks of a Java source, without those in comments or char literals. */
    static List<Literal> literals(String source) {
        List<Literal> found = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(source, i, end);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int end = start;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                String text = source.substring(source.indexOf('\n', start) + 1, Math.min(end, n));
                found.add(new Literal(line, text));
                line += count(source, i, Math.min(end + 3, n));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    found.add(new Literal(line, source.substring(i + 1, Math.min(end, n))));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    private static int count(String source, int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
