package io.mpcrm.connector.salesforce;

import static io.mpcrm.connector.salesforce.ForceAppCopy.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file a deploy reads passes Salesforce's own Metadata API schema (metadata.wsdl, API 66.0), and the check
 * names the file, the line and the schema's complaint for each kind of mistake a deploy rejects.
 */
class SalesforceMetadataSchemaTest {

    static final Path FORCE_APP = Path.of("salesforce/force-app");
    static final String DEFAULT = "main/default/";

    private static SalesforceMetadataSchema schema;

    @BeforeAll
    static void compileTheSchemaOnce() {
        schema = SalesforceMetadataSchema.standard();
    }

    @Test
    void everyFileUnderForceAppIsValidAgainstSalesforcesSchemaForItsType() throws IOException {
        SalesforceMetadataSchema.Report report = schema.check(FORCE_APP);

        assertThat(report.problems()).isEmpty();
        try (Stream<Path> all = Files.walk(FORCE_APP)) {
            assertThat(report.files()).containsExactlyElementsOf(all.filter(Files::isRegularFile).sorted().toList());
        }
        assertThat(report.files()).as("every kind of file the project ships was checked")
                .extracting(SalesforceMetadataSchema::suffixOf).containsAll(SalesforceMetadataSchema.TYPE_BY_SUFFIX.keySet());
    }

    @Test
    void eachSuffixNamesAMetadataTypeTheSchemaDeclares() {
        // A misspelt type in the table would not compile (src-resolve), so a compiled schema proves the table; this
        // pins that the table is what the source format uses.
        assertThat(SalesforceMetadataSchema.TYPE_BY_SUFFIX).containsEntry(".flow-meta.xml", "Flow")
                .containsEntry(".field-meta.xml", "CustomField").containsEntry(".object-meta.xml", "CustomObject")
                .containsEntry(".listView-meta.xml", "ListView").containsEntry(".layout-meta.xml", "Layout")
                .containsEntry(".permissionset-meta.xml", "PermissionSet").containsEntry(".quickAction-meta.xml", "QuickAction")
                .containsEntry(".tab-meta.xml", "CustomTab").containsEntry(".app-meta.xml", "CustomApplication")
                .containsEntry(".webLink-meta.xml", "WebLink").containsEntry(".js-meta.xml", "LightningComponentBundle")
                .containsEntry(".cmp-meta.xml", "AuraDefinitionBundle");
    }

    @Test
    void aComponentsSourceFilesAreAcceptedInItsBundleFolderOnly() throws IOException {
        try (Stream<Path> all = Files.walk(FORCE_APP.resolve(DEFAULT + "lwc"))) {
            List<Path> sources = all.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".js")).toList();
            assertThat(sources).as("component JavaScript, tests included").isNotEmpty()
                    .allSatisfy(f -> assertThat(schema.problems(FORCE_APP, f)).isEmpty());
        }
    }

    // ------------------------------------------------------------------ the check catches what a deploy rejects

    static final String FLOW = DEFAULT + "flows/Marketplace_Request_Create.flow-meta.xml";
    static final String FIELD = DEFAULT + "objects/Marketplace_Request__c/fields/Progress__c.field-meta.xml";
    static final String OFFER_LAYOUT = DEFAULT + "layouts/MP_Private_Offer__c-Private Offer Layout.layout-meta.xml";
    static final String LIST_VIEW = DEFAULT + "objects/Marketplace_Request__c/listViews/All.listView-meta.xml";
    static final String COMPONENT = DEFAULT + "lwc/mpCopyOfferUrl/";
    static final String COMPONENT_META = COMPONENT + "mpCopyOfferUrl.js-meta.xml";

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("a <value> in a flow condition, where FlowCondition takes rightValue", FLOW,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":value}'",
                        p -> replace(p, FLOW, "<rightValue>", "<value>", "</rightValue>", "</value>")),
                broken("custom field elements out of the schema's order", FIELD,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":label}'",
                        p -> replace(p, FIELD, "    <label>Progress</label>\n", "", "<length>255</length>",
                                "<length>255</length>\n    <label>Progress</label>")),
                broken("an element a custom field does not have", FIELD,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":readOnly}'",
                        p -> replace(p, FIELD, "<required>false</required>", "<readOnly>true</readOnly><required>false</required>")),
                broken("a field type the schema does not know", FIELD, "'Texxt' is not facet-valid with respect to enumeration",
                        p -> replace(p, FIELD, "<type>Text</type>", "<type>Texxt</type>")),
                broken("a number that is not a number", FIELD, "'long' is not a valid value for 'integer'",
                        p -> replace(p, FIELD, "<length>255</length>", "<length>long</length>")),
                broken("a file that is not well-formed XML", FIELD, "not well-formed XML",
                        p -> replace(p, FIELD, "</label>", "</labl>")),
                broken("a root element that does not match the suffix", LIST_VIEW,
                        "root element {" + SalesforceMetadataSchema.NAMESPACE + "}CustomField, but a .listView-meta.xml file holds one ListView",
                        p -> replace(p, LIST_VIEW, "<ListView ", "<CustomField ", "</ListView>", "</CustomField>")),
                broken("a root element outside the metadata namespace", FIELD,
                        "root element CustomField, but a .field-meta.xml file holds one CustomField",
                        p -> replace(p, FIELD, " xmlns=\"" + SalesforceMetadataSchema.NAMESPACE + "\"", "")),
                broken("a file whose suffix a deploy ignores", DEFAULT + "objects/Marketplace_Request__c/fields/Extra__c.fieldmeta.xml",
                        "unknown metadata suffix; a deploy ignores this file",
                        p -> Files.copy(p.resolve(FIELD), p.resolve(DEFAULT + "objects/Marketplace_Request__c/fields/Extra__c.fieldmeta.xml"))),
                broken("a layout that is not well-formed XML", OFFER_LAYOUT, "not well-formed XML",
                        p -> replace(p, OFFER_LAYOUT, "</label>", "</labl>")),
                broken("a root element Layout a layout file does not have", OFFER_LAYOUT,
                        "root element {" + SalesforceMetadataSchema.NAMESPACE + "}CustomTab, but a .layout-meta.xml file holds one Layout",
                        p -> replace(p, OFFER_LAYOUT, "<Layout ", "<CustomTab ", "</Layout>", "</CustomTab>")),
                broken("a layout behaviour that does not exist", OFFER_LAYOUT, "'ReadOnly' is not facet-valid with respect to enumeration",
                        p -> replace(p, OFFER_LAYOUT, "<behavior>Readonly</behavior>", "<behavior>ReadOnly</behavior>")),
                broken("layout item elements out of the schema's order", OFFER_LAYOUT,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":behavior}'",
                        p -> replace(p, OFFER_LAYOUT, "<behavior>Required</behavior>\n                <field>Name</field>",
                                "<field>Name</field>\n                <behavior>Required</behavior>")),
                broken("layout elements out of the schema's order", OFFER_LAYOUT,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":platformActionList}'",
                        p -> replace(p, OFFER_LAYOUT, "    <platformActionList>", "    <showEmailCheckbox>false</showEmailCheckbox>\n    <platformActionList>",
                                "    <showEmailCheckbox>false</showEmailCheckbox>\n    <showHighlightsPanel>", "    <showHighlightsPanel>")),
                broken("an element the layout schema does not have", OFFER_LAYOUT,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":readOnly}'",
                        p -> replace(p, OFFER_LAYOUT, "<field>Offer_Id__c</field>", "<field>Offer_Id__c</field><readOnly>true</readOnly>")),
                broken("an action list context the schema does not know", OFFER_LAYOUT,
                        "'RecordPage' is not facet-valid with respect to enumeration",
                        p -> replace(p, OFFER_LAYOUT, "<actionListContext>Record</actionListContext>",
                                "<actionListContext>RecordPage</actionListContext>")),
                broken("a component's JavaScript outside a bundle folder", DEFAULT + "lwc/mpCopyOfferUrl.js",
                        "a component's file outside a bundle folder",
                        p -> Files.copy(p.resolve(COMPONENT + "mpCopyOfferUrl.js"), p.resolve(DEFAULT + "lwc/mpCopyOfferUrl.js"))),
                broken("a stray JavaScript file among the objects", DEFAULT + "objects/MP_Private_Offer__c/offer.js",
                        "a component's file outside a bundle folder",
                        p -> Files.writeString(p.resolve(DEFAULT + "objects/MP_Private_Offer__c/offer.js"), "export default 1;\n")),
                broken("a bundle without its meta file", COMPONENT + "mpCopyOfferUrl.js",
                        "bundle mpCopyOfferUrl has no mpCopyOfferUrl.js-meta.xml",
                        p -> Files.delete(p.resolve(COMPONENT_META))),
                broken("a meta file named after another bundle", COMPONENT + "other.js-meta.xml",
                        "the meta file of bundle mpCopyOfferUrl is lwc/mpCopyOfferUrl/mpCopyOfferUrl.js-meta.xml",
                        p -> Files.move(p.resolve(COMPONENT_META), p.resolve(COMPONENT + "other.js-meta.xml"))),
                broken("Jest tests a deploy would send", COMPONENT + "__tests__/mpCopyOfferUrl.test.js",
                        "add **/__tests__/** to .forceignore",
                        p -> Files.delete(p.getParent().resolve(".forceignore"))),
                broken("a quick action type a component does not have", COMPONENT_META,
                        "'Headless' is not facet-valid with respect to enumeration",
                        p -> replace(p, COMPONENT_META, "<actionType>Action</actionType>", "<actionType>Headless</actionType>")),
                broken("a target config without its targets", COMPONENT_META,
                        "Attribute 'targets' must appear on element 'targetConfig'",
                        p -> replace(p, COMPONENT_META, " targets=\"lightning__RecordAction\"", "")),
                broken("an element a component's meta file does not have", COMPONENT_META,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":exposed}'",
                        p -> replace(p, COMPONENT_META, "<isExposed>true</isExposed>", "<exposed>true</exposed>")),
                broken("a component meta element given twice", COMPONENT_META,
                        "Invalid content was found starting with element '{\"" + SalesforceMetadataSchema.NAMESPACE + "\":apiVersion}'",
                        p -> replace(p, COMPONENT_META, "<isExposed>true</isExposed>", "<isExposed>true</isExposed>\n    <apiVersion>62.0</apiVersion>")));
    }

    private static Arguments broken(String mistake, String file, String complaint, ForceAppCopy.Breakage breakage) {
        return Arguments.of(mistake, file, complaint, breakage);
    }

    @ParameterizedTest(name = "reports {0}")
    @MethodSource("brokenFiles")
    void theCheckReportsTheFileTheLineAndTheSchemasComplaint(String mistake, String file, String complaint, ForceAppCopy.Breakage breakage,
            @TempDir Path tmp) throws IOException {
        Path copy = copyOfForceApp(tmp);
        Path broken = copy.resolve(file);
        if (Files.exists(broken)) {
            assertThat(schema.problems(copy, broken)).as("the untouched file").isEmpty();
        }

        breakage.applyTo(copy);

        List<String> problems = schema.problems(copy, broken);
        assertThat(problems).as(mistake).anySatisfy(problem -> assertThat(problem).startsWith(file).contains(complaint));
        if (file.endsWith("-meta.xml") && !mistake.startsWith("a root element") && !complaint.startsWith("the meta file")) {
            assertThat(problems).as(mistake + ": the line is named")
                    .anySatisfy(problem -> assertThat(problem).containsPattern(Pattern.quote(file) + " line [1-9][0-9]*: "));
        }
    }

    /** The whole-tree check (the one the build runs) reports a broken file among all the good ones, and only it. */
    @Test
    void aFlowConditionWithValueIsReportedAtItsLineWithTheElementsTheSchemaExpects(@TempDir Path tmp) throws IOException {
        Path copy = copyOfForceApp(tmp);
        Path flow = copy.resolve(FLOW);
        String fixed = Files.readString(flow);
        int line = (int) fixed.substring(0, fixed.indexOf("<rightValue>")).lines().count();
        Files.writeString(flow, fixed.replaceFirst("<rightValue>", "<value>").replaceFirst("</rightValue>", "</value>"));

        assertThat(schema.check(copy).problems()).singleElement().asString()
                .startsWith(FLOW + " line " + line + ": ")
                .contains("value").contains("rightValue");
    }

    /** A copy of force-app and the .forceignore beside it. */
    private static Path copyOfForceApp(Path tmp) throws IOException {
        Files.copy(FORCE_APP.resolveSibling(".forceignore"), tmp.resolve(".forceignore"));
        return ForceAppCopy.copy(FORCE_APP, tmp.resolve("force-app"));
    }
}
