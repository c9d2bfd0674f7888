package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mpcrm.connector.fields.RequestFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each Salesforce API name the connector uses is spelled once, in the field constants (the per-kind {@code *Fields}
 * classes of the package {@code io.mpcrm.connector.fields}, and {@link SObjectField}), and each rule of the platform
 * once: a rename in {@code salesforce/force-app} is then one edit, and {@link ConnectorFieldsMatchMetadataTest} checks
 * every spelling against the metadata. This reads the production sources and fails on a string literal that holds a
 * custom object, field, relationship or event name ({@code __c}, {@code __r}, {@code __e}) anywhere else, on an object
 * name or a field constant written twice, and on the record-id pattern written more than once.
 */
class FieldNamesSpelledOnceTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");

    /**
     * The package of the field constants, the only one that may spell an API name: one {@code *Fields} class per kind
     * of record (its objects, fields and relationships); SOQL, record writes and the field names in sellers' messages
     * are built from these.
     */
    private static final String FIELDS = "io/mpcrm/connector/fields/";

    /** Outside that package, the only sources that may spell an API name, and why. */
    private static final Map<String, String> ALSO_ALLOWED = Map.of(
            "io/mpcrm/connector/salesforce/SObjectField.java",
            "derives a lookup's relationship name from its field name by the suffixes __c and __r");

    /** A custom object, field, relationship or platform event name (Salesforce's suffixes). */
    private static final Pattern API_NAME = Pattern.compile("\\w__[cre]\\b");

    /** The record-id pattern: a literal with a 15-character run is one. */
    private static final Pattern RECORD_ID_PATTERN = Pattern.compile("\\{15}");

    @Test
    void noStringLiteralOutsideTheFieldConstantsSpellsAnApiName() {
        assertThat(MAIN.resolve("io/mpcrm/connector")).isDirectory();
        assertThat(MAIN.resolve(FIELDS).resolve("OfferFields.java")).as("the field constants' package").exists();
        ALSO_ALLOWED.keySet().forEach(allowed -> assertThat(MAIN.resolve(allowed)).as("allowed class exists").exists());

        List<String> raw = new ArrayList<>();
        for (Path source : sources()) {
            String relative = MAIN.relativize(source).toString().replace('\\', '/');
            if (relative.startsWith(FIELDS) || ALSO_ALLOWED.containsKey(relative)) {
                continue;
            }
            for (Literal literal : literals(read(source))) {
                if (API_NAME.matcher(literal.text()).find()) {
                    raw.add(relative + ":" + literal.line() + " \"" + literal.text() + "\"");
                }
            }
        }
        assertThat(raw).as("API names spelled outside the field constants; use the constant of the kind's *Fields"
                + " class in io.mpcrm.connector.fields (add one there if missing)").isEmpty();
    }

    /**
     * An object's name is written once: the constants of other kinds refer to it instead of spelling it again (a lower
     * package once re-declared a higher one's objects). Read from the sources, so a name written inline in
     * {@code SObjectField.of("...", ...)} counts as well as a {@code String} constant.
     */
    @Test
    void eachObjectNameIsSpelledOnce() {
        Set<String> objects = objectNames();
        assertThat(objects).as("the objects an admin deploys").contains("MP_Private_Offer__c",
                "Marketplace_Request_Event__e");

        Map<String, List<String>> spelled = new TreeMap<>();
        for (Path source : sources()) {
            for (Literal literal : literals(read(source))) {
                if (objects.contains(literal.text())) {
                    spelled.computeIfAbsent(literal.text(), name -> new ArrayList<>())
                            .add(MAIN.relativize(source).getFileName() + ":" + literal.line());
                }
            }
        }
        assertThat(spelled).as("objects the connector names").containsKeys("MP_Private_Offer__c", "MP_Product__c",
                "Marketplace_Request__c");
        assertThat(spelled.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Object::toString).toList())
                .as("object names spelled more than once; refer to the constant of the object's *Fields class")
                .isEmpty();
    }

    /**
     * Each field of an object is declared once as an {@link SObjectField}: the constants of the production classes,
     * read by reflection, name no object and field twice (an alias of another class's constant counts as a second).
     */
    @Test
    void noTwoFieldConstantsNameTheSameObjectAndField() throws IllegalAccessException {
        Map<String, List<String>> declared = new TreeMap<>();
        for (JavaClass owner : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mpcrm.connector")) {
            for (Field field : owner.reflect().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == SObjectField.class) {
                    field.setAccessible(true);
                    SObjectField value = (SObjectField) field.get(null);
                    declared.computeIfAbsent(value.sobject() + "." + value.name(), key -> new ArrayList<>())
                            .add(owner.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertThat(declared).as("the connector declares its fields").containsKeys("MP_Private_Offer__c.Offer_Id__c",
                "Marketplace_Request__c.Status__c");
        assertThat(declared.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Object::toString).toList())
                .as("fields declared by more than one constant; keep the one in the object's *Fields class")
                .isEmpty();
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

    /** The custom objects and platform events an admin deploys: one folder each in the metadata. */
    private static Set<String> objectNames() {
        try (Stream<Path> folders = Files.list(OBJECTS)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> API_NAME.matcher(name).find()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
