package io.mpcrm.connector.sandbox.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the SFDX source-format object metadata ({@code objects/<Obj>/<Obj>.object-meta.xml} and
 * {@code objects/<Obj>/fields/<Field>.field-meta.xml}) and the permission sets beside them
 * ({@code permissionsets/<Name>.permissionset-meta.xml}) into plain descriptions the sandbox org serves.
 */
public final class SalesforceMetadata {

    /**
     * One custom object or platform event. {@code customFields} is keyed by API name, in file-name order;
     * {@code sharingModel} is the organization-wide default (Private, Read, ReadWrite, ControlledByParent), null for
     * platform events.
     */
    public record SObjectDescription(String name, String label, boolean platformEvent, String nameFieldType,
                                     String nameFieldFormat, Map<String, FieldDescription> customFields,
                                     String sharingModel) {
    }

    /** One custom field. {@code type} is the metadata type (Text, Number, Picklist, Lookup, MasterDetail, ...). */
    public record FieldDescription(String name, String type, Integer length, Integer precision, Integer scale,
                                   String referenceTo, String relationshipName, List<String> picklistValues,
                                   String defaultValue, boolean externalId, boolean unique, boolean required,
                                   boolean restrictedPicklist) {
    }

    /**
     * One permission set: its object permissions by object API name, its field permissions by {@code Object.Field},
     * the flows it enables ({@code flowAccesses}) and the user permissions it turns on ({@code userPermissions}).
     */
    public record PermissionSetDescription(String name, Map<String, ObjectPermissions> objects,
                                           Map<String, FieldPermissions> fields, Set<String> flows,
                                           Set<String> userPermissions) {
    }

    /** A permission set's {@code objectPermissions} for one object. */
    public record ObjectPermissions(boolean read, boolean create, boolean edit, boolean delete, boolean viewAll,
                                    boolean modifyAll) {
        public static final ObjectPermissions NONE = new ObjectPermissions(false, false, false, false, false, false);
        public static final ObjectPermissions ALL = new ObjectPermissions(true, true, true, true, true, true);

        /** What two grants give together: permission sets only add to each other. */
        public ObjectPermissions or(ObjectPermissions o) {
            return new ObjectPermissions(read || o.read, create || o.create, edit || o.edit, delete || o.delete,
                    viewAll || o.viewAll, modifyAll || o.modifyAll);
        }
    }

    /** A permission set's {@code fieldPermissions} for one field. */
    public record FieldPermissions(boolean readable, boolean editable) {
    }

    private final Map<String, SObjectDescription> objects;
    private final Map<String, PermissionSetDescription> permissionSets;

    private SalesforceMetadata(Map<String, SObjectDescription> objects,
                               Map<String, PermissionSetDescription> permissionSets) {
        this.objects = objects;
        this.permissionSets = permissionSets;
    }

    /**
     * Loads every object directory below {@code objectsDir} (sorted by name, so key prefixes are stable) and every
     * permission set in the {@code permissionsets} directory beside it, if there is one.
     */
    public static SalesforceMetadata load(Path objectsDir) {
        Map<String, SObjectDescription> result = new LinkedHashMap<>();
        if (!Files.isDirectory(objectsDir)) {
            throw new IllegalArgumentException("Not a directory: " + objectsDir);
        }
        try (Stream<Path> dirs = Files.list(objectsDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                SObjectDescription d = readObject(dir);
                result.put(d.name(), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, PermissionSetDescription> sets = new LinkedHashMap<>();
        Path setsDir = objectsDir.toAbsolutePath().getParent().resolve("permissionsets");
        if (Files.isDirectory(setsDir)) {
            try (Stream<Path> files = Files.list(setsDir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(PERMISSION_SET_SUFFIX)).sorted()
                        .toList()) {
                    PermissionSetDescription set = readPermissionSet(f);
                    sets.put(set.name(), set);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SalesforceMetadata(Collections.unmodifiableMap(result), Collections.unmodifiableMap(sets));
    }

    private static final String PERMISSION_SET_SUFFIX = ".permissionset-meta.xml";

    /** Reads one {@code <Name>.permissionset-meta.xml}; the name is the file's. */
    public static PermissionSetDescription readPermissionSet(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(PERMISSION_SET_SUFFIX)
                ? fileName.substring(0, fileName.length() - PERMISSION_SET_SUFFIX.length()) : fileName;
        Element root = parse(file);
        Map<String, ObjectPermissions> objectGrants = new LinkedHashMap<>();
        for (Element grant : children(root, "objectPermissions")) {
            objectGrants.merge(text(grant, "object"), new ObjectPermissions(bool(grant, "allowRead"),
                    bool(grant, "allowCreate"), bool(grant, "allowEdit"), bool(grant, "allowDelete"),
                    bool(grant, "viewAllRecords"), bool(grant, "modifyAllRecords")), ObjectPermissions::or);
        }
        Map<String, FieldPermissions> fieldGrants = new LinkedHashMap<>();
        for (Element grant : children(root, "fieldPermissions")) {
            fieldGrants.put(text(grant, "field"),
                    new FieldPermissions(bool(grant, "readable"), bool(grant, "editable")));
        }
        Set<String> flows = new TreeSet<>();
        for (Element grant : children(root, "flowAccesses")) {
            if (bool(grant, "enabled")) {
                flows.add(text(grant, "flow"));
            }
        }
        Set<String> userPermissions = new TreeSet<>();
        for (Element grant : children(root, "userPermissions")) {
            if (bool(grant, "enabled")) {
                userPermissions.add(text(grant, "name"));
            }
        }
        return new PermissionSetDescription(name, Collections.unmodifiableMap(objectGrants),
                Collections.unmodifiableMap(fieldGrants), Collections.unmodifiableSet(flows),
                Collections.unmodifiableSet(userPermissions));
    }

    public Optional<PermissionSetDescription> permissionSet(String name) {
        return Optional.ofNullable(permissionSets.get(name));
    }

    public Collection<PermissionSetDescription> permissionSets() {
        return permissionSets.values();
    }

    public Optional<SObjectDescription> object(String apiName) {
        SObjectDescription d = objects.get(apiName);
        if (d == null) {
            d = objects.values().stream().filter(o -> o.name().equalsIgnoreCase(apiName)).findFirst().orElse(null);
        }
        return Optional.ofNullable(d);
    }

    public Collection<SObjectDescription> objects() {
        return objects.values();
    }

    private static SObjectDescription readObject(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        Path objectFile = dir.resolve(name + ".object-meta.xml");
        String label = name;
        String nameType = "Text";
        String nameFormat = null;
        boolean platformEvent = name.endsWith("__e");
        String sharingModel = null;
        if (Files.exists(objectFile)) {
            Element root = parse(objectFile);
            label = Optional.ofNullable(text(root, "label")).orElse(name);
            sharingModel = text(root, "sharingModel");
            if (child(root, "eventType") != null) {
                platformEvent = true;
            }
            Element nameField = child(root, "nameField");
            if (nameField != null) {
                nameType = Optional.ofNullable(text(nameField, "type")).orElse("Text");
                nameFormat = text(nameField, "displayFormat");
            }
        }
        Map<String, FieldDescription> fields = new LinkedHashMap<>();
        Path fieldsDir = dir.resolve("fields");
        if (Files.isDirectory(fieldsDir)) {
            try (Stream<Path> files = Files.list(fieldsDir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".field-meta.xml")).sorted().toList()) {
                    FieldDescription fd = readField(f);
                    fields.put(fd.name(), fd);
                }
            }
        }
        return new SObjectDescription(name, label, platformEvent, platformEvent ? null : nameType, nameFormat,
                Collections.unmodifiableMap(fields), platformEvent ? null : sharingModel);
    }

    private static FieldDescription readField(Path file) {
        Element root = parse(file);
        String fileName = file.getFileName().toString();
        String name = Optional.ofNullable(text(root, "fullName"))
                .orElse(fileName.substring(0, fileName.length() - ".field-meta.xml".length()));
        String type = Optional.ofNullable(text(root, "type")).orElse("Text");
        List<String> values = new ArrayList<>();
        String defaultValue = text(root, "defaultValue");
        Element valueSet = child(root, "valueSet");
        if (valueSet != null) {
            Element def = child(valueSet, "valueSetDefinition");
            if (def != null) {
                for (Element v : children(def, "value")) {
                    String full = text(v, "fullName");
                    values.add(full);
                    if ("true".equalsIgnoreCase(text(v, "default")) && defaultValue == null) {
                        defaultValue = full;
                    }
                }
            }
        }
        if (defaultValue != null && defaultValue.length() >= 2 && defaultValue.startsWith("\"")
                && defaultValue.endsWith("\"")) {
            defaultValue = defaultValue.substring(1, defaultValue.length() - 1);
        }
        boolean required = bool(root, "required") || "MasterDetail".equalsIgnoreCase(type);
        return new FieldDescription(name, type, integer(root, "length"), integer(root, "precision"),
                integer(root, "scale"), text(root, "referenceTo"), text(root, "relationshipName"),
                List.copyOf(values), defaultValue, bool(root, "externalId"), bool(root, "unique"), required,
                valueSet != null && bool(valueSet, "restricted"));
    }

    private static Element parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(in).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName(e).equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String localName(Element e) {
        String n = e.getTagName();
        int colon = n.indexOf(':');
        return colon < 0 ? n : n.substring(colon + 1);
    }

    private static String text(Element parent, String tag) {
        Element c = child(parent, tag);
        if (c == null) {
            return null;
        }
        String t = c.getTextContent();
        return t == null ? null : t.trim();
    }

    private static Integer integer(Element parent, String tag) {
        String t = text(parent, tag);
        return t == null || t.isEmpty() ? null : Integer.valueOf(t);
    }

    private static boolean bool(Element parent, String tag) {
        return "true".equals(Optional.ofNullable(text(parent, tag)).map(s -> s.toLowerCase(Locale.ROOT)).orElse(""));
    }
}
