package io.mpcrm.connector.sandbox.salesforce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.FieldDescription;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.SObjectDescription;

/** The sandbox's view of one sObject: custom fields from metadata plus the standard fields. Case-insensitive. */
final class SObjectSchema {

    enum Kind {
        ID("id"), STRING("string"), TEXTAREA("textarea"), EMAIL("email"), PHONE("phone"), URL("url"),
        DOUBLE("double"), CURRENCY("currency"), PERCENT("percent"), INT("int"), BOOLEAN("boolean"), DATE("date"),
        DATETIME("datetime"), PICKLIST("picklist"), MULTIPICKLIST("multipicklist"), REFERENCE("reference"),
        BASE64("base64");

        final String soapName;

        Kind(String soapName) {
            this.soapName = soapName;
        }

        boolean textual() {
            return this == STRING || this == TEXTAREA || this == EMAIL || this == PHONE || this == URL
                    || this == PICKLIST || this == MULTIPICKLIST;
        }

        boolean numeric() {
            return this == DOUBLE || this == CURRENCY || this == PERCENT || this == INT;
        }

        boolean idLike() {
            return this == ID || this == REFERENCE;
        }
    }

    record Field(String name, String label, Kind kind, String metadataType, Integer length, Integer precision,
                 Integer scale, String referenceTo, String relationshipName, List<String> picklistValues,
                 String defaultValue, boolean externalId, boolean unique, boolean required, boolean createable,
                 boolean updateable, boolean custom, boolean autoNumber, boolean cascadeDelete,
                 boolean restrictedPicklist) {
    }

    final String name;
    final String label;
    final String keyPrefix;
    final boolean platformEvent;
    final boolean queryOnly;
    final boolean custom;
    final String autoNumberFormat;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final Map<String, ChildRelationship> children = new LinkedHashMap<>();

    /** A parent's list of children in SOQL ({@code Offer_Dimensions__r}): the child object and its lookup field. */
    record ChildRelationship(String name, String childObject, String field) {
    }

    SObjectSchema(String name, String label, String keyPrefix, boolean platformEvent, boolean queryOnly,
                  boolean custom, String autoNumberFormat) {
        this.name = name;
        this.label = label;
        this.keyPrefix = keyPrefix;
        this.platformEvent = platformEvent;
        this.queryOnly = queryOnly;
        this.custom = custom;
        this.autoNumberFormat = autoNumberFormat;
    }

    void add(Field f) {
        fields.put(f.name().toLowerCase(Locale.ROOT), f);
    }

    Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name.toLowerCase(Locale.ROOT)));
    }

    Collection<Field> fields() {
        return fields.values();
    }

    void addChild(ChildRelationship relationship) {
        children.put(relationship.name().toLowerCase(Locale.ROOT), relationship);
    }

    Optional<ChildRelationship> childRelationship(String name) {
        return Optional.ofNullable(children.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The reference field whose relationship name is {@code relationshipName}. */
    Optional<Field> relationship(String relationshipName) {
        String r = relationshipName.toLowerCase(Locale.ROOT);
        return fields.values().stream()
                .filter(f -> f.relationshipName() != null && f.relationshipName().toLowerCase(Locale.ROOT).equals(r))
                .findFirst();
    }

    static Field std(String name, Kind kind, Integer length, boolean createable, boolean updateable) {
        return new Field(name, label(name), kind, kind.name(), length, null, null, null, null, List.of(), null,
                false, false, false, createable, updateable, false, false, false, false);
    }

    static Field ref(String name, String referenceTo, String relationshipName, boolean createable,
                     boolean updateable) {
        return new Field(name, label(name), Kind.REFERENCE, "Lookup", 18, null, null, referenceTo, relationshipName,
                List.of(), null, false, false, false, createable, updateable, false, false, false, false);
    }

    private static String label(String apiName) {
        String s = apiName.endsWith("__c") ? apiName.substring(0, apiName.length() - 3) : apiName;
        return s.replace('_', ' ');
    }

    static void addAuditFields(SObjectSchema s, boolean withOwner) {
        s.add(std("CreatedDate", Kind.DATETIME, null, false, false));
        s.add(ref("CreatedById", "User", "CreatedBy", false, false));
        s.add(std("LastModifiedDate", Kind.DATETIME, null, false, false));
        s.add(ref("LastModifiedById", "User", "LastModifiedBy", false, false));
        s.add(std("SystemModstamp", Kind.DATETIME, null, false, false));
        if (withOwner) {
            s.add(ref("OwnerId", "User", "Owner", true, true));
        }
        s.add(std("IsDeleted", Kind.BOOLEAN, null, false, false));
    }

    /** Builds the schema of a custom object or platform event from its metadata description. */
    static SObjectSchema fromMetadata(SObjectDescription d, String keyPrefix) {
        boolean auto = "AutoNumber".equalsIgnoreCase(d.nameFieldType());
        SObjectSchema s = new SObjectSchema(d.name(), d.label(), keyPrefix, d.platformEvent(), false, true,
                auto ? Optional.ofNullable(d.nameFieldFormat()).orElse("{0}") : null);
        s.add(std("Id", Kind.ID, 18, false, false));
        if (d.platformEvent()) {
            s.add(std("ReplayId", Kind.STRING, 255, false, false));
            s.add(std("EventUuid", Kind.STRING, 36, false, false));
            s.add(std("CreatedDate", Kind.DATETIME, null, false, false));
            s.add(ref("CreatedById", "User", "CreatedBy", false, false));
        } else {
            s.add(new Field("Name", "Name", Kind.STRING, auto ? "AutoNumber" : "Text", 80, null, null, null, null,
                    List.of(), null, false, false, false, !auto, !auto, false, auto, false, false));
            addAuditFields(s, true);
        }
        for (FieldDescription f : d.customFields().values()) {
            s.add(customField(f));
        }
        return s;
    }

    private static Field customField(FieldDescription f) {
        String t = f.type() == null ? "Text" : f.type();
        Kind kind = switch (t) {
            case "Text", "EncryptedText" -> Kind.STRING;
            case "TextArea", "LongTextArea", "Html" -> Kind.TEXTAREA;
            case "Email" -> Kind.EMAIL;
            case "Phone" -> Kind.PHONE;
            case "Url" -> Kind.URL;
            case "Number", "Summary" -> Kind.DOUBLE;
            case "Currency" -> Kind.CURRENCY;
            case "Percent" -> Kind.PERCENT;
            case "Checkbox" -> Kind.BOOLEAN;
            case "Date" -> Kind.DATE;
            case "DateTime" -> Kind.DATETIME;
            case "Picklist" -> Kind.PICKLIST;
            case "MultiselectPicklist" -> Kind.MULTIPICKLIST;
            case "Lookup", "MasterDetail", "Hierarchy", "ExternalLookup" -> Kind.REFERENCE;
            case "AutoNumber" -> Kind.STRING;
            default -> Kind.STRING;
        };
        Integer length = f.length();
        if (length == null) {
            length = switch (t) {
                case "Text" -> 255;
                case "TextArea" -> 255;
                case "LongTextArea", "Html" -> 131072;
                case "Email", "Url" -> 255;
                case "Phone" -> 40;
                case "Picklist" -> 255;
                case "MultiselectPicklist" -> 4099;
                case "Lookup", "MasterDetail" -> 18;
                default -> null;
            };
        }
        boolean auto = "AutoNumber".equals(t);
        boolean readOnly = auto || "Summary".equals(t);
        String defaultValue = f.defaultValue();
        if (kind == Kind.BOOLEAN && defaultValue == null) {
            defaultValue = "false";
        }
        return new Field(f.name(), label(f.name()), kind, t, length, f.precision(), f.scale(), f.referenceTo(),
                parentRelationship(f),
                f.picklistValues() == null ? List.of() : f.picklistValues(), defaultValue, f.externalId(),
                f.unique(), f.required() && !readOnly, !readOnly, !readOnly, true, auto,
                "MasterDetail".equals(t), f.restrictedPicklist());
    }

    /**
     * The path from a record to its parent in SOQL: the lookup field's name with {@code __r}. The metadata's
     * {@code relationshipName} names the other direction (the parent's list of children).
     */
    private static String parentRelationship(SalesforceMetadata.FieldDescription f) {
        if (f.referenceTo() == null || f.referenceTo().isBlank()) {
            return null;
        }
        return f.name().endsWith("__c") ? f.name().substring(0, f.name().length() - 3) + "__r"
                : relationshipName(f.relationshipName());
    }

    private static String relationshipName(String metadataValue) {
        if (metadataValue == null || metadataValue.isBlank()) {
            return null;
        }
        return metadataValue.endsWith("__r") ? metadataValue : metadataValue + "__r";
    }

    /** The standard objects the sandbox defines itself. */
    static List<SObjectSchema> builtIns() {
        List<SObjectSchema> out = new ArrayList<>();
        SObjectSchema user = new SObjectSchema("User", "User", "005", false, false, false, null);
        user.add(std("Id", Kind.ID, 18, false, false));
        user.add(req(std("Name", Kind.STRING, 121, true, true)));
        user.add(req(std("Username", Kind.STRING, 80, true, true)));
        user.add(std("Email", Kind.EMAIL, 128, true, true));
        user.add(std("IsActive", Kind.BOOLEAN, null, true, true));
        addAuditFields(user, false);
        out.add(user);

        SObjectSchema doc = new SObjectSchema("ContentDocument", "Content Document", "069", false, false, false, null);
        doc.add(std("Id", Kind.ID, 18, false, false));
        doc.add(std("Title", Kind.STRING, 255, false, true));
        doc.add(ref("LatestPublishedVersionId", "ContentVersion", "LatestPublishedVersion", false, false));
        doc.add(std("FileExtension", Kind.STRING, 40, false, false));
        doc.add(std("ContentSize", Kind.INT, null, false, false));
        addAuditFields(doc, true);
        out.add(doc);

        SObjectSchema ver = new SObjectSchema("ContentVersion", "Content Version", "068", false, false, false, null);
        ver.add(std("Id", Kind.ID, 18, false, false));
        ver.add(std("Title", Kind.STRING, 255, true, true));
        ver.add(req(std("PathOnClient", Kind.STRING, 500, true, false)));
        ver.add(req(std("VersionData", Kind.BASE64, null, true, false)));
        ver.add(ref("ContentDocumentId", "ContentDocument", "ContentDocument", true, false));
        ver.add(std("FileExtension", Kind.STRING, 40, false, false));
        ver.add(std("ContentSize", Kind.INT, null, false, false));
        ver.add(std("IsLatest", Kind.BOOLEAN, null, false, false));
        ver.add(std("Description", Kind.TEXTAREA, 1000, true, true));
        ver.add(ref("FirstPublishLocationId", null, "FirstPublishLocation", true, false));
        addAuditFields(ver, true);
        out.add(ver);

        SObjectSchema link = new SObjectSchema("ContentDocumentLink", "Content Document Link", "06A", false, false,
                false, null);
        link.add(std("Id", Kind.ID, 18, false, false));
        link.add(req(ref("ContentDocumentId", "ContentDocument", "ContentDocument", true, false)));
        link.add(req(ref("LinkedEntityId", null, "LinkedEntity", true, false)));
        link.add(new Field("ShareType", "Share Type", Kind.PICKLIST, "Picklist", 40, null, null, null, null,
                List.of("V", "C", "I"), "V", false, false, false, true, true, false, false, false, true));
        link.add(std("Visibility", Kind.STRING, 40, true, true));
        link.add(std("SystemModstamp", Kind.DATETIME, null, false, false));
        link.add(std("IsDeleted", Kind.BOOLEAN, null, false, false));
        out.add(link);

        SObjectSchema ura = new SObjectSchema("UserRecordAccess", "User Record Access", "000", false, true, false,
                null);
        ura.add(std("Id", Kind.ID, 18, false, false));
        ura.add(ref("UserId", "User", "User", false, false));
        ura.add(std("RecordId", Kind.ID, 18, false, false));
        ura.add(std("HasReadAccess", Kind.BOOLEAN, null, false, false));
        ura.add(std("HasEditAccess", Kind.BOOLEAN, null, false, false));
        ura.add(std("HasDeleteAccess", Kind.BOOLEAN, null, false, false));
        ura.add(std("HasAllAccess", Kind.BOOLEAN, null, false, false));
        ura.add(std("MaxAccessLevel", Kind.STRING, 40, false, false));
        out.add(ura);
        return out;
    }

    private static Field req(Field f) {
        return new Field(f.name(), f.label(), f.kind(), f.metadataType(), f.length(), f.precision(), f.scale(),
                f.referenceTo(), f.relationshipName(), f.picklistValues(), f.defaultValue(), f.externalId(),
                f.unique(), true, f.createable(), f.updateable(), f.custom(), f.autoNumber(), f.cascadeDelete(), f.restrictedPicklist());
    }
}
