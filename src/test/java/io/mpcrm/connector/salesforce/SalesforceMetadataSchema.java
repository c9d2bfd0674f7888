package io.mpcrm.connector.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Salesforce's own Metadata API schema (the {@code <xsd:schema>} of {@code metadata.wsdl}, a test resource) applied to
 * the SFDX source files: each file must hold one element of the metadata type its suffix names, with the elements
 * that type declares, in the order its {@code xsd:sequence} gives them and with values its enumerations allow. A
 * deploy parses every file against this schema and, being all or nothing, installs nothing when one file fails.
 *
 * <p>The schema declares the metadata types as complexTypes only (no global element {@code Flow}), so the compiled
 * schema is the WSDL's schema plus one global element per type of {@link #TYPE_BY_SUFFIX}, each named like its type,
 * which is how a source file names its root element.
 */
final class SalesforceMetadataSchema {

    static final String NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

    static final String WSDL = "/salesforce-metadata-api/metadata.wsdl";

    /**
     * The file suffixes a deploy reads, each with the metadata type its file holds. A new kind of metadata is one line
     * here, e.g. {@code ".js-meta.xml", "LightningComponentBundle"} for the meta file of a Lightning Web Component.
     */
    static final Map<String, String> TYPE_BY_SUFFIX = table(
            ".object-meta.xml", "CustomObject",
            ".field-meta.xml", "CustomField",
            ".listView-meta.xml", "ListView",
            ".flow-meta.xml", "Flow",
            ".layout-meta.xml", "Layout",
            ".permissionset-meta.xml", "PermissionSet",
            ".quickAction-meta.xml", "QuickAction",
            ".tab-meta.xml", "CustomTab",
            ".app-meta.xml", "CustomApplication",
            ".webLink-meta.xml", "WebLink",
            ".js-meta.xml", "LightningComponentBundle",
            ".cmp-meta.xml", "AuraDefinitionBundle");

    /**
     * The source files of a component bundle, which are not metadata XML: a deploy reads them only from the bundle's
     * own folder, {@code lwc/<name>/} or {@code aura/<name>/}, beside the bundle's meta file (Lightning Web Components
     * Developer Guide, Component Folder,
     * https://developer.salesforce.com/docs/platform/lwc/guide/create-components-folder.html; Aura, Component Bundles,
     * https://developer.salesforce.com/docs/platform/aura-platform/guide/components-bundle.html).
     */
    static final Map<String, List<String>> BUNDLE_SOURCES = Map.of(
            "lwc", List.of(".js", ".html", ".css", ".svg"),
            "aura", List.of(".cmp", ".js", ".css", ".design", ".svg", ".auradoc"));

    /**
     * The XML a source-format {@code .js-meta.xml} holds in targetConfigs, which the WSDL types as base64Binary (the
     * form the CRUD calls send): a targetConfig per target, with the elements the LWC guide lists for the targets this
     * project uses (XML Configuration File Elements,
     * https://developer.salesforce.com/docs/platform/lwc/guide/reference-configuration-tags.html; lightning__RecordAction,
     * https://developer.salesforce.com/docs/platform/lwc/guide/targets-lightning-record-action.html: actionType
     * ScreenAction or Action).
     */
    static final String TARGET_CONFIGS = """
            <xsd:complexType name="LwcTargetConfigs" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
             <xsd:sequence>
              <xsd:element name="targetConfig" maxOccurs="unbounded" type="tns:LwcTargetConfig"/>
             </xsd:sequence>
            </xsd:complexType>
            <xsd:complexType name="LwcTargetConfig" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
             <xsd:choice minOccurs="0" maxOccurs="unbounded">
              <xsd:element name="actionType" type="tns:LwcActionType"/>
              <xsd:element name="objects" type="tns:LwcObjects"/>
              <xsd:element name="property" type="tns:LwcProperty"/>
              <xsd:element name="supportedFormFactors" type="tns:LwcFormFactors"/>
             </xsd:choice>
             <xsd:attribute name="targets" type="xsd:string" use="required"/>
             <xsd:attribute name="configurationEditor" type="xsd:string"/>
            </xsd:complexType>
            <xsd:simpleType name="LwcActionType" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
             <xsd:restriction base="xsd:string">
              <xsd:enumeration value="ScreenAction"/>
              <xsd:enumeration value="Action"/>
             </xsd:restriction>
            </xsd:simpleType>
            <xsd:complexType name="LwcObjects" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
             <xsd:sequence>
              <xsd:element name="object" maxOccurs="unbounded" type="xsd:string"/>
             </xsd:sequence>
            </xsd:complexType>
            <xsd:complexType name="LwcProperty" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
             <xsd:attribute name="name" type="xsd:string" use="required"/>
             <xsd:attribute name="type" type="xsd:string"/>
             <xsd:attribute name="label" type="xsd:string"/>
             <xsd:attribute name="description" type="xsd:string"/>
             <xsd:attribute name="default" type="xsd:string"/>
             <xsd:attribute name="required" type="xsd:boolean"/>
             <xsd:attribute name="datasource" type="xsd:string"/>
             <xsd:attribute name="placeholder" type="xsd:string"/>
             <xsd:attribute name="role" type="xsd:string"/>
            </xsd:complexType>
            <xsd:complexType name="LwcFormFactors" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
             <xsd:sequence>
              <xsd:element name="supportedFormFactor" maxOccurs="unbounded">
               <xsd:complexType>
                <xsd:attribute name="type" use="required">
                 <xsd:simpleType>
                  <xsd:restriction base="xsd:string">
                   <xsd:enumeration value="Small"/>
                   <xsd:enumeration value="Large"/>
                  </xsd:restriction>
                 </xsd:simpleType>
                </xsd:attribute>
               </xsd:complexType>
              </xsd:element>
             </xsd:sequence>
            </xsd:complexType>
            """;

        private static volatile SalesforceMetadataSchema standard;

    private final Schema schema;

    private SalesforceMetadataSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema of the WSDL in the test resources, compiled once per JVM (it is 2 MB). */
    static SalesforceMetadataSchema standard() {
        SalesforceMetadataSchema compiled = standard;
        if (compiled == null) {
            synchronized (SalesforceMetadataSchema.class) {
                if (standard == null) {
                    standard = compile();
                }
                compiled = standard;
            }
        }
        return compiled;
    }

    private static SalesforceMetadataSchema compile() {
        try (InputStream wsdl = SalesforceMetadataSchema.class.getResourceAsStream(WSDL)) {
            if (wsdl == null) {
                throw new IllegalStateException("The test resource " + WSDL + " is missing");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document definitions = factory.newDocumentBuilder().parse(wsdl);
            Element embedded = (Element) definitions.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema").item(0);

            Document standalone = factory.newDocumentBuilder().newDocument();
            Element schemaElement = (Element) standalone.importNode(embedded, true);
            standalone.appendChild(schemaElement);
            // The embedded schema uses the prefixes (tns, xsd) the WSDL's root declares; the copy must declare them itself.
            NamedNodeMap inherited = definitions.getDocumentElement().getAttributes();
            for (int i = 0; i < inherited.getLength(); i++) {
                Attr declaration = (Attr) inherited.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(declaration.getNamespaceURI())
                        && !schemaElement.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, declaration.getLocalName())) {
                    schemaElement.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, declaration.getName(), declaration.getValue());
                }
            }
            targetConfigsAsSourceFilesHoldThem(standalone, schemaElement, factory);
            for (String type : new java.util.TreeSet<>(TYPE_BY_SUFFIX.values())) {
                Element root = standalone.createElementNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "xsd:element");
                root.setAttribute("name", type);
                root.setAttribute("type", "tns:" + type);
                schemaElement.appendChild(root);
            }
            SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            schemas.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return new SalesforceMetadataSchema(schemas.newSchema(new DOMSource(standalone, WSDL)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot compile the schema of " + WSDL + ": " + e.getMessage(), e);
        }
    }

    /**
     * LightningComponentBundle as a source file holds it: its targetConfigs as the XML of {@link #TARGET_CONFIGS}
     * instead of base64Binary, and its elements in any order. A bundle's meta file is read by the component compiler,
     * not parsed against the SOAP type, and Salesforce's own examples put targets before targetConfigs, against the
     * WSDL's alphabetical sequence (LWC guide, Configure a Component for Quick Actions,
     * https://developer.salesforce.com/docs/platform/lwc/guide/use-config-for-quick-actions); the guide says nothing
     * of an order, so none is checked. Which elements exist, at most once each, and their types still are.
     */
    private static void targetConfigsAsSourceFilesHoldThem(Document schema, Element schemaElement,
            DocumentBuilderFactory factory) throws Exception {
        org.w3c.dom.NodeList types = schemaElement.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "complexType");
        Element bundle = null;
        for (int i = 0; i < types.getLength(); i++) {
            if ("LightningComponentBundle".equals(((Element) types.item(i)).getAttribute("name"))) {
                bundle = (Element) types.item(i);
            }
        }
        if (bundle == null) {
            throw new IllegalStateException("The WSDL declares no LightningComponentBundle");
        }
        StringBuilder all = new StringBuilder("<xsd:complexType name=\"LightningComponentBundle\""
                + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><xsd:all>"
                + "<xsd:element name=\"fullName\" minOccurs=\"0\" type=\"xsd:string\"/>");
        org.w3c.dom.NodeList elements = bundle.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "element");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            String name = element.getAttribute("name");
            String type = "targetConfigs".equals(name) ? "tns:LwcTargetConfigs" : element.getAttribute("type");
            all.append("<xsd:element name=\"").append(name).append("\" minOccurs=\"0\" type=\"").append(type)
                    .append("\"/>");
        }
        all.append("</xsd:all></xsd:complexType>");
        Document extra = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(
                "<wrapper xmlns:tns=\"" + NAMESPACE + "\">" + all + TARGET_CONFIGS + "</wrapper>")));
        schemaElement.removeChild(bundle);
        for (Node node = extra.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element definition) {
                schemaElement.appendChild(schema.importNode(definition, true));
            }
        }
    }

    /** What a check of a source tree found: the files it read and every problem, each naming file and line. */
    record Report(List<Path> files, List<String> problems) {
    }

    /** Validates every regular file under {@code sourceRoot}; problems name files relative to it. */
    Report check(Path sourceRoot) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add(sourceRoot + ": no metadata files");
        }
        for (Path file : files) {
            problems.addAll(problems(sourceRoot, file));
        }
        return new Report(files, List.copyOf(problems));
    }

    /** The problems of one file; empty when a deploy's parser accepts it. */
    List<String> problems(Path sourceRoot, Path file) {
        String shown = sourceRoot.relativize(file).toString().replace('\\', '/');
        Optional<String> bundleProblem = bundleFileProblem(sourceRoot, file, shown);
        if (bundleProblem != null) {
            return bundleProblem.map(List::of).orElse(List.of());
        }
        Optional<String> type = typeOf(file);
        if (type.isEmpty()) {
            return List.of(shown + ": unknown metadata suffix; a deploy ignores this file. Known suffixes: "
                    + String.join(", ", TYPE_BY_SUFFIX.keySet()));
        }
        List<String> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // a warning is no reason for a deploy to fail
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(shown + " line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                problems.add(shown + " line " + e.getLineNumber() + ": not well-formed XML: " + e.getMessage());
                throw e;
            }
        });
        try {
            validator.validate(new StreamSource(file.toFile()));
        } catch (SAXParseException e) {
            return problems; // not well-formed: reported by the handler, nothing more to read
        } catch (SAXException | IOException e) {
            problems.add(shown + ": cannot be read: " + e.getMessage());
            return problems;
        }
        QName root = rootOf(file);
        QName expected = new QName(NAMESPACE, type.get());
        if (!expected.equals(root)) {
            // The validator has said "Cannot find the declaration of element"; say what the file should hold instead.
            problems.add(0, shown + ": root element " + root + ", but a " + suffixOf(file)
                    + " file holds one " + type.get() + ": <" + type.get() + " xmlns=\"" + NAMESPACE + "\">");
        }
        return problems;
    }

    /**
     * For a file in a component bundle's folder or a source file of one: empty when a deploy takes it as it is, a
     * problem when it does not; null for any other file, which is metadata XML. A bundle's meta file is named after
     * its folder; a test folder ({@code __tests__}, Jest) is left out of a deploy only when {@code .forceignore} beside
     * force-app says so, or the deploy fails on it.
     */
    static Optional<String> bundleFileProblem(Path sourceRoot, Path file, String shown) {
        String name = file.getFileName().toString();
        List<String> parts = List.of(shown.split("/"));
        int kind = -1;
        for (int i = 0; i < parts.size() - 1; i++) {
            if (BUNDLE_SOURCES.containsKey(parts.get(i))) {
                kind = i;
            }
        }
        boolean metaFile = name.endsWith(".js-meta.xml") || name.endsWith(".cmp-meta.xml");
        boolean sourceFile = !name.endsWith(".xml") && BUNDLE_SOURCES.values().stream().flatMap(List::stream)
                .anyMatch(name::endsWith);
        if (kind < 0 || kind + 2 >= parts.size()) {
            if (metaFile || sourceFile) {
                return Optional.of(shown + ": a component's file outside a bundle folder (lwc/<name>/ or aura/<name>/);"
                        + " a deploy does not take it as part of any component");
            }
            return null;
        }
        String folder = parts.get(kind);
        String bundle = parts.get(kind + 1);
        List<String> inBundle = parts.subList(kind + 2, parts.size());
        if (inBundle.contains("__tests__")) {
            return forceIgnored(sourceRoot, "**/__tests__/**") ? Optional.empty()
                    : Optional.of(shown + ": a test file inside the bundle, which a deploy sends to Salesforce;"
                    + " add **/__tests__/** to .forceignore beside force-app");
        }
        String meta = "lwc".equals(folder) ? ".js-meta.xml" : ".cmp-meta.xml";
        if (metaFile) {
            if (!name.equals(bundle + meta) || inBundle.size() != 1) {
                return Optional.of(shown + ": the meta file of bundle " + bundle + " is " + folder + "/" + bundle + "/"
                        + bundle + meta);
            }
            return null; // metadata XML: validated against its type below
        }
        if (!Files.exists(file.getParent().resolve(bundle + meta)) && inBundle.size() == 1) {
            return Optional.of(shown + ": bundle " + bundle + " has no " + bundle + meta + "; a deploy rejects it");
        }
        if (BUNDLE_SOURCES.get(folder).stream().noneMatch(name::endsWith)) {
            return Optional.of(shown + ": not a source file of " + folder + " bundles (" + String.join(", ",
                    BUNDLE_SOURCES.get(folder)) + ")");
        }
        return Optional.empty();
    }

    private static boolean forceIgnored(Path sourceRoot, String pattern) {
        Path ignore = sourceRoot.toAbsolutePath().getParent().resolve(".forceignore");
        try {
            return Files.exists(ignore) && Files.readAllLines(ignore).stream().map(String::trim).anyMatch(pattern::equals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<String> typeOf(Path file) {
        String name = file.getFileName().toString();
        return TYPE_BY_SUFFIX.entrySet().stream().filter(e -> name.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    static String suffixOf(Path file) {
        String name = file.getFileName().toString();
        return TYPE_BY_SUFFIX.keySet().stream().filter(name::endsWith).findFirst().orElse("");
    }

    private static Map<String, String> table(String... suffixAndType) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < suffixAndType.length; i += 2) {
            table.put(suffixAndType[i], suffixAndType[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(table);
    }

    /** The name of the document's root element, read no further. */
    private static QName rootOf(Path file) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return reader.getName();
                    }
                }
                return new QName("");
            } finally {
                reader.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(file + " became unreadable: " + e.getMessage(), e);
        }
    }
}
