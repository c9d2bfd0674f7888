package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.FieldDescription;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/**
 * Every field the connector reads or writes is declared once as an {@link SObjectField}; this checks each one against
 * the metadata an admin deploys, so a typo or a type change fails here instead of in a customer's org.
 */
class ConnectorFieldsMatchMetadataTest {

    private static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");
    /** A custom object, field, relationship or platform event name. */
    private static final Pattern API_NAME = Pattern.compile("\\w+__[cre]");

    /** Which metadata field types can hold each kind of value the connector uses. */
    private static final Map<SObjectField.Kind, Set<String>> COMPATIBLE = Map.ofEntries(
            Map.entry(SObjectField.Kind.ID, Set.of("Id")),
            Map.entry(SObjectField.Kind.TEXT, Set.of("Text", "TextArea", "Email", "Url", "Phone", "AutoNumber", "Picklist")),
            Map.entry(SObjectField.Kind.LONG_TEXT, Set.of("LongTextArea", "TextArea", "Html")),
            Map.entry(SObjectField.Kind.PICKLIST, Set.of("Picklist")),
            Map.entry(SObjectField.Kind.MULTI_PICKLIST, Set.of("MultiselectPicklist")),
            Map.entry(SObjectField.Kind.NUMBER, Set.of("Number", "Percent")),
            Map.entry(SObjectField.Kind.CURRENCY, Set.of("Currency")),
            Map.entry(SObjectField.Kind.DATE, Set.of("Date")),
            Map.entry(SObjectField.Kind.DATE_TIME, Set.of("DateTime")),
            Map.entry(SObjectField.Kind.CHECKBOX, Set.of("Checkbox")),
            Map.entry(SObjectField.Kind.REFERENCE, Set.of("Lookup", "MasterDetail", "Reference")));

    /** Standard fields every record has, with the type the connector may rely on. */
    private static final Map<String, String> STANDARD = Map.of(
            "Id", "Id", "CreatedById", "Reference", "LastModifiedById", "Reference", "OwnerId", "Reference",
            "CreatedDate", "DateTime", "LastModifiedDate", "DateTime", "SystemModstamp", "DateTime");

    @Test
    void everyFieldTheConnectorUsesExistsInTheMetadataWithACompatibleType() throws Exception {
        SalesforceMetadata metadata = SalesforceMetadata.load(OBJECTS);
        List<SObjectField> fields = connectorFields();
        assertThat(fields).as("the connector declares its fields").hasSizeGreaterThan(10);

        List<String> problems = new ArrayList<>();
        for (SObjectField field : fields) {
            var object = metadata.object(field.sobject());
            if (object.isEmpty()) {
                problems.add(field.sobject() + " does not exist (used for " + field.name() + ")");
                continue;
            }
            String type = typeOf(object.get(), field.name());
            if (type == null) {
                problems.add(field.sobject() + "." + field.name() + " does not exist");
            } else if (!COMPATIBLE.get(field.kind()).contains(type)) {
                problems.add(field.sobject() + "." + field.name() + " is " + type + ", the connector treats it as "
                        + field.kind());
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The names the constants hold as text: objects and platform events ({@code __c}, {@code __e}), a field of
     * several objects (a request's target's {@code Last_Error__c}), child relationships ({@code __r}: the metadata's
     * relationshipName plus {@code __r}) and parent relationships (a lookup's name with {@code __r} for {@code __c}).
     * Each must be in the metadata an admin deploys.
     */
    @Test
    void everyObjectFieldAndRelationshipNameTheConstantsHoldExistsInTheMetadata() throws Exception {
        SalesforceMetadata metadata = SalesforceMetadata.load(OBJECTS);
        List<String> names = connectorConstants(String.class, true).stream().map(String.class::cast)
                .filter(value -> API_NAME.matcher(value).matches()).distinct().toList();
        assertThat(names).as("the constants name objects, an event and relationships")
                .contains("MP_Private_Offer__c", "Marketplace_Request_Event__e", "Offer_Dimensions__r");

        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            boolean known = metadata.object(name).isPresent()
                    || metadata.objects().stream().anyMatch(o -> o.customFields().containsKey(name))
                    || metadata.objects().stream().flatMap(o -> o.customFields().values().stream())
                    .anyMatch(f -> f.relationshipName() != null && name.equals(f.relationshipName() + "__r")
                            || COMPATIBLE.get(SObjectField.Kind.REFERENCE).contains(f.type())
                            && name.equals(f.name().replaceAll("__c$", "__r")));
            if (!known) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("names in the constants that are no object, field or relationship").isEmpty();
    }

    @Test
    void aMisspelledObjectOrRelationshipIsNoKnownName() {
        SalesforceMetadata metadata = SalesforceMetadata.load(OBJECTS);
        assertThat(metadata.object("MP_Private_Ofer__c")).isEmpty();
        assertThat(metadata.objects().stream().flatMap(o -> o.customFields().values().stream())
                .map(FieldDescription::relationshipName)).contains("Offer_Dimensions").doesNotContain("Offer_Dimension");
    }

    @Test
    void aMisspelledFieldIsCaught() {
        SalesforceMetadata metadata = SalesforceMetadata.load(OBJECTS);
        var request = metadata.object("Marketplace_Request__c").orElseThrow();
        assertThat(typeOf(request, "Stauts__c")).isNull();
        assertThat(typeOf(request, "Status__c")).isEqualTo("Picklist");
    }

    private static String typeOf(SalesforceMetadata.SObjectDescription object, String field) {
        if (field.equals("Name")) {
            return object.nameFieldType();
        }
        FieldDescription custom = object.customFields().get(field);
        return custom != null ? custom.type() : STANDARD.get(field);
    }

    private static List<SObjectField> connectorFields() throws Exception {
        return connectorConstants(SObjectField.class, false).stream().map(SObjectField.class::cast).toList();
    }

    /**
     * The values of the static fields of this type in the connector's classes (the sandbox's left out); with
     * {@code mainOnly}, in its production classes only (a test may hold a misspelled name on purpose).
     */
    private static List<Object> connectorConstants(Class<?> type, boolean mainOnly) throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> !reader.getClassMetadata().getClassName().contains(".sandbox."));
        List<Object> fields = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.mpcrm.connector")) {
            Class<?> owner = Class.forName(candidate.getBeanClassName(), false,
                    ConnectorFieldsMatchMetadataTest.class.getClassLoader());
            if (mainOnly && owner.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue;
            }
            for (Field f : owner.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == type) {
                    f.setAccessible(true);
                    Object value = f.get(null);
                    if (value != null) {
                        fields.add(value);
                    }
                }
            }
        }
        return fields;
    }
}
