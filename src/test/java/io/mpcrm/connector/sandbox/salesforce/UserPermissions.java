package io.mpcrm.connector.sandbox.salesforce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.mpcrm.connector.sandbox.salesforce.SObjectSchema.Field;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.FieldPermissions;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.ObjectPermissions;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata.PermissionSetDescription;

/**
 * What each user may do with each object and field, as Salesforce works it out from the user's profile and the
 * permission sets assigned to them. Permissions only add up: a permission set "extends users' functional access
 * without changing their profiles" (Salesforce Help, Permission Sets), and a user holds what any of them grants.
 *
 * <ul>
 * <li>Object permissions are the sets' {@code objectPermissions} (Read, Create, Edit, Delete, View All, Modify All;
 * https://help.salesforce.com/s/articleView?id=platform.users_profiles_object_perms.htm&type=5). "View All Data" and
 * "Modify All Data" (the System Administrator profile, or {@link #setViewAllData}/{@link #setModifyAllData}) act on
 * every object.</li>
 * <li>Field-level security is the sets' {@code fieldPermissions} (readable, editable). Standard fields (Id, Name,
 * OwnerId, the audit fields) and required or master-detail custom fields come with the object: a permission set
 * cannot even name them (a deploy rejects it; see the project's deploy check). A platform event's fields have no
 * field-level security.</li>
 * <li>The standard objects the sandbox models have no object permissions in a permission set: every user reads
 * User records; files (ContentDocument, ContentVersion, ContentDocumentLink) are reached through file sharing
 * ({@link RecordAccess}); UserRecordAccess is open to every user for the records they can read.</li>
 * </ul>
 * The profiles: {@link SandboxOrg.Profile}. Thread-safe only under the store's monitor, like the rest of the store.
 */
final class UserPermissions {

    private static final Set<String> FILE_OBJECTS = Set.of("ContentDocument", "ContentVersion", "ContentDocumentLink");

    private final SalesforceMetadata metadata;
    private final Map<String, SandboxOrg.Profile> profiles = new HashMap<>();
    private final Map<String, Set<String>> assigned = new HashMap<>();
    private final Set<String> viewAllData = new HashSet<>();
    private final Set<String> modifyAllData = new HashSet<>();
    private final Map<String, Map<String, ObjectPermissions>> objectCache = new HashMap<>();
    private final Map<String, Map<String, FieldPermissions>> fieldCache = new HashMap<>();

    UserPermissions(SalesforceMetadata metadata) {
        this.metadata = metadata;
    }

    void setProfile(String userId, SandboxOrg.Profile profile) {
        profiles.put(userId, profile);
        forget(userId);
    }

    SandboxOrg.Profile profile(String userId) {
        return profiles.getOrDefault(userId, SandboxOrg.Profile.MINIMUM_ACCESS_SALESFORCE);
    }

    /** Assigns a permission set of the project's metadata; an unknown name fails, as {@code sf org assign permset} does. */
    void assign(String userId, String permissionSet) {
        if (metadata.permissionSet(permissionSet).isEmpty()) {
            List<String> known = new ArrayList<>();
            metadata.permissionSets().forEach(p -> known.add(p.name()));
            throw new IllegalArgumentException("No permission set " + permissionSet + " in the metadata; there are "
                    + known);
        }
        assigned.computeIfAbsent(userId, u -> new LinkedHashSet<>()).add(permissionSet);
        forget(userId);
    }

    Set<String> permissionSets(String userId) {
        return Collections.unmodifiableSet(assigned.getOrDefault(userId, Set.of()));
    }

    void setViewAllData(String userId, boolean on) {
        toggle(viewAllData, userId, on);
        forget(userId);
    }

    void setModifyAllData(String userId, boolean on) {
        toggle(modifyAllData, userId, on);
        forget(userId);
    }

    boolean viewAllData(String userId) {
        return viewAllData.contains(userId) || modifyAllData(userId);
    }

    boolean modifyAllData(String userId) {
        return modifyAllData.contains(userId) || profile(userId) == SandboxOrg.Profile.SYSTEM_ADMINISTRATOR;
    }

    /** The user's permissions on an object, from the profile and every assigned permission set together. */
    ObjectPermissions object(String userId, SObjectSchema schema) {
        if (modifyAllData(userId)) {
            return ObjectPermissions.ALL;
        }
        if (!schema.custom) {
            if (FILE_OBJECTS.contains(schema.name)) {
                // File access is file sharing: owner, a share, or a record the file is linked to.
                return new ObjectPermissions(true, true, true, true, viewAllData(userId), false);
            }
            return new ObjectPermissions(true, false, false, false, viewAllData(userId), false);
        }
        ObjectPermissions granted = objectCache.computeIfAbsent(userId, this::objects)
                .getOrDefault(schema.name.toLowerCase(Locale.ROOT), ObjectPermissions.NONE);
        if (viewAllData(userId)) {
            granted = granted.or(new ObjectPermissions(true, false, false, false, true, false));
        }
        return granted;
    }

    /** Whether the user sees the field at all (field-level security "Read Access"), given they read the object. */
    boolean readable(String userId, SObjectSchema schema, Field field) {
        if (!field.custom() || schema.platformEvent || comesWithTheObject(field) || viewAllData(userId)) {
            return true;
        }
        FieldPermissions p = fieldCache.computeIfAbsent(userId, this::fields)
                .get((schema.name + "." + field.name()).toLowerCase(Locale.ROOT));
        return p != null && p.readable();
    }

    /** Whether the user may set the field (field-level security "Edit Access"); the field itself must be writable too. */
    boolean editable(String userId, SObjectSchema schema, Field field) {
        if (!field.custom() || schema.platformEvent || comesWithTheObject(field) || modifyAllData(userId)) {
            return true;
        }
        FieldPermissions p = fieldCache.computeIfAbsent(userId, this::fields)
                .get((schema.name + "." + field.name()).toLowerCase(Locale.ROOT));
        return p != null && p.editable();
    }

    /** Required and master-detail custom fields: no permission set names them, and whoever has the object has them. */
    static boolean comesWithTheObject(Field field) {
        return field.custom() && (field.required() || "MasterDetail".equalsIgnoreCase(field.metadataType()));
    }

    private Map<String, ObjectPermissions> objects(String userId) {
        Map<String, ObjectPermissions> out = new HashMap<>();
        for (PermissionSetDescription set : sets(userId)) {
            set.objects().forEach((object, p) -> out.merge(object.toLowerCase(Locale.ROOT), p, ObjectPermissions::or));
        }
        return out;
    }

    private Map<String, FieldPermissions> fields(String userId) {
        Map<String, FieldPermissions> out = new HashMap<>();
        for (PermissionSetDescription set : sets(userId)) {
            set.fields().forEach((field, p) -> out.merge(field.toLowerCase(Locale.ROOT), p,
                    (a, b) -> new FieldPermissions(a.readable() || b.readable(), a.editable() || b.editable())));
        }
        return out;
    }

    private List<PermissionSetDescription> sets(String userId) {
        List<PermissionSetDescription> out = new ArrayList<>();
        for (String name : assigned.getOrDefault(userId, Set.of())) {
            metadata.permissionSet(name).ifPresent(out::add);
        }
        return out;
    }

    private void forget(String userId) {
        objectCache.remove(userId);
        fieldCache.remove(userId);
    }

    private static void toggle(Set<String> users, String userId, boolean on) {
        if (on) {
            users.add(userId);
        } else {
            users.remove(userId);
        }
    }
}
