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
            ".app-meta.xml", "CustomApplication");

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
