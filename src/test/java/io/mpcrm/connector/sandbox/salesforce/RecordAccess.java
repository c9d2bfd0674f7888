package io.mpcrm.connector.sandbox.salesforce;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.ObjectPermissions;

/**
 * Who may read, edit and delete a record, as Salesforce decides it for the API and for {@code UserRecordAccess}.
 *
 * <p>Sharing first: the object's organization-wide default ({@code sharingModel}: Private, Read, ReadWrite;
 * ControlledByParent takes the access to the master record,
 * https://help.salesforce.com/s/articleView?id=platform.dev_security.htm&type=5),
 * then the owner (full access), then records shared with a user (Read or Edit, as a sharing rule or manual share gives
 * them). Then the user's object permissions ({@link UserPermissions}): "Read, Create, Edit and Delete respect sharing;
 * View All Records and Modify All Records override sharing"
 * (https://help.salesforce.com/s/articleView?id=platform.users_profiles_object_perms.htm&type=5). So a user without
 * Read on the object reaches none of its records, whatever is shared; Edit access to a record needs Edit on the
 * object; View All reads every record and Modify All reads, edits and deletes every record ("Regardless of the sharing
 * settings, users must have the appropriate object-level permissions", Help, Sharing Considerations). "View All Data"
 * and "Modify All Data" do the same on every object.
 *
 * <p>Deleting needs full access (owner, Modify All) and Delete on the object; a detail record is deleted by whoever may
 * edit its master (the relationship's sharing setting Read/Write). Files (ContentDocument, its versions and links) are
 * reached through file sharing: the file's owner, a share with the user, or a record the file is linked to that the
 * user can read (ShareType V: view, C: collaborate, I: as the record allows). Role hierarchy, groups, territories and
 * restriction rules are not modelled. Objects without a sharing model (standard objects here) are treated as Private,
 * except User, which every user reads.
 */
final class RecordAccess {

    /** A user's access to a record, weakest first; {@link #label} is UserRecordAccess's MaxAccessLevel. */
    enum Level {
        NONE("None"), READ("Read"), EDIT("Edit"), ALL("All");

        final String label;

        Level(String label) {
            this.label = label;
        }

        boolean atLeast(Level other) {
            return compareTo(other) >= 0;
        }

        static Level max(Level a, Level b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        static Level min(Level a, Level b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    private final Map<String, String> sharingModels = new HashMap<>();
    private final Map<String, String> masterFields = new HashMap<>();
    /** "userId:recordId" to the level shared. */
    private final Map<String, Level> shares = new HashMap<>();
    private final UserPermissions permissions;
    private final Function<String, Optional<SObjectSchema>> schemaOfId;
    private final Function<String, Map<String, Object>> recordOfId;
    private final Function<String, List<Map<String, Object>>> rowsOf;

    RecordAccess(SalesforceMetadata metadata, UserPermissions permissions,
                 Function<String, Optional<SObjectSchema>> schemaOfId, Function<String, Map<String, Object>> recordOfId,
                 Function<String, List<Map<String, Object>>> rowsOf) {
        this.permissions = permissions;
        this.schemaOfId = schemaOfId;
        this.recordOfId = recordOfId;
        this.rowsOf = rowsOf;
        for (SalesforceMetadata.SObjectDescription object : metadata.objects()) {
            if (object.sharingModel() != null) {
                sharingModels.put(object.name(), object.sharingModel());
            }
            object.customFields().values().stream().filter(f -> "MasterDetail".equalsIgnoreCase(f.type()))
                    .findFirst().ifPresent(master -> masterFields.put(object.name(), master.name()));
        }
    }

    /** Shares a record with a user at {@code level} (READ or EDIT); a second share replaces the first. */
    void share(String userId, String recordId, Level level) {
        if (level != Level.READ && level != Level.EDIT) {
            throw new IllegalArgumentException("A record is shared Read or Edit, not " + level);
        }
        shares.put(userId + ":" + recordId, level);
    }

    boolean controlledByParent(SObjectSchema schema) {
        return "ControlledByParent".equals(sharingModels.get(schema.name));
    }

    /**
     * Whether the user reads every record of the object without looking at each (View All, Modify All, or a public
     * sharing model); false also when they read none.
     */
    boolean readsEveryRecord(String userId, SObjectSchema schema) {
        ObjectPermissions p = permissions.object(userId, schema);
        if (!p.read()) {
            return false;
        }
        if (p.viewAll() || p.modifyAll() || schema.name.equals("User") || schema.name.equals("UserRecordAccess")) {
            return true;
        }
        String model = sharingModels.get(schema.name);
        return model != null && !model.equals("Private") && !model.equals("ControlledByParent");
    }

    /** The user's access to the record (18-character ids); NONE for a record that does not exist or is deleted. */
    Level level(String userId, String recordId) {
        Map<String, Object> record = recordOfId.apply(recordId);
        SObjectSchema schema = schemaOfId.apply(recordId).orElse(null);
        return record == null || schema == null ? Level.NONE : level(userId, schema, record);
    }

    /** The user's access to a record of {@code schema} (also a deleted one, for queryAll). */
    Level level(String userId, SObjectSchema schema, Map<String, Object> record) {
        ObjectPermissions p = permissions.object(userId, schema);
        if (!p.read()) {
            return Level.NONE;
        }
        if (p.modifyAll()) {
            return Level.ALL;
        }
        Level sharing = switch (schema.name) {
            case "User", "UserRecordAccess" -> Level.READ;
            case "ContentDocument", "ContentVersion", "ContentDocumentLink" -> fileLevel(userId, schema, record);
            default -> sharingLevel(userId, schema, record);
        };
        if (p.viewAll()) {
            sharing = Level.max(sharing, Level.READ);
        }
        Level cap = p.delete() ? Level.ALL : p.edit() ? Level.EDIT : Level.READ;
        return Level.min(sharing, cap);
    }

    /** Whether the user may delete the record: full access, or Edit on the master of a detail record. */
    boolean canDelete(String userId, SObjectSchema schema, Map<String, Object> record) {
        ObjectPermissions p = permissions.object(userId, schema);
        if (!p.delete()) {
            return false;
        }
        Level level = level(userId, schema, record);
        return level == Level.ALL || (controlledByParent(schema) && level.atLeast(Level.EDIT));
    }

    private Level sharingLevel(String userId, SObjectSchema schema, Map<String, Object> record) {
        String model = sharingModels.getOrDefault(schema.name, "Private");
        if (model.equals("ControlledByParent")) {
            Object master = record.get(masterFields.get(schema.name));
            return master == null ? Level.NONE : level(userId, master.toString());
        }
        if (userId.equals(record.get("OwnerId"))) {
            return Level.ALL;
        }
        Level granted = switch (model.toLowerCase(Locale.ROOT)) {
            case "read" -> Level.READ;
            case "readwrite", "publicreadwritetransfer", "fullaccess" -> Level.EDIT;
            default -> Level.NONE;
        };
        return Level.max(granted, shares.getOrDefault(userId + ":" + record.get("Id"), Level.NONE));
    }

    /** A file's owner has it all; a link to the user or to a record the user reads gives what its ShareType says. */
    private Level fileLevel(String userId, SObjectSchema schema, Map<String, Object> record) {
        Object documentId = schema.name.equals("ContentDocument") ? record.get("Id") : record.get("ContentDocumentId");
        Map<String, Object> document = documentId == null ? null : recordOfId.apply(documentId.toString());
        if (document == null) {
            return Level.NONE;
        }
        if (userId.equals(document.get("OwnerId"))) {
            return Level.ALL;
        }
        Level granted = Level.NONE;
        for (Map<String, Object> link : rowsOf.apply("ContentDocumentLink")) {
            if (!documentId.equals(link.get("ContentDocumentId"))) {
                continue;
            }
            Object linked = link.get("LinkedEntityId");
            Level through = userId.equals(linked) ? Level.READ
                    : linked == null || linked.toString().startsWith("005") ? Level.NONE
                    : level(userId, linked.toString());
            if (!through.atLeast(Level.READ)) {
                continue;
            }
            Level shared = switch (String.valueOf(link.get("ShareType"))) {
                case "C" -> Level.EDIT;
                case "I" -> Level.min(through, Level.EDIT);
                default -> Level.READ;
            };
            granted = Level.max(granted, shared);
        }
        return granted;
    }
}
