package io.mpcrm.connector.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What a seller sees of the Salesforce metadata in salesforce/force-app: the buttons and the picklist values. */
final class ForceAppSource {

    static final Path DEFAULT = Path.of("salesforce", "force-app", "main", "default");

    /**
     * A quick action: the object's label, the button's label, and the Action__c its flow records, or for a Lightning
     * Web Component action the component it opens ({@code c:mpCopyOfferUrl}).
     */
    record Button(String objectLabel, String label, String action) {
    }

    /** A picklist value as stored ({@code PREPARING}) and as shown ({@code Preparing}). */
    record PicklistValue(String value, String label) {
    }

    private ForceAppSource() {
    }

    static List<Button> buttons() {
        List<Button> buttons = new ArrayList<>();
        for (Path file : files(DEFAULT.resolve("quickActions"), ".quickAction-meta.xml")) {
            Element action = parse(file);
            String object = file.getFileName().toString().substring(0, file.getFileName().toString().indexOf('.'));
            String component = child(action, "lightningWebComponent");
            buttons.add(new Button(objectLabel(object), child(action, "label"), component != null ? "c:" + component
                    : recordedAction(child(action, "flowDefinition"))));
        }
        return buttons;
    }

    /**
     * The list view buttons (web links in an object's searchLayouts listViewButtons): "Agreements list", the
     * button's label, and the Action__c its page records (the c__action of its URL).
     */
    static List<Button> listButtons() {
        List<Button> buttons = new ArrayList<>();
        try (Stream<Path> objects = Files.list(DEFAULT.resolve("objects"))) {
            for (Path folder : objects.sorted().toList()) {
                String object = folder.getFileName().toString();
                Element definition = parse(folder.resolve(object + ".object-meta.xml"));
                NodeList listed = definition.getElementsByTagName("listViewButtons");
                for (int i = 0; i < listed.getLength(); i++) {
                    String name = listed.item(i).getTextContent().trim();
                    Element link = parse(folder.resolve("webLinks").resolve(name + ".webLink-meta.xml"));
                    String url = child(link, "url");
                    buttons.add(new Button(child(definition, "pluralLabel") + " list", child(link, "masterLabel"),
                            url.substring(url.indexOf("c__action=") + "c__action=".length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buttons;
    }

    static List<PicklistValue> picklist(String object, String field) {
        Element root = parse(DEFAULT.resolve("objects").resolve(object).resolve("fields")
                .resolve(field + ".field-meta.xml"));
        List<PicklistValue> values = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName("value");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element value = (Element) nodes.item(i);
            if ("valueSetDefinition".equals(value.getParentNode().getNodeName())) {
                values.add(new PicklistValue(child(value, "fullName"), child(value, "label")));
            }
        }
        return values;
    }

    static List<String> permissionSets() {
        return files(DEFAULT.resolve("permissionsets"), ".permissionset-meta.xml").stream()
                .map(f -> f.getFileName().toString().replace(".permissionset-meta.xml", "")).toList();
    }

    private static String objectLabel(String object) {
        return child(parse(DEFAULT.resolve("objects").resolve(object).resolve(object + ".object-meta.xml")), "label");
    }

    /** The Action__c value the quick action's flow hands to Marketplace_Request_Create. */
    private static String recordedAction(String flow) {
        Element root = parse(DEFAULT.resolve("flows").resolve(flow + ".flow-meta.xml"));
        NodeList assignments = root.getElementsByTagName("inputAssignments");
        for (int i = 0; i < assignments.getLength(); i++) {
            Element assignment = (Element) assignments.item(i);
            if ("action".equals(child(assignment, "name"))) {
                return ((Element) assignment.getElementsByTagName("stringValue").item(0)).getTextContent().trim();
            }
        }
        throw new AssertionError("Flow " + flow + " records no action");
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element parse(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    /** The text of {@code parent}'s direct child element named {@code tag}, or null. */
    private static String child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && tag.equals(element.getTagName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
