package io.mpcrm.connector.sandbox.salesforce;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may read and who may edit a record, as Salesforce decides it for {@code UserRecordAccess}: the object's
 * organization-wide default ({@code sharingModel}: Private, Read, ReadWrite; ControlledByParent takes the access to the
 * master record), then the owner (full access), then records shared with a user (Read or Edit, as a sharing rule or
 * manual share gives them), then users with View All Data (read) or Modify All Data (edit) on everything. Role
 * hierarchy, groups and territories are not modelled. Objects without a sharing model (standard objects here) are
 * treated as Private.
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
    }

    private final Map<String, String> sharingModels = new HashMap<>();
    private final Map<String, String> masterFields = new HashMap<>();
    private final Set<String> viewAll = new HashSet<>();
    private final Set<String> modifyAll = new HashSet<>();
    /** "userId:recordId" to the level shared. */
    private final Map<String, Level> shares = new HashMap<>();
    private final Function<String, Optional<SObjectSchema>> schemaOfId;
    private final Function<String, Map<String, Object>> recordOfId;

    RecordAccess(SalesforceMetadata metadata, Function<String, Optional<SObjectSchema>> schemaOfId,
                 Function<String, Map<String, Object>> recordOfId) {
        this.schemaOfId = schemaOfId;
        this.recordOfId = recordOfId;
        for (SalesforceMetadata.SObjectDescription object : metadata.objects()) {
            if (object.sharingModel() != null) {
                sharingModels.put(object.name(), object.sharingModel());
            }
            object.customFields().values().stream().filter(f -> "MasterDetail".equalsIgnoreCase(f.type()))
                    .findFirst().ifPresent(master -> masterFields.put(object.name(), master.name()));
        }
    }

    void setViewAll(String userId, boolean on) {
        toggle(viewAll, userId, on);
    }

    void setModifyAll(String userId, boolean on) {
        toggle(modifyAll, userId, on);
    }

    /** Shares a record with a user at {@code level} (READ or EDIT); a second share replaces the first. */
    void share(String userId, String recordId, Level level) {
        if (level != Level.READ && level != Level.EDIT) {
            throw new IllegalArgumentException("A record is shared Read or Edit, not " + level);
        }
        shares.put(userId + ":" + recordId, level);
    }

    /** The user's access to the record (18-character ids); NONE for a record that does not exist. */
    Level level(String userId, String recordId) {
        Map<String, Object> record = recordOfId.apply(recordId);
        SObjectSchema schema = schemaOfId.apply(recordId).orElse(null);
        if (record == null || schema == null) {
            return Level.NONE;
        }
        if (modifyAll.contains(userId)) {
            return Level.ALL;
        }
        Level granted = viewAll.contains(userId) ? Level.READ : Level.NONE;
        String model = sharingModels.getOrDefault(schema.name, "Private");
        if (model.equals("ControlledByParent")) {
            Object master = record.get(masterFields.get(schema.name));
            return Level.max(granted, master == null ? Level.NONE : level(userId, master.toString()));
        }
        if (userId.equals(record.get("OwnerId"))) {
            return Level.ALL;
        }
        granted = Level.max(granted, switch (model.toLowerCase(Locale.ROOT)) {
            case "read" -> Level.READ;
            case "readwrite", "publicreadwritetransfer", "fullaccess" -> Level.EDIT;
            default -> Level.NONE;
        });
        return Level.max(granted, shares.getOrDefault(userId + ":" + recordId, Level.NONE));
    }

    private static void toggle(Set<String> users, String userId, boolean on) {
        if (on) {
            users.add(userId);
        } else {
            users.remove(userId);
        }
    }
}
