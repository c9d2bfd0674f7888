package io.mpcrm.connector.salesforce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The checks a Salesforce deploy makes and that {@code sf project convert source} does not (it converts
 * broken XML, unknown field types and misnamed files without complaint). Each problem starts with its
 * rule family in brackets, then the file relative to force-app/main/default.
 */
final class SalesforceMetadataDeployCheck {

    static final String NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

    static final Map<String, String> ROOT_BY_SUFFIX = Map.of(
            ".object-meta.xml", "CustomObject",
            ".field-meta.xml", "CustomField",
            ".listView-meta.xml", "ListView",
            ".flow-meta.xml", "Flow",
            ".quickAction-meta.xml", "QuickAction",
            ".permissionset-meta.xml", "PermissionSet",
            ".tab-meta.xml", "CustomTab",
            ".app-meta.xml", "CustomApplication");

    static final Set<String> STANDARD_OBJECTS = Set.of("Account", "Asset", "Campaign", "Case", "Contact",
            "ContentDocument", "ContentVersion", "Contract", "Lead", "Opportunity", "Order", "Pricebook2",
            "Product2", "Quote", "User");

    static final Set<String> FIELD_TYPES = Set.of("Text", "TextArea", "LongTextArea", "Html", "Number", "Currency",
            "Percent", "Date", "DateTime", "Checkbox", "Picklist", "MultiselectPicklist", "Lookup", "MasterDetail",
            "Url", "Email", "Phone");

    static final Set<String> DELETE_CONSTRAINTS = Set.of("SetNull", "Restrict", "Cascade");

    /** Fields every object has without a field file; flows and list views may name them. */
    static final Set<String> STANDARD_FIELDS = Set.of("Id", "Name", "OwnerId", "CreatedDate", "CreatedById",
            "LastModifiedDate", "LastModifiedById");

    private record Field(String object, String name, Path file, Element xml) {
        String type() { return text(xml, "type"); }
        boolean required() { return "true".equals(text(xml, "required")); }
    }

    private final List<String> problems = new ArrayList<>();
    private Path root;
    private final Map<Path, Element> documents = new TreeMap<>();
    private final Map<String, Element> objects = new TreeMap<>();
    private final Map<String, Map<String, Field>> fields = new TreeMap<>();
    private final Set<String> flows = new java.util.TreeSet<>();
    private final Set<String> tabs = new java.util.TreeSet<>();
    private final Set<String> applications = new java.util.TreeSet<>();

    private SalesforceMetadataDeployCheck() {
    }

    /** Every problem a deploy of {@code forceAppDefault} would run into; empty when it would go through. */
    static List<String> problems(Path forceAppDefault) {
        SalesforceMetadataDeployCheck check = new SalesforceMetadataDeployCheck();
        check.run(forceAppDefault);
        return List.copyOf(check.problems);
    }

    private void run(Path forceAppDefault) {
        root = forceAppDefault;
        if (!Files.isDirectory(root)) {
            report("xml", root, "no metadata directory here");
            return;
        }
        parseAll();
        index();
        documents.forEach((file, xml) -> {
            switch (xml.getLocalName()) {
                case "CustomObject" -> checkObject(file, xml);
                case "ListView" -> checkListView(file, xml);
                case "Flow" -> checkFlow(file, xml);
                case "QuickAction" -> checkQuickAction(file, xml);
                case "PermissionSet" -> checkPermissionSet(file, xml);
                case "CustomTab" -> checkTab(file, xml);
                case "CustomApplication" -> checkApplication(file, xml);
                default -> { }
            }
        });
        fields.values().forEach(byName -> byName.values().forEach(this::checkField));
        checkMasterDetailCount();
        checkRelationshipNamesAreUniquePerParent();
    }

    // ------------------------------------------------------------------ parsing

    private void parseAll() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            report("xml", root, "cannot read: " + e.getMessage());
            return;
        }
        if (files.isEmpty()) {
            report("xml", root, "no metadata files");
        }
        DocumentBuilder builder = newBuilder();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String expectedRoot = ROOT_BY_SUFFIX.entrySet().stream()
                    .filter(e -> name.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            if (expectedRoot == null) {
                report("root", file, "unknown metadata suffix; a deploy would silently ignore this file");
                continue;
            }
            Document document;
            try {
                builder.reset();
                document = builder.parse(file.toFile());
            } catch (SAXParseException e) {
                report("xml", file, "not well-formed XML at line " + e.getLineNumber() + ": " + e.getMessage());
                continue;
            } catch (SAXException | IOException e) {
                report("xml", file, "not well-formed XML: " + e.getMessage());
                continue;
            }
            Element xml = document.getDocumentElement();
            if (!expectedRoot.equals(xml.getLocalName())) {
                report("root", file, "root element <" + xml.getLocalName() + ">, a " + suffixOf(name)
                        + " file needs <" + expectedRoot + ">");
            } else if (!NAMESPACE.equals(xml.getNamespaceURI())) {
                report("root", file, "root element is not in the namespace " + NAMESPACE);
            } else {
                documents.put(file, xml);
            }
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void index() {
        documents.forEach((file, xml) -> {
            String stem = stem(file);
            switch (xml.getLocalName()) {
                case "CustomObject" -> {
                    if (!file.getParent().getFileName().toString().equals(stem)) {
                        report("root", file, "an object file belongs in objects/" + stem + "/");
                    }
                    objects.put(stem, xml);
                }
                case "CustomField" -> {
                    String object = file.getParent().getParent().getFileName().toString();
                    fields.computeIfAbsent(object, o -> new TreeMap<>()).put(stem, new Field(object, stem, file, xml));
                }
                case "Flow" -> flows.add(stem);
                case "CustomTab" -> tabs.add(stem);
                case "CustomApplication" -> applications.add(stem);
                default -> { }
            }
        });
        fields.forEach((object, byName) -> {
            if (!objects.containsKey(object)) {
                byName.values().forEach(f -> report("reference", f.file(),
                        "field of object " + object + ", which has no " + object + ".object-meta.xml"));
            }
        });
    }

    // ------------------------------------------------------------------ objects and fields

    private void checkObject(Path file, Element xml) {
        String name = stem(file);
        if (name.endsWith("__e")) {
            if (!"HighVolume".equals(text(xml, "eventType"))) {
                report("event", file, "platform event needs <eventType>HighVolume</eventType>, found " + text(xml, "eventType"));
            }
            if (!"PublishAfterCommit".equals(text(xml, "publishBehavior"))) {
                report("event", file, "platform event needs <publishBehavior>PublishAfterCommit</publishBehavior>, found "
                        + text(xml, "publishBehavior"));
            }
            return;
        }
        if (!name.endsWith("__c")) {
            report("root", file, "custom object name must end in __c or __e");
        }
        for (String required : List.of("label", "pluralLabel", "deploymentStatus", "sharingModel")) {
            if (text(xml, required) == null) {
                report("root", file, "object needs <" + required + ">");
            }
        }
        Element nameField = child(xml, "nameField");
        if (nameField == null || text(nameField, "type") == null || text(nameField, "label") == null) {
            report("root", file, "object needs a <nameField> with <label> and <type>");
        } else if ("AutoNumber".equals(text(nameField, "type")) && text(nameField, "displayFormat") == null) {
            report("root", file, "AutoNumber name field needs <displayFormat>");
        }
    }

    private void checkField(Field field) {
        Path file = field.file();
        Element xml = field.xml();
        String fullName = text(xml, "fullName");
        if (fullName != null && !fullName.equals(field.name())) {
            report("field", file, "file name " + field.name() + " differs from <fullName>" + fullName + "</fullName>");
        }
        if (!field.name().endsWith("__c")) {
            report("field", file, "custom field name must end in __c");
        }
        if (text(xml, "label") == null) {
            report("field", file, "field needs <label>");
        }
        String type = field.type();
        if (type == null || !FIELD_TYPES.contains(type)) {
            report("field", file, "unknown field type '" + type + "'");
            return;
        }
        switch (type) {
            case "Text" -> needRange(file, xml, "length", 1, 255, type);
            case "LongTextArea", "Html" -> {
                needRange(file, xml, "length", 256, 131_072, type);
                needPresent(file, xml, "visibleLines", type);
            }
            case "Number", "Currency", "Percent" -> {
                Integer precision = needRange(file, xml, "precision", 1, 18, type);
                Integer scale = needRange(file, xml, "scale", 0, 18, type);
                if (precision != null && scale != null && scale > precision) {
                    report("field", file, type + " scale " + scale + " exceeds precision " + precision);
                }
            }
            case "Picklist", "MultiselectPicklist" -> checkPicklist(file, xml, type);
            case "Checkbox" -> {
                String value = text(xml, "defaultValue");
                if (!"true".equals(value) && !"false".equals(value)) {
                    report("field", file, "Checkbox needs <defaultValue> true or false, found " + value);
                }
            }
            case "Lookup" -> {
                checkRelationship(field, type);
                String constraint = text(xml, "deleteConstraint");
                if (constraint == null || !DELETE_CONSTRAINTS.contains(constraint)) {
                    report("field", file, "Lookup needs <deleteConstraint> SetNull, Restrict or Cascade, found " + constraint);
                } else if ("SetNull".equals(constraint) && field.required()) {
                    report("field", file, "a required Lookup cannot clear itself: deleteConstraint SetNull");
                }
            }
            case "MasterDetail" -> {
                checkRelationship(field, type);
                if (text(xml, "deleteConstraint") != null) {
                    report("field", file, "MasterDetail takes no <deleteConstraint> (children are always deleted with the parent)");
                }
            }
            default -> { }
        }
    }

    private void checkPicklist(Path file, Element xml, String type) {
        Element valueSet = child(xml, "valueSet");
        if (valueSet == null) {
            report("field", file, type + " needs <valueSet>");
            return;
        }
        if (text(valueSet, "valueSetName") != null) {
            return;
        }
        Element definition = child(valueSet, "valueSetDefinition");
        List<Element> values = definition == null ? List.of() : children(definition, "value");
        if (values.isEmpty()) {
            report("field", file, type + " needs at least one <value> in <valueSet><valueSetDefinition>");
        }
        long defaults = values.stream().filter(v -> "true".equals(text(v, "default"))).count();
        if (defaults > 1) {
            report("field", file, type + " has " + defaults + " default values; at most one is allowed");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Element value : values) {
            String fullName = text(value, "fullName");
            if (fullName == null || !seen.add(fullName)) {
                report("field", file, type + " value missing or duplicated: " + fullName);
            }
        }
        if ("MultiselectPicklist".equals(type)) {
            needPresent(file, xml, "visibleLines", type);
        }
    }

    private void checkRelationship(Field field, String type) {
        Path file = field.file();
        String referenceTo = text(field.xml(), "referenceTo");
        if (referenceTo == null) {
            report("field", file, type + " needs <referenceTo>");
        } else if (!objects.containsKey(referenceTo) && !STANDARD_OBJECTS.contains(referenceTo)) {
            report("reference", file, type + " references " + referenceTo
                    + ", which is neither an object of this project nor a standard object");
        }
        if (text(field.xml(), "relationshipName") == null) {
            report("field", file, type + " needs <relationshipName>");
        }
    }

    private void checkMasterDetailCount() {
        fields.forEach((object, byName) -> {
            List<String> masters = byName.values().stream().filter(f -> "MasterDetail".equals(f.type()))
                    .map(Field::name).toList();
            if (masters.size() > 2) {
                report("master-detail", root.resolve("objects").resolve(object),
                        "an object can have at most 2 master-detail fields, found " + masters);
            }
        });
    }

    /** The relationship name is the parent's child-relationship name, so it must be unique per parent. */
    private void checkRelationshipNamesAreUniquePerParent() {
        Map<List<String>, List<String>> users = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        fields.values().forEach(byName -> byName.values().forEach(f -> {
            String parent = text(f.xml(), "referenceTo");
            String relationship = text(f.xml(), "relationshipName");
            if (parent != null && relationship != null) {
                users.computeIfAbsent(List.of(parent, relationship.toLowerCase()), k -> new ArrayList<>()).add(f.object() + "." + f.name());
            }
        }));
        users.forEach((parentAndName, sharing) -> {
            if (sharing.size() > 1) {
                String first = sharing.get(0);
                String relationship = text(field(first).xml(), "relationshipName");
                report("relationship", root.resolve("objects"), "relationshipName " + relationship + " towards "
                        + parentAndName.get(0) + " is used by " + sharing + "; it must be unique per parent");
            }
        });
    }

    // ------------------------------------------------------------------ everything that refers to objects and fields

    private void checkPermissionSet(Path file, Element xml) {
        for (Element grant : children(xml, "fieldPermissions")) {
            String name = text(grant, "field");
            Field field = field(name);
            if (field == null) {
                report("permission", file, "grants field " + name + ", which does not exist");
            } else if (field.required()) {
                report("permission", file, "grants required field " + name + "; a deploy rejects permissions on required fields");
            } else if ("MasterDetail".equals(field.type())) {
                report("permission", file, "grants master-detail field " + name + "; a deploy rejects permissions on master-detail fields");
            }
        }
        for (Element grant : children(xml, "objectPermissions")) {
            String object = text(grant, "object");
            if (!objects.containsKey(object) && !STANDARD_OBJECTS.contains(object)) {
                report("permission", file, "grants object " + object + ", which does not exist");
            } else if (object.endsWith("__e")) {
                for (String right : List.of("allowEdit", "allowDelete", "viewAllRecords", "modifyAllRecords")) {
                    if ("true".equals(text(grant, right))) {
                        report("permission", file, "platform event " + object + " takes only Read and Create, not " + right);
                    }
                }
            }
        }
        for (Element setting : children(xml, "tabSettings")) {
            String tab = text(setting, "tab");
            if (!tabs.contains(tab) && (tab == null || !tab.startsWith("standard-"))) {
                report("permission", file, "tab setting for " + tab + ", which does not exist");
            }
        }
        for (Element visibility : children(xml, "applicationVisibilities")) {
            String app = text(visibility, "application");
            if (!applications.contains(app)) {
                report("permission", file, "application visibility for " + app + ", which does not exist");
            }
        }
    }

    private void checkQuickAction(Path file, Element xml) {
        String name = stem(file);
        String object = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
        if (object != null && !objects.containsKey(object) && !STANDARD_OBJECTS.contains(object)) {
            report("quick-action", file, "is an action on " + object + ", which does not exist");
        }
        if ("Flow".equals(text(xml, "type"))) {
            String flow = text(xml, "flowDefinition");
            if (flow == null || !flows.contains(flow)) {
                report("quick-action", file, "launches flow " + flow + ", which does not exist in flows/");
            }
        }
    }

    private void checkListView(Path file, Element xml) {
        String object = file.getParent().getParent().getFileName().toString();
        if (!objects.containsKey(object)) {
            report("list-view", file, "is a list view of " + object + ", which does not exist");
            return;
        }
        List<String> named = new ArrayList<>(children(xml, "columns").stream().map(SalesforceMetadataDeployCheck::text).toList());
        children(xml, "filters").forEach(filter -> named.add(text(filter, "field")));
        for (String column : named) {
            if (column != null && column.endsWith("__c") && field(object + "." + column) == null) {
                report("list-view", file, "shows field " + column + ", which " + object + " does not have");
            }
        }
    }

    private void checkTab(Path file, Element xml) {
        if ("true".equals(text(xml, "customObject")) && !objects.containsKey(stem(file))) {
            report("tab", file, "is the tab of object " + stem(file) + ", which does not exist");
        }
    }

    private void checkApplication(Path file, Element xml) {
        for (Element tab : children(xml, "tabs")) {
            String name = text(tab);
            if (!tabs.contains(name) && !name.startsWith("standard-")) {
                report("app", file, "shows tab " + name + ", which does not exist");
            }
        }
    }

    private void checkFlow(Path file, Element xml) {
        Element start = child(xml, "start");
        if (start != null && text(start, "object") != null) {
            needObject(file, text(start, "object"));
        }
        for (String kind : List.of("recordCreates", "recordLookups", "recordUpdates")) {
            for (Element element : children(xml, kind)) {
                String object = text(element, "object");
                if (object == null || !needObject(file, object)) {
                    continue;
                }
                List<String> named = new ArrayList<>();
                for (String part : List.of("inputAssignments", "filters", "outputAssignments")) {
                    children(element, part).forEach(e -> named.add(text(e, "field")));
                }
                children(element, "queriedFields").forEach(e -> named.add(text(e)));
                for (String fieldName : named) {
                    if (fieldName != null && !STANDARD_FIELDS.contains(fieldName) && field(object + "." + fieldName) == null) {
                        report("flow", file, text(element, "name") + " uses field " + object + "." + fieldName + ", which does not exist");
                    }
                }
            }
        }
        for (Element subflow : children(xml, "subflows")) {
            String flow = text(subflow, "flowName");
            if (!flows.contains(flow)) {
                report("flow", file, "calls subflow " + flow + ", which does not exist");
            }
        }
    }

    private boolean needObject(Path file, String object) {
        if (objects.containsKey(object) || STANDARD_OBJECTS.contains(object)) {
            return true;
        }
        report("flow", file, "uses object " + object + ", which does not exist");
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private Field field(String qualified) {
        if (qualified == null || !qualified.contains(".")) {
            return null;
        }
        int dot = qualified.indexOf('.');
        return fields.getOrDefault(qualified.substring(0, dot), Map.of()).get(qualified.substring(dot + 1));
    }

    private Integer needRange(Path file, Element xml, String tag, int min, int max, String type) {
        String value = text(xml, tag);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        report("field", file, type + " needs <" + tag + "> between " + min + " and " + max + ", found " + value);
        return null;
    }

    private void needPresent(Path file, Element xml, String tag, String type) {
        if (text(xml, tag) == null) {
            report("field", file, type + " needs <" + tag + ">");
        }
    }

    private void report(String family, Path file, String message) {
        Path shown = root != null && file.startsWith(root) ? root.relativize(file) : file;
        problems.add("[" + family + "] " + shown.toString().replace('\\', '/') + ": " + message);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - suffixOf(name).length());
    }

    private static String suffixOf(String fileName) {
        return ROOT_BY_SUFFIX.keySet().stream().filter(fileName::endsWith).findFirst().orElse("");
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && tag.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    private static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String tag) {
        Element element = child(parent, tag);
        return element == null ? null : text(element);
    }

    private static String text(Element element) {
        String value = element.getTextContent().trim();
        return value.isEmpty() ? null : value;
    }

    /** Field name to type (and length, precision or reference where it matters), for contract assertions. */
    static Map<String, String> describe(Path forceAppDefault, String object) {
        SalesforceMetadataDeployCheck check = new SalesforceMetadataDeployCheck();
        check.run(forceAppDefault);
        Map<String, String> described = new LinkedHashMap<>();
        check.fields.getOrDefault(object, Map.of()).forEach((name, f) -> described.put(name, signature(f.xml())));
        return described;
    }

    private static String signature(Element xml) {
        String type = text(xml, "type");
        return switch (type == null ? "" : type) {
            case "Text", "LongTextArea" -> type + "(" + text(xml, "length") + ")";
            case "Number", "Currency", "Percent" -> type + "(" + text(xml, "precision") + "," + text(xml, "scale") + ")";
            case "Lookup", "MasterDetail" -> type + "(" + text(xml, "referenceTo") + ")";
            default -> type;
        };
    }
}
