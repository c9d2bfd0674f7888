package io.mpcrm.connector.sandbox.salesforce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Field;
import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Kind;

/**
 * The sandbox org's records and their validation. Records hold Java values (String, BigDecimal, Long, Boolean,
 * LocalDate, Instant, byte[]) under canonical field names. All mutating methods must run while holding this object's
 * monitor; multi-record operations hold it across the whole batch and use a {@link Tx} to roll back.
 */
final class SandboxStore {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter DATETIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME_IN = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalStart().appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern AUTO_NUMBER = Pattern.compile("\\{(0+)}");

    /** A unit of work: undo actions for rollback, and insert events delivered after commit. */
    static final class Tx {
        private final List<Runnable> undo = new ArrayList<>();
        private final List<Map.Entry<String, Map<String, Object>>> inserted = new ArrayList<>();

        void rollback() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            undo.clear();
            inserted.clear();
        }

        /** Takes over what {@code done} changed, to commit or roll it back with this transaction's own changes. */
        void absorb(Tx done) {
            undo.addAll(done.undo);
            inserted.addAll(done.inserted);
            done.undo.clear();
            done.inserted.clear();
        }
    }

    record UpsertOutcome(String id, boolean created) {
    }

    private final Clock clock;
    private final Map<String, SObjectSchema> schemas = new LinkedHashMap<>();
    private final Map<String, SObjectSchema> byPrefix = new HashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> data = new HashMap<>();
    private final Map<String, AtomicLong> autoNumbers = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong(1);
    private final UserPermissions permissions;
    private final RecordAccess access;
    private final Map<String, List<Consumer<Map<String, Object>>>> insertHooks = new HashMap<>();

    SandboxStore(SalesforceMetadata metadata, Clock clock) {
        this.clock = clock;
        this.permissions = new UserPermissions(metadata);
        this.access = new RecordAccess(metadata, permissions, this::schemaForId, this::anyRecord,
                object -> rows(object, false));
        for (SObjectSchema s : SObjectSchema.builtIns()) {
            register(s);
        }
        int custom = 0;
        int events = 0;
        for (SalesforceMetadata.SObjectDescription d : metadata.objects()) {
            String prefix = d.platformEvent() ? SalesforceIds.customPrefix('e', events++)
                    : SalesforceIds.customPrefix('a', custom++);
            register(SObjectSchema.fromMetadata(d, prefix));
        }
        // Each lookup's metadata relationshipName names the parent's list of children (parent-to-child subqueries).
        for (SalesforceMetadata.SObjectDescription d : metadata.objects()) {
            for (SalesforceMetadata.FieldDescription f : d.customFields().values()) {
                if (f.referenceTo() != null && f.relationshipName() != null && !f.relationshipName().isBlank()) {
                    findSchema(f.referenceTo()).ifPresent(parent -> parent.addChild(new SObjectSchema.ChildRelationship(
                            f.relationshipName() + "__r", d.name(), f.name())));
                }
            }
        }
    }

    private void register(SObjectSchema s) {
        schemas.put(s.name.toLowerCase(Locale.ROOT), s);
        byPrefix.put(s.keyPrefix, s);
        data.put(s.name, new LinkedHashMap<>());
        autoNumbers.put(s.name, new AtomicLong(0));
    }

    // ---------------------------------------------------------------- schema look-ups

    Optional<SObjectSchema> findSchema(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(schemas.get(name.toLowerCase(Locale.ROOT)));
    }

    SObjectSchema schema(String name) {
        return findSchema(name).orElseThrow(SalesforceApiException::notFound);
    }

    Optional<SObjectSchema> schemaForId(String id18) {
        return id18 == null || id18.length() < 3 ? Optional.empty() : Optional.ofNullable(byPrefix.get(id18.substring(0, 3)));
    }

    Collection<SObjectSchema> schemas() {
        return schemas.values();
    }

    Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- reads

    synchronized Map<String, Object> record(String object, String id18) {
        Map<String, Map<String, Object>> table = data.get(object);
        Map<String, Object> r = table == null ? null : table.get(id18);
        return r == null || Boolean.TRUE.equals(r.get("IsDeleted")) ? null : r;
    }

    synchronized Map<String, Object> anyRecord(String id18) {
        return schemaForId(id18).map(s -> record(s.name, id18)).orElse(null);
    }

    synchronized List<Map<String, Object>> rows(String object, boolean includeDeleted) {
        Map<String, Map<String, Object>> table = data.getOrDefault(object, Map.of());
        List<Map<String, Object>> out = new ArrayList<>(table.size());
        for (Map<String, Object> r : table.values()) {
            if (includeDeleted || !Boolean.TRUE.equals(r.get("IsDeleted"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Parses a path id: 400 MALFORMED_ID if malformed, 404 if it does not belong to {@code schema}. */
    String pathId(SObjectSchema schema, String raw) {
        String id = SalesforceIds.to18(raw).orElseThrow(() -> SalesforceApiException.badRequest("MALFORMED_ID",
                schema.name + " id value of incorrect type: " + raw, "Id"));
        if (!id.startsWith(schema.keyPrefix)) {
            throw SalesforceApiException.notFound();
        }
        return id;
    }

    synchronized Map<String, Object> existing(SObjectSchema schema, String id18) {
        Map<String, Object> r = data.get(schema.name).get(id18);
        if (r == null) {
            throw SalesforceApiException.notFound();
        }
        if (Boolean.TRUE.equals(r.get("IsDeleted"))) {
            throw new SalesforceApiException(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        return r;
    }

    // ---------------------------------------------------------------- access

    /** Profiles, permission sets and field-level security; use under this store's monitor. */
    UserPermissions permissions() {
        return permissions;
    }

    /** Sharing and record access; use under this store's monitor. */
    RecordAccess recordAccess() {
        return access;
    }

    synchronized void share(String userId, String recordId, RecordAccess.Level level) {
        access.share(userId, recordId, level);
    }

    synchronized RecordAccess.Level access(String userId, String recordId) {
        return access.level(userId, recordId);
    }

    // ---------------------------------------------------------------- hooks

    synchronized void onInsert(String object, Consumer<Map<String, Object>> hook) {
        insertHooks.computeIfAbsent(schema(object).name, k -> new CopyOnWriteArrayList<>()).add(hook);
    }

    /** Delivers the committed inserts of {@code tx} to the hooks; call without holding the monitor. */
    void fire(Tx tx) {
        List<Map.Entry<String, Map<String, Object>>> events;
        synchronized (this) {
            events = new ArrayList<>(tx.inserted);
            tx.inserted.clear();
            tx.undo.clear();
        }
        for (Map.Entry<String, Map<String, Object>> e : events) {
            List<Consumer<Map<String, Object>>> hooks;
            synchronized (this) {
                hooks = insertHooks.getOrDefault(e.getKey(), List.of());
            }
            for (Consumer<Map<String, Object>> h : hooks) {
                h.accept(e.getValue());
            }
        }
    }

    // ---------------------------------------------------------------- writes

    synchronized String create(String object, ObjectNode body, String userId, Tx tx) {
        SObjectSchema s = schema(object);
        if (s.queryOnly) {
            throw SalesforceApiException.badRequest("INVALID_TYPE_FOR_OPERATION",
                    "entity type " + s.name + " does not support insert");
        }
        if (body.has("Id") || body.has("id")) {
            throw SalesforceApiException.badRequest("INVALID_FIELD", "cannot specify Id in an insert call", "Id");
        }
        Map<String, Object> values = convert(s, body, true);
        Instant now = clock.instant();
        String id = SalesforceIds.newId(s.keyPrefix, sequence.getAndIncrement());
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("Id", id);
        for (Field f : s.fields()) {
            if (!values.containsKey(f.name()) && f.defaultValue() != null && f.createable()) {
                values.put(f.name(), convertValue(s, f, TextNode.valueOf(f.defaultValue())));
            }
        }
        if (s.name.equals("ContentVersion")) {
            prepareContentVersion(values, userId, tx);
        }
        requireFields(s, values);
        if (s.autoNumberFormat != null) {
            values.put("Name", autoNumber(s));
        } else if (s.field("Name").isPresent() && s.custom && values.get("Name") == null) {
            values.put("Name", id);
        }
        checkUnique(s, values, null);
        rec.putAll(values);
        if (s.field("OwnerId").isPresent() && rec.get("OwnerId") == null) {
            rec.put("OwnerId", userId);
        }
        stamp(s, rec, now, userId, true);
        if (s.field("IsDeleted").isPresent()) {
            rec.put("IsDeleted", false);
        }
        if (s.name.equals("User") && rec.get("IsActive") == null) {
            rec.put("IsActive", true);
        }
        if (s.platformEvent) {
            rec.put("ReplayId", String.valueOf(sequence.get()));
            rec.put("EventUuid", java.util.UUID.randomUUID().toString());
        } else {
            data.get(s.name).put(id, rec);
            tx.undo.add(() -> data.get(s.name).remove(id));
        }
        if (s.name.equals("ContentVersion")) {
            finishContentVersion(rec, userId, tx);
        }
        tx.inserted.add(Map.entry(s.name, publicView(s, rec)));
        return id;
    }

    synchronized void update(String object, String rawId, ObjectNode body, String userId, Tx tx) {
        SObjectSchema s = schema(object);
        String id = pathId(s, rawId);
        Map<String, Object> rec = existing(s, id);
        ObjectNode copy = body.deepCopy();
        copy.remove("Id");
        Map<String, Object> values = convert(s, copy, false);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Field f = s.field(e.getKey()).orElseThrow();
            if (e.getValue() == null && f.required()) {
                throw SalesforceApiException.badRequest("REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [" + f.name() + "]", f.name());
            }
        }
        checkUnique(s, values, id);
        Map<String, Object> before = new LinkedHashMap<>(rec);
        rec.putAll(values);
        stamp(s, rec, clock.instant(), userId, false);
        tx.undo.add(() -> {
            rec.clear();
            rec.putAll(before);
        });
    }

    synchronized UpsertOutcome upsert(String object, String extField, String value, ObjectNode body, String userId,
                                      boolean updateOnly, Tx tx, String version) {
        SObjectSchema s = schema(object);
        Field f = s.field(extField).filter(x -> x.externalId() || x.kind() == Kind.ID).orElseThrow(
                () -> new SalesforceApiException(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + extField));
        if (f.kind() == Kind.ID) {
            String id = pathId(s, value);
            update(s.name, id, body, userId, tx);
            return new UpsertOutcome(id, false);
        }
        List<String> matches = matches(s, f, value, version);
        ObjectNode copy = body.deepCopy();
        copy.remove("attributes");
        if (matches.size() == 1) {
            copy.remove(f.name());
            update(s.name, matches.get(0), copy, userId, tx);
            return new UpsertOutcome(matches.get(0), false);
        }
        if (updateOnly) {
            throw SalesforceApiException.notFound();
        }
        copy.put(f.name(), value);
        return new UpsertOutcome(create(s.name, copy, userId, tx), true);
    }

    /** The record an upsert by {@code extField = value} would update; empty if it would insert one. */
    synchronized Optional<String> upsertMatch(String object, String extField, String value, String version) {
        SObjectSchema s = schema(object);
        Field f = s.field(extField).filter(x -> x.externalId() || x.kind() == Kind.ID).orElseThrow(
                () -> new SalesforceApiException(404, "NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + extField));
        if (f.kind() == Kind.ID) {
            String id = pathId(s, value);
            return record(s.name, id) == null ? Optional.empty() : Optional.of(id);
        }
        return matches(s, f, value, version).stream().findFirst();
    }

    private List<String> matches(SObjectSchema s, Field f, String value, String version) {
        Object key = convertValue(s, f, TextNode.valueOf(value));
        List<String> matches = new ArrayList<>();
        for (Map<String, Object> r : rows(s.name, false)) {
            if (same(r.get(f.name()), key)) {
                matches.add((String) r.get("Id"));
            }
        }
        if (matches.size() > 1) {
            List<String> urls = matches.stream().map(m -> "/services/data/v" + version + "/sobjects/" + s.name + "/" + m)
                    .toList();
            throw new SalesforceApiException(300, "MULTIPLE_CHOICES", "More than one record found for external id field "
                    + f.name() + " with value " + value, urls);
        }
        return matches;
    }

    synchronized void delete(String object, String rawId, Tx tx) {
        SObjectSchema s = schema(object);
        if (s.queryOnly) {
            throw SalesforceApiException.badRequest("INVALID_TYPE_FOR_OPERATION",
                    "entity type " + s.name + " does not support delete");
        }
        String id = pathId(s, rawId);
        existing(s, id);
        markDeleted(s, id, tx);
    }

    private void markDeleted(SObjectSchema s, String id, Tx tx) {
        Map<String, Object> rec = data.get(s.name).get(id);
        if (rec == null || Boolean.TRUE.equals(rec.get("IsDeleted"))) {
            return;
        }
        rec.put("IsDeleted", true);
        tx.undo.add(() -> rec.put("IsDeleted", false));
        for (SObjectSchema other : schemas.values()) {
            for (Field f : other.fields()) {
                if (f.kind() != Kind.REFERENCE || f.referenceTo() == null || !f.referenceTo().equalsIgnoreCase(s.name)) {
                    continue;
                }
                for (Map<String, Object> child : rows(other.name, false)) {
                    if (!id.equals(child.get(f.name()))) {
                        continue;
                    }
                    if (f.cascadeDelete()) {
                        markDeleted(other, (String) child.get("Id"), tx);
                    } else if (f.updateable() && !f.required()) {
                        child.put(f.name(), null);
                        tx.undo.add(() -> child.put(f.name(), id));
                    }
                }
            }
        }
    }

    private void stamp(SObjectSchema s, Map<String, Object> rec, Instant now, String userId, boolean create) {
        if (create && s.field("CreatedDate").isPresent()) {
            rec.put("CreatedDate", now);
            rec.put("CreatedById", userId);
        }
        if (s.field("LastModifiedDate").isPresent()) {
            rec.put("LastModifiedDate", now);
            rec.put("LastModifiedById", userId);
        }
        if (s.field("SystemModstamp").isPresent()) {
            rec.put("SystemModstamp", now);
        }
    }

    private String autoNumber(SObjectSchema s) {
        long n = autoNumbers.get(s.name).incrementAndGet();
        Matcher m = AUTO_NUMBER.matcher(s.autoNumberFormat);
        StringBuilder sb = new StringBuilder();
        boolean found = false;
        while (m.find()) {
            found = true;
            String digits = String.format(Locale.ROOT, "%0" + m.group(1).length() + "d", n);
            m.appendReplacement(sb, Matcher.quoteReplacement(digits));
        }
        m.appendTail(sb);
        return found ? sb.toString() : sb + String.valueOf(n);
    }

    private void requireFields(SObjectSchema s, Map<String, Object> values) {
        List<String> missing = new ArrayList<>();
        for (Field f : s.fields()) {
            if (f.required() && f.createable() && values.get(f.name()) == null) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new SalesforceApiException(400, "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: " + missing, missing);
        }
    }

    private void checkUnique(SObjectSchema s, Map<String, Object> values, String selfId) {
        for (Field f : s.fields()) {
            if (!(f.unique() || (f.externalId() && f.unique())) || values.get(f.name()) == null) {
                continue;
            }
            Object v = values.get(f.name());
            for (Map<String, Object> r : rows(s.name, false)) {
                if (!r.get("Id").equals(selfId) && same(r.get(f.name()), v)) {
                    throw SalesforceApiException.badRequest("DUPLICATE_VALUE", "duplicate value found: " + f.name()
                            + " duplicates value on record with id: " + r.get("Id"));
                }
            }
        }
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    // ---------------------------------------------------------------- ContentVersion

    private void prepareContentVersion(Map<String, Object> values, String userId, Tx tx) {
        String path = (String) values.get("PathOnClient");
        if (path != null) {
            int dot = path.lastIndexOf('.');
            String base = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            values.put("FileExtension", dot >= 0 ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : null);
            if (values.get("Title") == null) {
                int bdot = base.lastIndexOf('.');
                values.put("Title", bdot > 0 ? base.substring(0, bdot) : base);
            }
        }
        if (values.get("VersionData") instanceof byte[] bytes) {
            values.put("ContentSize", (long) bytes.length);
        }
        values.put("IsLatest", true);
    }

    private void finishContentVersion(Map<String, Object> version, String userId, Tx tx) {
        String docId = (String) version.get("ContentDocumentId");
        String versionId = (String) version.get("Id");
        if (docId == null) {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            String newDocId = create("ContentDocument", doc, userId, tx);
            Map<String, Object> d = data.get("ContentDocument").get(newDocId);
            d.put("Title", version.get("Title"));
            d.put("FileExtension", version.get("FileExtension"));
            d.put("ContentSize", version.get("ContentSize"));
            d.put("LatestPublishedVersionId", versionId);
            version.put("ContentDocumentId", newDocId);
            Object location = version.get("FirstPublishLocationId");
            if (location != null) {
                ObjectNode link = JsonNodeFactory.instance.objectNode();
                link.put("ContentDocumentId", newDocId);
                link.put("LinkedEntityId", (String) location);
                link.put("ShareType", "V");
                create("ContentDocumentLink", link, userId, tx);
            }
        } else {
            Map<String, Object> d = existing(schema("ContentDocument"), docId);
            Map<String, Object> before = new LinkedHashMap<>(d);
            for (Map<String, Object> v : rows("ContentVersion", false)) {
                if (docId.equals(v.get("ContentDocumentId")) && !versionId.equals(v.get("Id"))
                        && Boolean.TRUE.equals(v.get("IsLatest"))) {
                    v.put("IsLatest", false);
                    tx.undo.add(() -> v.put("IsLatest", true));
                }
            }
            d.put("LatestPublishedVersionId", versionId);
            d.put("Title", version.get("Title"));
            d.put("ContentSize", version.get("ContentSize"));
            tx.undo.add(() -> {
                d.clear();
                d.putAll(before);
            });
        }
    }

    // ---------------------------------------------------------------- conversion and validation

    private Map<String, Object> convert(SObjectSchema s, ObjectNode body, boolean create) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> readOnly = new ArrayList<>();
        List<Map.Entry<Field, JsonNode>> fields = new ArrayList<>();
        var it = body.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equals("attributes")) {
                continue;
            }
            Field f = s.field(e.getKey()).orElseThrow(() -> SalesforceApiException.badRequest("INVALID_FIELD",
                    "No such column '" + e.getKey() + "' on sobject of type " + s.name));
            if (create ? !f.createable() : !f.updateable()) {
                readOnly.add(f.name());
            }
            fields.add(Map.entry(f, e.getValue()));
        }
        if (!readOnly.isEmpty()) {
            throw new SalesforceApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                    "Unable to create/update fields: " + String.join(", ", readOnly) + ". Please check the security "
                            + "settings of this field and verify that it is read/write for your profile or permission set.",
                    readOnly);
        }
        for (Map.Entry<Field, JsonNode> e : fields) {
            out.put(e.getKey().name(), convertValue(s, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String jsonToken(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "VALUE_STRING";
            case BOOLEAN -> v.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
            case NUMBER -> v.isIntegralNumber() ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
            case OBJECT -> "START_OBJECT";
            case ARRAY -> "START_ARRAY";
            default -> "VALUE_EMBEDDED_OBJECT";
        };
    }

    private static SalesforceApiException parserError(String type, JsonNode v) {
        return SalesforceApiException.badRequest("JSON_PARSER_ERROR", "Cannot deserialize instance of " + type
                + " from " + jsonToken(v) + " value " + (v.isTextual() ? v.textValue() : v.toString())
                + " or request may be missing a required field");
    }

    Object convertValue(SObjectSchema s, Field f, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw parserError(f.kind().soapName, v);
        }
        Kind k = f.kind();
        switch (k) {
            case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, MULTIPICKLIST -> {
                String str = v.isTextual() ? v.textValue() : v.asText();
                if (f.length() != null && str.length() > f.length()) {
                    throw SalesforceApiException.badRequest("STRING_TOO_LONG", f.label() + ": data value too large: "
                            + abbreviate(str) + " (max length=" + f.length() + ")", f.name());
                }
                if (k == Kind.EMAIL && !str.isEmpty() && !EMAIL.matcher(str).matches()) {
                    throw SalesforceApiException.badRequest("INVALID_EMAIL_ADDRESS",
                            f.label() + ": invalid email address: " + str, f.name());
                }
                if (str.isEmpty()) {
                    return null;
                }
                if (k == Kind.PICKLIST && f.restrictedPicklist()) {
                    return picklistValue(f, str);
                }
                if (k == Kind.MULTIPICKLIST && f.restrictedPicklist()) {
                    List<String> parts = new ArrayList<>();
                    for (String p : str.split(";")) {
                        parts.add(picklistValue(f, p.trim()));
                    }
                    return String.join(";", parts);
                }
                return str;
            }
            case DOUBLE, CURRENCY, PERCENT, INT -> {
                BigDecimal n;
                if (v.isNumber()) {
                    n = v.decimalValue();
                } else if (v.isTextual()) {
                    try {
                        n = new BigDecimal(v.textValue().trim());
                    } catch (NumberFormatException e) {
                        throw parserError(k == Kind.INT ? "int" : "double", v);
                    }
                } else {
                    throw parserError(k == Kind.INT ? "int" : "double", v);
                }
                if (k == Kind.INT) {
                    return n.longValue();
                }
                if (f.precision() != null) {
                    int scale = f.scale() == null ? 0 : f.scale();
                    BigDecimal rounded = n.setScale(scale, RoundingMode.HALF_UP);
                    int integerDigits = rounded.precision() - rounded.scale();
                    if (integerDigits > f.precision() - scale) {
                        throw SalesforceApiException.badRequest("NUMBER_OUTSIDE_VALID_RANGE",
                                f.label() + ": value outside of valid range on numeric field: " + n.toPlainString(),
                                f.name());
                    }
                    return rounded;
                }
                return n;
            }
            case BOOLEAN -> {
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(v.textValue().toLowerCase(Locale.ROOT));
                }
                throw parserError("boolean", v);
            }
            case DATE -> {
                if (!v.isTextual()) {
                    throw parserError("date", v);
                }
                return parseDate(v.textValue()).orElseThrow(() -> parserError("date", v));
            }
            case DATETIME -> {
                if (!v.isTextual()) {
                    throw parserError("datetime", v);
                }
                return parseDateTime(v.textValue()).orElseThrow(() -> parserError("datetime", v));
            }
            case BASE64 -> {
                if (!v.isTextual()) {
                    throw parserError("base64", v);
                }
                try {
                    return Base64.getMimeDecoder().decode(v.textValue());
                } catch (IllegalArgumentException e) {
                    throw parserError("base64", v);
                }
            }
            case ID, REFERENCE -> {
                if (!v.isTextual()) {
                    throw SalesforceApiException.badRequest("INVALID_TYPE_ON_FIELD_IN_RECORD",
                            f.label() + ": value not of required type: " + v, f.name());
                }
                String raw = v.textValue();
                if (raw.isEmpty()) {
                    return null;
                }
                String id = SalesforceIds.to18(raw).orElseThrow(() -> SalesforceApiException.badRequest("MALFORMED_ID",
                        f.label() + ": id value of incorrect type: " + raw, f.name()));
                checkReference(f, id);
                return id;
            }
            default -> throw new IllegalStateException("unhandled kind " + k);
        }
    }

    private void checkReference(Field f, String id) {
        Optional<SObjectSchema> target = f.referenceTo() == null ? Optional.empty() : findSchema(f.referenceTo());
        if (f.referenceTo() != null && target.isEmpty()) {
            return; // a standard object the sandbox does not model: any well-formed id is accepted
        }
        if (target.isPresent() && !id.startsWith(target.get().keyPrefix)) {
            throw SalesforceApiException.badRequest("FIELD_INTEGRITY_EXCEPTION",
                    f.label() + ": id value of incorrect type: " + id, f.name());
        }
        if (anyRecord(id) == null) {
            throw SalesforceApiException.badRequest("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    f.name());
        }
    }

    private static String picklistValue(Field f, String str) {
        for (String allowed : f.picklistValues()) {
            if (allowed.equalsIgnoreCase(str)) {
                return allowed;
            }
        }
        throw SalesforceApiException.badRequest("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                f.label() + ": bad value for restricted picklist field: " + str, f.name());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static Optional<LocalDate> parseDate(String s) {
        try {
            return Optional.of(LocalDate.parse(s.length() > 10 && s.charAt(10) == 'T' ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> parseDateTime(String s) {
        try {
            var parsed = DATETIME_IN.parseBest(s, OffsetDateTime::from, java.time.LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return Optional.of(odt.toInstant());
            }
            return Optional.of(((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return parseDate(s).filter(d -> s.length() == 10).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    // ---------------------------------------------------------------- rendering

    /** A record as Salesforce serialises it: {@code attributes} then the requested (or all) fields. */
    ObjectNode render(SObjectSchema s, Map<String, Object> rec, List<String> fieldNames, String version) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode attrs = node.putObject("attributes");
        attrs.put("type", s.name);
        attrs.put("url", "/services/data/v" + version + "/sobjects/" + s.name + "/" + rec.get("Id"));
        if (fieldNames == null) {
            for (Field f : s.fields()) {
                node.set(f.name(), jsonValue(s, f, rec, version));
            }
        } else {
            for (String n : fieldNames) {
                Field f = s.field(n.trim()).orElseThrow(() -> SalesforceApiException.badRequest("INVALID_FIELD",
                        "No such column '" + n.trim() + "' on entity '" + s.name + "'. If you are attempting to use a "
                                + "custom field, be sure to append the '__c' after the custom field name. Please "
                                + "reference your WSDL or the describe call for the appropriate names."));
                node.set(f.name(), jsonValue(s, f, rec, version));
            }
        }
        return node;
    }

    JsonNode jsonValue(SObjectSchema s, Field f, Map<String, Object> rec, String version) {
        Object v = rec.get(f.name());
        JsonNodeFactory nf = JsonNodeFactory.instance;
        if (v == null) {
            return nf.nullNode();
        }
        if (v instanceof byte[]) {
            return nf.textNode("/services/data/v" + version + "/sobjects/" + s.name + "/" + rec.get("Id") + "/" + f.name());
        }
        if (v instanceof BigDecimal b) {
            return nf.numberNode(b.doubleValue());
        }
        if (v instanceof Long l) {
            return nf.numberNode(l);
        }
        if (v instanceof Boolean b) {
            return nf.booleanNode(b);
        }
        if (v instanceof LocalDate d) {
            return nf.textNode(d.toString());
        }
        if (v instanceof Instant i) {
            return nf.textNode(DATETIME_OUT.format(i));
        }
        return nf.textNode(v.toString());
    }

    /** The record as plain JSON-like Java values (what a REST read would show), for hooks and test assertions. */
    @SuppressWarnings("unchecked")
    Map<String, Object> publicView(SObjectSchema s, Map<String, Object> rec) {
        ObjectNode node = render(s, rec, null, SandboxOrg.DEFAULT_API_VERSION);
        node.remove("attributes");
        return JSON.convertValue(node, LinkedHashMap.class);
    }
}
