package io.mpcrm.connector.salesforce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * The rules a deploy applies across files and to values, which Salesforce's Metadata API schema cannot express; {@link SalesforceMetadataSchema} checks everything the schema says (well-formed XML, the
 * root element a file's suffix promises, known elements in the schema's order, enumerations such as field types,
 * delete constraints, layout behaviours, section styles, action list contexts and action types, number and boolean
 * formats). A file the schema check rejects that way is left out here. What remains, and why the schema cannot say it:
 * <ul>
 * <li>[path] an object's file lives in the folder of its name: the schema sees one file, not where it is.</li>
 * <li>[object], [field] what a type needs given another value of the same file (a Text field's length, 1 to 255; a
 * Number's precision and scale; a Checkbox's true/false default; a Lookup's delete constraint; at most one default
 * picklist value; a name that ends in __c): every element of CustomField and CustomObject is optional in the schema
 * ({@code minOccurs="0"}), because the same types serve partial updates, and it has no ranges or conditions.</li>
 * <li>[reference], [master-detail], [relationship] a relationship points at an object that exists, an object has at
 * most two master-detail fields, a relationship name is unique per parent, sharingModel ControlledByParent goes with a
 * master-detail field and a master-detail child has no other sharing model: these look across files.</li>
 * <li>[permission] a permission set names objects, fields, tabs and apps that exist, grants no access to a required
 * or master-detail field, and grants each object permission with the ones it depends on (Create, Edit and View All need
 * Read; Delete needs Read and Edit; Modify All needs Read, Edit, Delete and View All: ObjectPermissions,
 * https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-objectpermissions.html):
 * names are plain strings to the schema, and each flag is a boolean of its own.</li>
 * <li>[quick-action], [flow], [list-view], [tab], [app] what a quick action launches, what a flow reads and writes,
 * what a list view shows and what a tab or app refers to exists in the project.</li>
 * <li>[component] a Lightning Web Component quick action opens a bundle of lwc/ that is exposed for
 * lightning__RecordAction with the same action type (ScreenAction or Action, ScreenAction when none is given: LWC
 * guide, Configure a Component for Quick Actions,
 * https://developer.salesforce.com/docs/platform/lwc/guide/use-config-for-quick-actions); a standard action override
 * names an Aura bundle of aura/ that implements lightning:actionOverride (Aura guide, Override Standard Actions with
 * Aura Components, https://developer.salesforce.com/docs/platform/aura-platform/guide/components-using-lex-s1-action-overrides.html),
 * and an Aura markup's {@code <c:name>} is a bundle of lwc/ or aura/.</li>
 * <li>[web-link] a list view button (searchLayouts listViewButtons) is a list button (massActionButton) of the
 * object, and a link to {@code /lightning/cmp/c__name} opens a bundle exposed for lightning__UrlAddressable (LWC
 * guide, https://developer.salesforce.com/docs/platform/lwc/guide/use-navigate-url-addressable.html).</li>
 * <li>[event] the request event is HighVolume (StandardVolume is still in the schema's enumeration but a deploy of a new
 * one fails) and PublishAfterCommit (the project's choice, so no event leaves a rolled-back request).</li>
 * <li>[layout] a layout is named after an object of the project, shows fields that object has (required ones as
 * Required, Salesforce-set ones Readonly), has as many columns as its section style takes, lists each action once with
 * its own sort order, shows only its own object's quick actions and standard buttons that exist, names related lists
 * by an existing lookup to it, and every quick action is on some layout (else nobody sees the button).</li>
 * </ul>
 * Each problem starts with its rule family in brackets, then the file relative to force-app/main/default.
 */
final class SalesforceMetadataDeployCheck {

    static final Set<String> STANDARD_OBJECTS = Set.of("Account", "Asset", "Campaign", "Case", "Contact",
            "ContentDocument", "ContentVersion", "Contract", "Lead", "Opportunity", "Order", "Pricebook2",
            "Product2", "Quote", "User");

    /** What each object permission needs granted with it (ObjectPermissions: "Requires PermissionsRead ..."). */
    static final Map<String, List<String>> PERMISSION_DEPENDENCIES = Map.of(
            "allowCreate", List.of("allowRead"),
            "allowEdit", List.of("allowRead"),
            "allowDelete", List.of("allowRead", "allowEdit"),
            "viewAllRecords", List.of("allowRead"),
            "modifyAllRecords", List.of("allowRead", "allowEdit", "allowDelete", "viewAllRecords"));

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
    private final Map<String, Path> quickActions = new TreeMap<>();
    /** Lightning Web Component bundles by name, each with its meta file. */
    private final Map<String, Element> components = new TreeMap<>();
    /** Aura bundles by name, each with its markup. */
    private final Map<String, String> auraMarkup = new TreeMap<>();
    /** Web links by object, then name. */
    private final Map<String, Map<String, Element>> webLinks = new TreeMap<>();
    /** Quick actions some layout shows on its record page. */
    private final Set<String> quickActionsOnLayouts = new java.util.TreeSet<>();

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
            report("path", root, "no metadata directory here");
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
                case "Layout" -> checkLayout(file, xml);
                case "WebLink" -> checkWebLink(file, xml);
                default -> { }
            }
        });
        auraMarkup.forEach(this::checkAuraMarkup);
        checkEveryQuickActionIsOnALayout();
        fields.values().forEach(byName -> byName.values().forEach(this::checkField));
        checkMasterDetailCount();
        checkRelationshipNamesAreUniquePerParent();
    }

    // ------------------------------------------------------------------ parsing

    /** Reads the files the schema check accepts as far as this check needs: well-formed, of a known type. */
    private void parseAll() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DocumentBuilder builder = newBuilder();
        for (Path file : files) {
            Optional<String> type = SalesforceMetadataSchema.typeOf(file);
            if (type.isEmpty()) {
                continue;
            }
            try {
                builder.reset();
                Element xml = builder.parse(file.toFile()).getDocumentElement();
                if (type.get().equals(xml.getLocalName()) && SalesforceMetadataSchema.NAMESPACE.equals(xml.getNamespaceURI())) {
                    documents.put(file, xml);
                }
            } catch (SAXException | IOException e) {
                // not well-formed: SalesforceMetadataSchema reports it with its line
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
                        report("path", file, "an object file belongs in objects/" + stem + "/");
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
                case "QuickAction" -> quickActions.put(stem, file);
                case "LightningComponentBundle" -> components.put(stem, xml);
                case "AuraDefinitionBundle" -> auraMarkup.put(stem, readMarkup(file.resolveSibling(stem + ".cmp")));
                case "WebLink" -> webLinks.computeIfAbsent(file.getParent().getParent().getFileName().toString(),
                        o -> new TreeMap<>()).put(stem, xml);
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
        checkActionOverrides(file, xml);
        checkListViewButtons(file, name, xml);
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
            report("object", file, "custom object name must end in __c or __e");
        }
        for (String required : List.of("label", "pluralLabel", "deploymentStatus", "sharingModel")) {
            if (text(xml, required) == null) {
                report("object", file, "object needs <" + required + ">");
            }
        }
        checkSharingFollowsTheMaster(file, name, xml);
        Element nameField = child(xml, "nameField");
        if (nameField == null || text(nameField, "type") == null || text(nameField, "label") == null) {
            report("object", file, "object needs a <nameField> with <label> and <type>");
        } else if ("AutoNumber".equals(text(nameField, "type")) && text(nameField, "displayFormat") == null) {
            report("object", file, "AutoNumber name field needs <displayFormat>");
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
        if (type == null) {
            report("field", file, "field needs <type>");
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
                if (constraint == null) {
                    report("field", file, "Lookup needs <deleteConstraint> SetNull, Restrict or Cascade");
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

    /**
     * Only a master-detail child takes its access from its parent (sharingModel ControlledByParent): a Lookup child
     * keeps a sharing model and owner of its own, and a detail has no owner, so it can have no other model. See
     * "Relationships Among Objects", developer.salesforce.com/docs/atlas.en-us.api.meta/api/relationships_among_objects.htm
     */
    private void checkSharingFollowsTheMaster(Path file, String object, Element xml) {
        boolean detail = fields.getOrDefault(object, Map.of()).values().stream()
                .anyMatch(f -> "MasterDetail".equals(f.type()));
        String sharing = text(xml, "sharingModel");
        if ("ControlledByParent".equals(sharing) && !detail) {
            report("master-detail", file, "sharingModel ControlledByParent needs a master-detail field; a Lookup does"
                    + " not pass its parent's sharing on");
        } else if (detail && sharing != null && !"ControlledByParent".equals(sharing)) {
            report("master-detail", file, "has a master-detail field, so its sharingModel must be ControlledByParent,"
                    + " not " + sharing);
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
            PERMISSION_DEPENDENCIES.forEach((right, needed) -> {
                if ("true".equals(text(grant, right))) {
                    for (String dependency : needed) {
                        if (!"true".equals(text(grant, dependency))) {
                            report("permission", file, object + " " + right + " depends on " + dependency
                                    + ", which the set does not grant; a deploy rejects it");
                        }
                    }
                }
            });
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
        if ("LightningWebComponent".equals(text(xml, "type"))) {
            checkComponentAction(file, xml);
        }
    }

    private void checkComponentAction(Path file, Element xml) {
        String name = text(xml, "lightningWebComponent");
        Element bundle = name == null ? null : components.get(name);
        if (bundle == null) {
            report("component", file, "opens component " + name + ", which does not exist in lwc/");
            return;
        }
        if (!"true".equals(text(bundle, "isExposed")) || !targets(bundle).contains("lightning__RecordAction")) {
            report("component", file, "opens component " + name + ", which is not exposed for lightning__RecordAction");
            return;
        }
        String subtype = text(xml, "actionSubtype") == null ? "ScreenAction" : text(xml, "actionSubtype");
        String declared = "ScreenAction";
        for (Element configs : children(bundle, "targetConfigs")) {
            for (Element config : children(configs, "targetConfig")) {
                if (List.of(config.getAttribute("targets").split(",")).contains("lightning__RecordAction")
                        && text(config, "actionType") != null) {
                    declared = text(config, "actionType");
                }
            }
        }
        if (!declared.equals(subtype)) {
            report("component", file, "is a " + subtype + " but component " + name + " declares actionType " + declared);
        }
    }

    private static List<String> targets(Element bundle) {
        List<String> targets = new ArrayList<>();
        children(bundle, "targets").forEach(t -> children(t, "target").forEach(target -> targets.add(text(target))));
        return targets;
    }

    private static String readMarkup(Path markup) {
        try {
            return Files.exists(markup) ? Files.readString(markup) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void checkAuraMarkup(String bundle, String markup) {
        java.util.regex.Matcher nested = java.util.regex.Pattern.compile("<c:([A-Za-z0-9_]+)").matcher(markup);
        while (nested.find()) {
            if (!components.containsKey(nested.group(1)) && !auraMarkup.containsKey(nested.group(1))) {
                report("component", root.resolve("aura").resolve(bundle).resolve(bundle + ".cmp"), "holds c:"
                        + nested.group(1) + ", which is no bundle of lwc/ or aura/");
            }
        }
    }

    private void checkActionOverrides(Path file, Element xml) {
        for (Element override : children(xml, "actionOverrides")) {
            if (!"LightningComponent".equals(text(override, "type"))) {
                continue;
            }
            String content = text(override, "content");
            String markup = content == null ? null : auraMarkup.get(content);
            if (markup == null) {
                report("component", file, text(override, "actionName") + " is overridden by " + content
                        + ", which is no bundle of aura/");
            } else if (!java.util.regex.Pattern.compile("<aura:component[^>]*implements=\"[^\"]*lightning:actionOverride")
                    .matcher(markup).find()) {
                report("component", file, text(override, "actionName") + " is overridden by " + content
                        + ", which does not implement lightning:actionOverride");
            }
        }
    }

    private void checkListViewButtons(Path file, String object, Element xml) {
        Map<String, Element> links = webLinks.getOrDefault(object, Map.of());
        for (Element layouts : children(xml, "searchLayouts")) {
            for (Element button : children(layouts, "listViewButtons")) {
                Element link = links.get(text(button));
                if (link == null) {
                    report("web-link", file, "shows list view button " + text(button) + ", which is no webLink of "
                            + object);
                } else if (!"massActionButton".equals(text(link, "displayType"))) {
                    report("web-link", file, "shows " + text(button) + " on its list views, but it is a "
                            + text(link, "displayType") + ", not a list button (massActionButton)");
                }
            }
        }
    }

    private void checkWebLink(Path file, Element xml) {
        String url = text(xml, "url");
        java.util.regex.Matcher component = java.util.regex.Pattern.compile("^/lightning/cmp/c__([A-Za-z0-9_]+)")
                .matcher(url == null ? "" : url);
        if (component.find()) {
            Element bundle = components.get(component.group(1));
            if (bundle == null || !"true".equals(text(bundle, "isExposed"))
                    || !targets(bundle).contains("lightning__UrlAddressable")) {
                report("web-link", file, "opens " + url + ", but " + component.group(1) + " is no component of lwc/"
                        + " exposed for lightning__UrlAddressable");
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

    // ------------------------------------------------------------------ page layouts

    /** Standard fields a layout of a custom object may show; the audit fields are always read-only. */
    static final Set<String> LAYOUT_STANDARD_FIELDS = Set.of("Name", "OwnerId", "CreatedById", "LastModifiedById",
            "CreatedDate", "LastModifiedDate");
    static final Set<String> AUDIT_FIELDS = Set.of("CreatedById", "LastModifiedById", "CreatedDate", "LastModifiedDate");

    /** Section style to the number of layoutColumns it takes. */
    static final Map<String, Integer> SECTION_COLUMNS = Map.of("OneColumn", 1, "TwoColumnsTopToBottom", 2,
            "TwoColumnsLeftToRight", 2);

    static final Set<String> STANDARD_BUTTONS = Set.of("Edit", "Delete", "Clone", "Share", "ChangeOwnerOne",
            "ChangeRecordType", "PrintableView", "Submit");

    /** Related lists every custom object has without a lookup of its own (files, notes, activities, field history). */
    static final Set<String> STANDARD_RELATED_LISTS = Set.of("RelatedFileList", "RelatedNoteList",
            "RelatedContentNoteList", "RelatedActivityList", "RelatedHistoryList");

    /** Related-list column tokens for standard fields (custom fields are named by API name, the name field NAME). */
    static final Set<String> STANDARD_COLUMNS = Set.of("NAME", "CREATED_DATE", "LAST_UPDATE", "CREATEDBY_USER",
            "UPDATEDBY_USER", "OWNER.ALIAS", "OWNER.FIRST_NAME", "OWNER.LAST_NAME");

    private void checkLayout(Path file, Element xml) {
        String stem = stem(file);
        int dash = stem.indexOf('-');
        String object = dash < 0 ? stem : stem.substring(0, dash);
        if (dash < 0 || !objects.containsKey(object)) {
            report("layout", file, "a layout file is named <Object>-<Layout Name>; " + object
                    + " is not an object of this project");
            return;
        }
        Map<String, String> behaviors = checkLayoutSections(file, xml, object);
        checkRequiredFieldsAreOnTheLayout(file, object, behaviors);
        for (Element list : children(xml, "platformActionList")) {
            checkPlatformActions(file, list, object);
        }
        Set<String> relatedLists = new java.util.HashSet<>();
        for (Element related : children(xml, "relatedLists")) {
            String name = text(related, "relatedList");
            if (!relatedLists.add(String.valueOf(name))) {
                report("layout", file, "shows related list " + name + " twice");
            }
            checkRelatedList(file, related, name, object);
        }
    }

    /** Field to behaviour for every field the sections show. */
    private Map<String, String> checkLayoutSections(Path file, Element xml, String object) {
        Map<String, String> behaviors = new TreeMap<>();
        for (Element section : children(xml, "layoutSections")) {
            String label = text(section, "label");
            String style = text(section, "style");
            List<Element> columns = children(section, "layoutColumns");
            if (SECTION_COLUMNS.containsKey(style) && SECTION_COLUMNS.get(style) != columns.size()) {
                report("layout", file, "section " + label + " has style " + style + ", which takes "
                        + SECTION_COLUMNS.get(style) + " layoutColumns, found " + columns.size());
            }
            for (Element column : columns) {
                for (Element item : children(column, "layoutItems")) {
                    String field = text(item, "field");
                    if (field != null) {
                        String behavior = text(item, "behavior");
                        if (behaviors.put(field, String.valueOf(behavior)) != null) {
                            report("layout", file, "shows field " + field + " twice; a field can appear once per layout");
                        }
                        checkLayoutItem(file, object, field, behavior);
                    }
                }
            }
        }
        return behaviors;
    }

    private void checkLayoutItem(Path file, String object, String field, String behavior) {
        if (behavior == null) {
            report("layout", file, "field " + field + " needs a <behavior>: Edit, Required or Readonly");
            return;
        }
        if (LAYOUT_STANDARD_FIELDS.contains(field)) {
            boolean autoNumber = "Name".equals(field) && "AutoNumber".equals(nameFieldType(object));
            if ((AUDIT_FIELDS.contains(field) || autoNumber) && !"Readonly".equals(behavior)) {
                report("layout", file, "field " + field + " is set by Salesforce; its behavior must be Readonly, found " + behavior);
            } else if ("Name".equals(field) && !autoNumber && !"Required".equals(behavior)) {
                report("layout", file, "required field Name must have behavior Required, found " + behavior);
            }
            return;
        }
        Field described = field(object + "." + field);
        if (described == null) {
            report("layout", file, "shows field " + field + ", which " + object + " does not have");
        } else if (isRequired(described) && !"Required".equals(behavior)) {
            report("layout", file, "required field " + field + " must have behavior Required, found " + behavior);
        }
    }

    private String nameFieldType(String object) {
        Element nameField = child(objects.get(object), "nameField");
        return nameField == null ? null : text(nameField, "type");
    }

    private static boolean isRequired(Field field) {
        return field.required() || "MasterDetail".equals(field.type());
    }

    private void checkRequiredFieldsAreOnTheLayout(Path file, String object, Map<String, String> behaviors) {
        List<String> required = new ArrayList<>();
        if ("Text".equals(nameFieldType(object))) {
            required.add("Name");
        }
        fields.getOrDefault(object, Map.of()).values().stream().filter(SalesforceMetadataDeployCheck::isRequired)
                .map(Field::name).forEach(required::add);
        for (String field : required) {
            if (!behaviors.containsKey(field)) {
                report("layout", file, "required field " + field + " is not on the layout; a record could not be saved from it");
            }
        }
    }

    private void checkPlatformActions(Path file, Element list, String object) {
        String context = text(list, "actionListContext");
        Set<String> sortOrders = new java.util.HashSet<>();
        Set<String> names = new java.util.HashSet<>();
        for (Element item : children(list, "platformActionListItems")) {
            String name = text(item, "actionName");
            String type = text(item, "actionType");
            String sortOrder = text(item, "sortOrder");
            if (sortOrder != null && !sortOrders.add(sortOrder)) {
                report("layout", file, "action " + name + " needs a <sortOrder> of its own, found " + sortOrder);
            }
            if (!names.add(String.valueOf(name))) {
                report("layout", file, "lists action " + name + " twice");
            }
            if ("QuickAction".equals(type)) {
                checkLayoutQuickAction(file, object, name, context);
            } else if ("StandardButton".equals(type) && !STANDARD_BUTTONS.contains(name)) {
                report("layout", file, "standard button " + name + " does not exist; known: " + new java.util.TreeSet<>(STANDARD_BUTTONS));
            }
        }
    }

    private void checkLayoutQuickAction(Path file, String object, String name, String context) {
        if (name == null || !quickActions.containsKey(name)) {
            report("layout", file, "shows quick action " + name + ", which does not exist in quickActions/");
            return;
        }
        int dot = name.indexOf('.');
        if (dot >= 0 && !name.substring(0, dot).equals(object)) {
            report("layout", file, "shows quick action " + name + ", which belongs to " + name.substring(0, dot)
                    + ", not to " + object);
            return;
        }
        if ("Record".equals(context)) {
            quickActionsOnLayouts.add(name);
        }
    }

    /**
     * The Metadata API names a custom related list {@code <ChildObject>.<LookupField>} (the child's lookup or
     * master-detail field that points at this object), not by the child relationship name.
     */
    private void checkRelatedList(Path file, Element related, String name, String object) {
        if (name == null || STANDARD_RELATED_LISTS.contains(name)) {
            return;
        }
        int dot = name.indexOf('.');
        Field lookup = dot < 0 ? null : field(name);
        if (lookup == null) {
            String hint = name.endsWith("__r") || dot < 0
                    ? "; a custom related list is named <ChildObject>.<LookupField>, e.g. " + exampleRelatedList(object)
                    : "";
            report("layout", file, "related list " + name + " names no lookup field of a child object" + hint);
            return;
        }
        String referenceTo = text(lookup.xml(), "referenceTo");
        if (!"Lookup".equals(lookup.type()) && !"MasterDetail".equals(lookup.type())) {
            report("layout", file, "related list " + name + " names a " + lookup.type() + " field, not a lookup to " + object);
            return;
        }
        if (!object.equals(referenceTo)) {
            report("layout", file, "related list " + name + " points at " + referenceTo + ", not at " + object);
            return;
        }
        String child = lookup.object();
        for (Element column : children(related, "fields")) {
            String columnName = text(column);
            if (columnName != null && !STANDARD_COLUMNS.contains(columnName) && field(child + "." + columnName) == null) {
                report("layout", file, "related list " + name + " shows column " + columnName + ", which " + child
                        + " does not have");
            }
        }
    }

    private String exampleRelatedList(String object) {
        return fields.values().stream().flatMap(byName -> byName.values().stream())
                .filter(f -> object.equals(text(f.xml(), "referenceTo")))
                .map(f -> f.object() + "." + f.name()).findFirst().orElse("Child__c.Parent__c");
    }

    /** A quick action no layout lists is deployed but invisible: no seller ever sees the button. */
    private void checkEveryQuickActionIsOnALayout() {
        quickActions.forEach((name, file) -> {
            if (!quickActionsOnLayouts.contains(name)) {
                report("layout", file, "is on no page layout's record action list (platformActionList, actionListContext "
                        + "Record), so nobody sees the button");
            }
        });
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
        return name.substring(0, name.length() - SalesforceMetadataSchema.suffixOf(file).length());
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
