package io.mpcrm.connector.sandbox.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mpcrm.connector.sandbox.salesforce.RecordAccess.Level;
import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Field;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.ObjectPermissions;

/**
 * What the REST API lets the session's user do, checked before (and, for references, after) the store reads or
 * writes: object permissions, field-level security and record access ({@link UserPermissions}, {@link RecordAccess}).
 * Call under the store's monitor.
 *
 * <p>Refusals, as Salesforce answers them: an object the user cannot read does not exist for them (SOQL: 400
 * INVALID_TYPE "sObject type ... is not supported"; a REST resource: 404 NOT_FOUND), nor does a field they cannot
 * read (400 INVALID_FIELD "No such column"); a field they read but may not edit is 400 INVALID_FIELD_FOR_INSERT_UPDATE;
 * a record they cannot see is 404 NOT_FOUND ("verify that there are no sharing issues", REST status codes,
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm); a record they see but may
 * not change, or an object they may not create, edit or delete records of, is INSUFFICIENT_ACCESS_OR_READONLY
 * "insufficient access rights on object id"; a lookup to a record they cannot read, or a detail record of a master
 * they may not edit, is INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY "insufficient access rights on cross-reference
 * id" (StatusCode, https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm).
 * The docs name the codes, not the HTTP status of a refused save: the sandbox answers 400, as for every other save
 * error of a single record; that choice is ours.
 */
final class ApiAccess {

    static final String INSUFFICIENT_ACCESS = "INSUFFICIENT_ACCESS_OR_READONLY";
    static final String CROSS_REFERENCE = "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY";

    /** A record that exists but that the user cannot see: 404 NOT_FOUND, as for one that does not exist. */
    static final class NotVisible extends SalesforceApiException {
        NotVisible() {
            super(404, "NOT_FOUND", "The requested resource does not exist");
        }
    }

    private final SandboxStore store;

    ApiAccess(SandboxStore store) {
        this.store = store;
    }

    private UserPermissions permissions() {
        return store.permissions();
    }

    private RecordAccess records() {
        return store.recordAccess();
    }

    // ------------------------------------------------------------------ objects and fields

    ObjectPermissions object(String userId, SObjectSchema schema) {
        return permissions().object(userId, schema);
    }

    /** The object of a REST resource path; 404 NOT_FOUND when it does not exist or the user cannot read it. */
    SObjectSchema readableObject(String userId, String name) {
        SObjectSchema schema = store.schema(name);
        if (!object(userId, schema).read()) {
            throw SalesforceApiException.notFound();
        }
        return schema;
    }

    boolean readable(String userId, SObjectSchema schema, Field field) {
        return permissions().readable(userId, schema, field);
    }

    boolean editable(String userId, SObjectSchema schema, Field field) {
        return permissions().editable(userId, schema, field);
    }

    /** The fields the user reads, in the object's order. */
    List<String> readableFields(String userId, SObjectSchema schema) {
        List<String> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (readable(userId, schema, f)) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** A {@code fields=} list: every named field must exist and be readable (400 INVALID_FIELD otherwise). */
    void checkReadable(String userId, SObjectSchema schema, List<String> fieldNames) {
        for (String n : fieldNames) {
            Field f = schema.field(n.trim()).orElse(null);
            if (f == null || !readable(userId, schema, f)) {
                throw noSuchColumn(schema, n.trim());
            }
        }
    }

    static SalesforceApiException noSuchColumn(SObjectSchema schema, String field) {
        return SalesforceApiException.badRequest("INVALID_FIELD", "No such column '" + field + "' on entity '"
                + schema.name + "'. If you are attempting to use a custom field, be sure to append the '__c' after the"
                + " custom field name. Please reference your WSDL or the describe call for the appropriate names.");
    }

    // ------------------------------------------------------------------ records

    /** The record, if the user can see it; 404 NOT_FOUND if it does not exist, is deleted or is not shared with them. */
    Map<String, Object> visible(String userId, SObjectSchema schema, String id18) {
        Map<String, Object> record = store.record(schema.name, id18);
        if (record == null) {
            throw SalesforceApiException.notFound();
        }
        if (!canSee(userId, schema, record)) {
            throw new NotVisible();
        }
        return record;
    }

    boolean canSee(String userId, SObjectSchema schema, Map<String, Object> record) {
        return records().level(userId, schema, record).atLeast(Level.READ);
    }

    /** The rows of a query the user sees: all of them where nothing hides any, else those shared with them. */
    List<Map<String, Object>> visibleRows(String userId, SObjectSchema schema, List<Map<String, Object>> rows) {
        if (records().readsEveryRecord(userId, schema)) {
            return rows;
        }
        if (!object(userId, schema).read()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (canSee(userId, schema, r)) {
                out.add(r);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ writes

    /** Before an insert: Create on the object and edit access to every field the body sets. */
    void beforeCreate(String userId, SObjectSchema schema, ObjectNode body) {
        if (!object(userId, schema).create()) {
            throw SalesforceApiException.badRequest(INSUFFICIENT_ACCESS, "insufficient access rights on object id:"
                    + " no Create permission on " + schema.name + " in the user's profile or permission sets");
        }
        checkFieldsWritable(userId, schema, body);
    }

    /**
     * Before an update: Edit on the object, the record visible (404 otherwise) and editable, and edit access to every
     * field the body sets.
     */
    void beforeUpdate(String userId, SObjectSchema schema, String id18, ObjectNode body) {
        Map<String, Object> record = store.record(schema.name, id18);
        if (record == null) {
            return; // the store answers for a record that does not exist or is deleted
        }
        if (!canSee(userId, schema, record)) {
            throw new NotVisible();
        }
        if (!object(userId, schema).edit() || !records().level(userId, schema, record).atLeast(Level.EDIT)) {
            throw SalesforceApiException.badRequest(INSUFFICIENT_ACCESS, "insufficient access rights on object id");
        }
        checkFieldsWritable(userId, schema, body);
    }

    /** Before a delete: Delete on the object, and full access to the record (or Edit on a detail record's master). */
    void beforeDelete(String userId, SObjectSchema schema, String id18) {
        Map<String, Object> record = store.record(schema.name, id18);
        if (record == null) {
            return;
        }
        if (!canSee(userId, schema, record)) {
            throw new NotVisible();
        }
        if (!records().canDelete(userId, schema, record)) {
            throw SalesforceApiException.badRequest(INSUFFICIENT_ACCESS, "insufficient access rights on object id");
        }
    }

    /**
     * After a write, the records its references name: a lookup needs read access to its target, a master-detail field
     * edit access to the master ("Read/Write" sharing setting of the relationship, the project's default).
     */
    void checkReferences(String userId, SObjectSchema schema, String id18, ObjectNode body) {
        Map<String, Object> record = store.record(schema.name, id18);
        if (record == null) {
            return;
        }
        var it = body.fields();
        while (it.hasNext()) {
            var e = it.next();
            Field f = schema.field(e.getKey()).orElse(null);
            if (f == null || f.kind() != SObjectSchema.Kind.REFERENCE || record.get(f.name()) == null
                    || "OwnerId".equals(f.name()) || store.findSchema(f.referenceTo()).isEmpty()) {
                continue;
            }
            Level needed = "MasterDetail".equalsIgnoreCase(f.metadataType()) ? Level.EDIT : Level.READ;
            if (!records().level(userId, record.get(f.name()).toString()).atLeast(needed)) {
                throw SalesforceApiException.badRequest(CROSS_REFERENCE,
                        "insufficient access rights on cross-reference id: " + record.get(f.name()), f.name());
            }
        }
    }

    private void checkFieldsWritable(String userId, SObjectSchema schema, ObjectNode body) {
        List<String> readOnly = new ArrayList<>();
        var it = body.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equals("attributes") || e.getKey().equalsIgnoreCase("Id")) {
                continue;
            }
            Field f = schema.field(e.getKey()).orElse(null);
            if (f == null) {
                continue; // the store names an unknown field
            }
            if (!readable(userId, schema, f)) {
                throw SalesforceApiException.badRequest("INVALID_FIELD", "No such column '" + e.getKey()
                        + "' on sobject of type " + schema.name);
            }
            if (!editable(userId, schema, f)) {
                readOnly.add(f.name());
            }
        }
        if (!readOnly.isEmpty()) {
            throw new SalesforceApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", readOnly) + ". Please check the security settings of this field and verify that"
                    + " it is read/write for your profile or permission set.", readOnly);
        }
    }
}
