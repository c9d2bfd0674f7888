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
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the SFDX source-format object metadata ({@code objects/<Obj>/<Obj>.object-meta.xml} and
 * {@code objects/<Obj>/fields/<Field>.field-meta.xml}) into plain descriptions the sandbox org serves.
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

    private final Map<String, SObjectDescription> objects;

    private SalesforceMetadata(Map<String, SObjectDescription> objects) {
        this.objects = objects;
    }

    /** Loads every object directory below {@code objectsDir} (sorted by name, so key prefixes are stable). */
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
        return new SalesforceMetadata(Collections.unmodifiableMap(result));
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
