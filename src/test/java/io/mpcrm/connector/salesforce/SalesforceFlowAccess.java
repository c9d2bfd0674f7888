package io.mpcrm.connector.salesforce;

import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.sandbox.salesforce.SalesforceMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the buttons do with a user's permissions: each quick action launches a flow, the flow's elements read and
 * write objects and fields (and call subflows), and a permission set grants objects, fields and flows. Read from the
 * SFDX source, the way Salesforce applies it when a user presses a button:
 *
 * <ul>
 * <li>Running a flow. Every flow of a button sets "Override default behavior and restrict access to enabled profiles or
 * permission sets" ({@code isAdditionalPermissionRequiredToRun}); then "the user who resumes or runs the flow must have
 * permission to the individual flow also. Even users with Run Flow or Manage Flow in their profile or permission set
 * must be assigned to a profile or permission set that's enabled to access the flow" (Help, Limit User Access to Execute
 * Flows, https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.flow_distribute_security.htm; from Winter '26 the
 * quick action is not even shown without it: https://help.salesforce.com/s/articleView?id=005226794&type=1). A flow
 * without the override needs the Run Flows user permission ({@code RunFlow}) or the Flow User field on the user (the
 * Restrict User Access to Run Flows release update, https://help.salesforce.com/s/articleView?id=001930084&type=1).
 * The docs do not say whether a subflow's own access setting is checked, so a subflow is treated like the flow that
 * calls it: the set must be able to run it too.</li>
 * <li>The context a flow runs in (Help, Flow Run Context,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.flow_distribute_context.htm): a flow launched by a flow
 * action (a quick action) runs in user context, so "the running user's profile and permission sets determine the
 * object permissions and field-level access of the flow"; a record-triggered flow runs in system context without
 * sharing. A flow's {@code runInMode} overrides the default: SystemModeWithSharing "respects sharing rules but ignores
 * object and field permissions", SystemModeWithoutSharing "accesses all data" (Help,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.flow_distribute_system_mode.htm). A subflow without a
 * runInMode of its own is taken to run in its caller's context (the docs list Subflow among the
 * elements the context governs and say no more).</li>
 * <li>In user context, Get Records needs Read on its object and read access to every field it filters on or stores;
 * Create Records needs Create and edit access to every field it sets; Update Records needs Edit, read access to its
 * filter fields and edit access to the fields it sets. Standard fields (Id, Name, ...) and required or master-detail
 * custom fields come with the object (a permission set cannot even name a required field).</li>
 * <li>Every Get, Create, Update or Delete Records element has a fault path. In a screen flow it ends on a screen that
 * shows {@code {!$Flow.FaultMessage}} and says what to do next. A flow without screens (the record-triggered publish
 * flow) keeps the user's save: its fault path notes the fault on the triggering record, in a field the user can read
 * and that the connector does not overwrite when it claims the request, and that note's own failure is handled
 * too.</li>
 * </ul>
 * Sharing (which records a user sees) is not modelled: it is the admin's sharing of seller accounts, offers and
 * resale authorizations, which the admin guide describes and the connector checks per request.
 */
final class SalesforceFlowAccess {

    enum Context { USER, SYSTEM_WITH_SHARING, SYSTEM_WITHOUT_SHARING }

    /** Fields every object has without a field file. */
    static final Set<String> STANDARD_FIELDS = Set.of("Id", "Name", "OwnerId", "CreatedDate", "CreatedById",
            "LastModifiedDate", "LastModifiedById");

    /**
     * The request fields the connector writes when it claims a request (RequestRecords.markProcessing): a note left
     * there by a flow would be gone before a user reads it.
     */
    static final Set<String> WRITTEN_ON_CLAIM = Set.of(RequestFields.STATUS.name(), RequestFields.STARTED_AT.name(),
            RequestFields.ATTEMPTS.name(), RequestFields.CLAIMED_BY.name());

    static final List<String> DATA_ELEMENTS = List.of("recordLookups", "recordCreates", "recordUpdates", "recordDeletes");

    private static final Pattern FAULT_MESSAGE = Pattern.compile("\\{!\\$Flow\\.FaultMessage\\}");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    record ObjectGrant(boolean read, boolean create, boolean edit, boolean delete) {
    }

    record FieldGrant(boolean readable, boolean editable) {
    }

    record PermissionSet(String name, Map<String, ObjectGrant> objects, Map<String, FieldGrant> fields, Set<String> flows,
            Set<String> userPermissions) {

        boolean canRead(String object) {
            ObjectGrant grant = objects.get(object);
            return grant != null && grant.read();
        }
    }

    record QuickAction(String name, String object, String flow) {
    }

    record Flow(String name, Element xml) {

        String processType() { return text(xml, "processType"); }

        boolean restrictsAccess() { return "true".equals(text(xml, "isAdditionalPermissionRequiredToRun")); }

        String runInMode() { return text(xml, "runInMode"); }

        String status() { return text(xml, "status"); }

        Element start() { return child(xml, "start"); }

        boolean isTriggered() { return start() != null && text(start(), "triggerType") != null; }

        /** A screen flow (the Flow type a quick action launches); the others are autolaunched. */
        boolean isScreenFlow() { return "Flow".equals(processType()); }

        Element element(String name) {
            for (Node node = xml.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element e && name.equals(text(e, "name"))) {
                    return e;
                }
            }
            return null;
        }
    }

    private final Path root;
    private final Map<String, Flow> flows = new TreeMap<>();
    private final Map<String, PermissionSet> permissionSets = new TreeMap<>();
    private final Map<String, QuickAction> quickActions = new TreeMap<>();
    /** Quick actions that open a Lightning Web Component (the guided pages, Copy URL): the object each is on. */
    private final Map<String, String> componentActions = new TreeMap<>();
    /** Object to field to its field file's root element. */
    private final Map<String, Map<String, Element>> fields = new TreeMap<>();

    private SalesforceFlowAccess(Path root) {
        this.root = root;
    }

    static SalesforceFlowAccess read(Path forceAppDefault) {
        SalesforceFlowAccess access = new SalesforceFlowAccess(forceAppDefault);
        access.load();
        return access;
    }

    Map<String, Flow> flows() {
        return flows;
    }

    Map<String, PermissionSet> permissionSets() {
        return permissionSets;
    }

    Map<String, String> componentActions() {
        return componentActions;
    }

    Map<String, QuickAction> quickActions() {
        return quickActions;
    }

    /** The quick actions on records the set can read: the buttons its holder sees on a record page. */
    List<QuickAction> buttonsOf(String permissionSet) {
        PermissionSet set = permissionSets.get(permissionSet);
        return quickActions.values().stream().filter(q -> set.canRead(q.object())).toList();
    }

    /**
     * The context each flow runs in, with the reason: launched by a quick action, triggered by a record, or called as
     * a subflow by another flow.
     */
    Map<String, String> contexts() {
        Map<String, String> contexts = new TreeMap<>();
        quickActions.values().forEach(q -> walk(q.flow(), launchContext(flows.get(q.flow()), Context.USER),
                "launched by quick action " + q.name(), contexts, new TreeSet<>()));
        flows.values().stream().filter(Flow::isTriggered).forEach(f -> walk(f.name(),
                launchContext(f, Context.SYSTEM_WITHOUT_SHARING), "triggered by a " + text(f.start(), "object") + " record",
                contexts, new TreeSet<>()));
        return contexts;
    }

    private void walk(String flowName, Context context, String why, Map<String, String> contexts, Set<String> seen) {
        Flow flow = flows.get(flowName);
        if (flow == null || !seen.add(flowName)) {
            return;
        }
        contexts.merge(flowName, context + " (" + why + ")", (a, b) -> a.startsWith(context + " ") ? a : a + "; " + b);
        for (Element subflow : children(flow.xml(), "subflows")) {
            String called = text(subflow, "flowName");
            walk(called, launchContext(flows.get(called), context), "subflow of " + flowName, contexts, seen);
        }
    }

    /** The context a flow runs in when launched in {@code launchedIn}, after its own runInMode. */
    static Context launchContext(Flow flow, Context launchedIn) {
        if (flow == null) {
            return launchedIn;
        }
        if (flow.isTriggered()) {
            return Context.SYSTEM_WITHOUT_SHARING; // record-triggered, scheduled and platform-event flows: no choice
        }
        String mode = flow.runInMode();
        if ("SystemModeWithSharing".equals(mode)) {
            return Context.SYSTEM_WITH_SHARING;
        }
        if ("SystemModeWithoutSharing".equals(mode)) {
            return Context.SYSTEM_WITHOUT_SHARING;
        }
        return launchedIn;
    }

    // ------------------------------------------------------------------ fault paths

    /** Every Get/Create/Update/Delete Records element in every flow whose fault path a user would not see. */
    List<String> faultPathProblems() {
        List<String> problems = new ArrayList<>();
        for (Flow flow : flows.values()) {
            Set<String> faultTargets = new TreeSet<>();
            for (String kind : DATA_ELEMENTS) {
                for (Element element : children(flow.xml(), kind)) {
                    Element fault = child(element, "faultConnector");
                    if (fault != null) {
                        faultTargets.add(text(fault, "targetReference"));
                    }
                }
            }
            for (String kind : DATA_ELEMENTS) {
                for (Element element : children(flow.xml(), kind)) {
                    String name = text(element, "name");
                    String where = flow.name() + " " + describe(kind) + " " + name;
                    Element fault = child(element, "faultConnector");
                    if (fault == null) {
                        problems.add(where + " has no fault path: a fault shows the user an unhandled flow error"
                                + (flow.isScreenFlow() ? "" : " and fails their save"));
                        continue;
                    }
                    Element target = flow.element(text(fault, "targetReference"));
                    if (target == null) {
                        problems.add(where + " has a fault path to " + text(fault, "targetReference") + ", which the flow does not have");
                    } else if (faultTargets.contains(name)) {
                        continue; // a fault on the fault path itself: handled is enough, the record is kept either way
                    } else if (flow.isScreenFlow()) {
                        checkFaultScreen(where, target, problems);
                    } else {
                        checkFaultNote(flow, where, target, problems);
                    }
                }
            }
        }
        return problems;
    }

    private static void checkFaultScreen(String where, Element target, List<String> problems) {
        if (!"screens".equals(target.getLocalName())) {
            problems.add(where + " has a fault path to " + text(target, "name") + ", which is no screen: the user sees nothing");
            return;
        }
        String shown = String.join(" ", children(target, "fields").stream().map(f -> String.valueOf(text(f, "fieldText"))).toList());
        Matcher message = FAULT_MESSAGE.matcher(shown);
        if (!message.find()) {
            problems.add(where + " has a fault screen " + text(target, "name") + " that does not show {!$Flow.FaultMessage}, "
                    + "so the user does not learn what went wrong");
            return;
        }
        String after = TAG.matcher(shown.substring(message.end())).replaceAll(" ").replaceAll("\\s+", " ").trim();
        if (after.length() < 20) {
            problems.add(where + " has a fault screen " + text(target, "name") + " that says nothing after the fault "
                    + "message: tell the user what to do next");
        }
    }

    private void checkFaultNote(Flow flow, String where, Element target, List<String> problems) {
        String object = flow.start() == null ? null : text(flow.start(), "object");
        boolean notesTheTrigger = "recordUpdates".equals(target.getLocalName()) && object != null
                && object.equals(text(target, "object"))
                && children(target, "filters").stream().anyMatch(f -> "Id".equals(text(f, "field"))
                        && "$Record.Id".equals(reference(child(f, "value"))));
        if (!notesTheTrigger) {
            problems.add(where + " has a fault path to " + text(target, "name") + ", which does not note the fault on the "
                    + "triggering record: the user cannot learn it");
            return;
        }
        List<String> notes = children(target, "inputAssignments").stream()
                .filter(a -> mentionsFaultMessage(flow, child(a, "value"))).map(a -> text(a, "field")).toList();
        if (notes.isEmpty()) {
            problems.add(where + " has a fault path to " + text(target, "name") + ", which writes no field with {!$Flow.FaultMessage}");
        }
        for (String field : notes) {
            if (WRITTEN_ON_CLAIM.contains(field)) {
                problems.add(where + " notes its fault in " + object + "." + field + ", which the connector overwrites when it "
                        + "claims the request; use a field it leaves alone, such as Progress__c");
            }
            if (!field.endsWith("__c") || fields.getOrDefault(object, Map.of()).get(field) == null) {
                problems.add(where + " notes its fault in " + object + "." + field + ", which is no custom field of " + object);
            }
            Element note = fields.getOrDefault(object, Map.of()).get(field);
            String length = note == null ? null : text(note, "length");
            Element value = children(target, "inputAssignments").stream().filter(a -> field.equals(text(a, "field")))
                    .map(a -> child(a, "value")).findFirst().orElseThrow();
            Element formula = formula(flow, reference(value));
            boolean cut = formula != null && String.valueOf(text(formula, "expression"))
                    .matches("(?s)\\s*LEFT\\(.*,\\s*" + length + "\\s*\\)\\s*");
            if (length != null && !cut) {
                problems.add(where + " notes its fault in " + object + "." + field + " (" + length + " characters) without "
                        + "cutting it to fit, LEFT(..., " + length + "): a long fault message would fail the note too");
            }
        }
    }

    private boolean mentionsFaultMessage(Flow flow, Element value) {
        String reference = reference(value);
        if (reference == null) {
            return false;
        }
        if ("$Flow.FaultMessage".equals(reference)) {
            return true;
        }
        Element formula = formula(flow, reference);
        return formula != null && FAULT_MESSAGE.matcher(String.valueOf(text(formula, "expression"))).find();
    }

    private static Element formula(Flow flow, String name) {
        return children(flow.xml(), "formulas").stream().filter(f -> name != null && name.equals(text(f, "name")))
                .findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ what each button needs

    /**
     * Why a holder of {@code permissionSet} alone cannot press {@code action}: the flows it cannot run, and each object
     * or field a flow element touches in user context that the set does not grant. Empty when the button works.
     */
    List<String> problemsPressing(String permissionSet, QuickAction action) {
        PermissionSet set = permissionSets.get(permissionSet);
        List<String> problems = new ArrayList<>();
        Flow flow = flows.get(action.flow());
        String button = permissionSet + " pressing " + action.name();
        if (flow == null) {
            problems.add(button + ": its flow " + action.flow() + " does not exist");
            return problems;
        }
        if (!"Flow".equals(flow.processType())) {
            problems.add(button + ": its flow " + flow.name() + " is a " + flow.processType() + ", not a screen flow");
        }
        if (!children(flow.xml(), "variables").stream().anyMatch(v -> "recordId".equals(text(v, "name"))
                && "true".equals(text(v, "isInput")))) {
            problems.add(button + ": its flow " + flow.name() + " has no input variable recordId, so it does not get the record");
        }
        check(set, flow, launchContext(flow, Context.USER), button, problems, new TreeSet<>());
        return problems;
    }

    private void check(PermissionSet set, Flow flow, Context context, String button, List<String> problems, Set<String> seen) {
        if (!seen.add(flow.name())) {
            return;
        }
        if (flow.restrictsAccess()) {
            if (!set.flows().contains(flow.name())) {
                problems.add(button + ": flow " + flow.name() + " restricts access to enabled permission sets and "
                        + set.name() + " does not enable it (flowAccesses)");
            }
        } else if (!set.userPermissions().contains("RunFlow")) {
            problems.add(button + ": flow " + flow.name() + " needs the Run Flows permission, which " + set.name()
                    + " does not grant; or restrict the flow to enabled permission sets and enable it in " + set.name());
        }
        if (context == Context.USER) {
            for (String kind : DATA_ELEMENTS) {
                for (Element element : children(flow.xml(), kind)) {
                    checkElement(set, flow, kind, element, button, problems);
                }
            }
        }
        for (Element call : children(flow.xml(), "subflows")) {
            Flow called = flows.get(text(call, "flowName"));
            if (called == null) {
                problems.add(button + ": " + flow.name() + " calls subflow " + text(call, "flowName") + ", which does not exist");
            } else {
                check(set, called, launchContext(called, context), button, problems, seen);
            }
        }
        for (Element call : children(flow.xml(), "actionCalls")) {
            problems.add(button + ": " + flow.name() + " action " + text(call, "name") + " is not modelled here; "
                    + "say what it needs before relying on it");
        }
    }

    private void checkElement(PermissionSet set, Flow flow, String kind, Element element, String button, List<String> problems) {
        String object = text(element, "object");
        String where = button + ": " + flow.name() + " " + describe(kind) + " " + text(element, "name");
        ObjectGrant grant = set.objects().getOrDefault(object, new ObjectGrant(false, false, false, false));
        List<String> reads = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        children(element, "filters").forEach(f -> reads.add(text(f, "field")));
        switch (kind) {
            case "recordLookups" -> {
                need(grant.read(), where, "reads " + object + ", which " + set.name() + " cannot read", problems);
                children(element, "outputAssignments").forEach(a -> reads.add(text(a, "field")));
                children(element, "queriedFields").forEach(f -> reads.add(text(f)));
                if ("true".equals(text(element, "storeOutputAutomatically")) && children(element, "queriedFields").isEmpty()) {
                    problems.add(where + " stores every field of " + object + "; name the fields it reads (queriedFields)");
                }
            }
            case "recordCreates" -> {
                need(grant.create(), where, "creates " + object + " records, which " + set.name() + " cannot create", problems);
                children(element, "inputAssignments").forEach(a -> writes.add(text(a, "field")));
                if (text(element, "inputReference") != null) {
                    problems.add(where + " creates from a record variable; set the fields one by one so they can be checked");
                }
            }
            case "recordUpdates" -> {
                need(grant.edit(), where, "edits " + object + " records, which " + set.name() + " cannot edit", problems);
                children(element, "inputAssignments").forEach(a -> writes.add(text(a, "field")));
                if (text(element, "inputReference") != null) {
                    problems.add(where + " updates from a record variable; set the fields one by one so they can be checked");
                }
            }
            case "recordDeletes" -> need(grant.delete(), where, "deletes " + object + " records, which " + set.name()
                    + " cannot delete", problems);
            default -> throw new IllegalArgumentException(kind);
        }
        if (!grant.read()) {
            return; // the object is out of reach; its fields say nothing more
        }
        for (String field : reads) {
            if (field != null && !readable(set, object, field)) {
                problems.add(where + " reads " + object + "." + field + ", which " + set.name() + " cannot read");
            }
        }
        for (String field : writes) {
            if (field != null && !editable(set, object, field)) {
                problems.add(where + " sets " + object + "." + field + ", which " + set.name() + " cannot edit");
            }
        }
    }

    private static void need(boolean granted, String where, String problem, List<String> problems) {
        if (!granted) {
            problems.add(where + " " + problem);
        }
    }

    private boolean readable(PermissionSet set, String object, String field) {
        if (!set.canRead(object)) {
            return false;
        }
        if (STANDARD_FIELDS.contains(field) || comesWithTheObject(object, field)) {
            return true;
        }
        FieldGrant grant = set.fields().get(object + "." + field);
        return grant != null && grant.readable();
    }

    private boolean editable(PermissionSet set, String object, String field) {
        ObjectGrant grant = set.objects().get(object);
        if (grant == null || !(grant.create() || grant.edit())) {
            return false;
        }
        if (STANDARD_FIELDS.contains(field)) {
            return false; // the flows set no standard field; Name of an auto-number object is not writable at all
        }
        if (comesWithTheObject(object, field)) {
            return true;
        }
        FieldGrant fieldGrant = set.fields().get(object + "." + field);
        return fieldGrant != null && fieldGrant.editable();
    }

    /** Required and master-detail fields: no permission set names them; access comes with the object. */
    private boolean comesWithTheObject(String object, String field) {
        Element xml = fields.getOrDefault(object, Map.of()).get(field);
        return xml != null && ("true".equals(text(xml, "required")) || "MasterDetail".equals(text(xml, "type")));
    }

    private static String describe(String kind) {
        return switch (kind) {
            case "recordLookups" -> "Get Records";
            case "recordCreates" -> "Create Records";
            case "recordUpdates" -> "Update Records";
            case "recordDeletes" -> "Delete Records";
            default -> kind;
        };
    }

    // ------------------------------------------------------------------ reading the source

    private void load() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String type = SalesforceMetadataSchema.typeOf(file).orElse("");
            String stem = file.getFileName().toString();
            stem = stem.substring(0, stem.length() - SalesforceMetadataSchema.suffixOf(file).length());
            switch (type) {
                case "Flow" -> flows.put(stem, new Flow(stem, parse(file)));
                case "PermissionSet" -> permissionSets.put(stem, permissionSet(file));
                case "QuickAction" -> {
                    Element xml = parse(file);
                    if ("Flow".equals(text(xml, "type"))) {
                        quickActions.put(stem, new QuickAction(stem, stem.substring(0, stem.indexOf('.')), text(xml, "flowDefinition")));
                    } else if ("LightningWebComponent".equals(text(xml, "type"))) {
                        componentActions.put(stem, stem.substring(0, stem.indexOf('.')));
                    }
                }
                case "CustomField" -> fields.computeIfAbsent(file.getParent().getParent().getFileName().toString(),
                        o -> new TreeMap<>()).put(stem, parse(file));
                default -> { }
            }
        }
    }

    /** The sandbox org's reader of permission sets, so that the buttons and the org read a set the same way. */
    private static PermissionSet permissionSet(Path file) {
        SalesforceMetadata.PermissionSetDescription read = SalesforceMetadata.readPermissionSet(file);
        Map<String, ObjectGrant> objects = new LinkedHashMap<>();
        read.objects().forEach((object, p) -> objects.put(object, new ObjectGrant(p.read(), p.create(), p.edit(),
                p.delete())));
        Map<String, FieldGrant> fieldGrants = new LinkedHashMap<>();
        read.fields().forEach((field, p) -> fieldGrants.put(field, new FieldGrant(p.readable(), p.editable())));
        return new PermissionSet(read.name(), objects, fieldGrants, read.flows(), read.userPermissions());
    }

    private static Element parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file + " (SalesforceMetadataSchemaTest says why)", e);
        }
    }

    private static String reference(Element value) {
        return value == null ? null : text(value, "elementReference");
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && tag.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    static String text(Element parent, String tag) {
        Element element = child(parent, tag);
        return element == null ? null : text(element);
    }

    static String text(Element element) {
        String value = element.getTextContent().trim();
        return value.isEmpty() ? null : value;
    }
}
