package io.mpcrm.connector.salesforce;

import static io.mpcrm.connector.salesforce.ForceAppCopy.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped SFDX project passes the checks a deploy makes, and the checks themselves catch each kind of mistake. */
class SalesforceMetadataDeployCheckTest {

    static final Path FORCE_APP = Path.of("salesforce/force-app/main/default");

    private static List<String> problemsOf(String... families) {
        return SalesforceMetadataDeployCheck.problems(FORCE_APP).stream()
                .filter(p -> Stream.of(families).anyMatch(f -> p.startsWith("[" + f + "]")))
                .toList();
    }

    @Test
    void theProjectHasNoDeployProblems() {
        assertThat(SalesforceMetadataDeployCheck.problems(FORCE_APP)).isEmpty();
    }

    @Test
    void everyObjectLivesInTheFolderOfItsNameWithWhatADeployNeeds() {
        // Well-formedness and the root element each suffix promises are Salesforce's schema's: SalesforceMetadataSchemaTest.
        assertThat(problemsOf("path", "object")).isEmpty();
    }

    @Test
    void everyFieldTypeCarriesTheAttributesADeployRequires() {
        assertThat(problemsOf("field")).isEmpty();
    }

    @Test
    void everyRelationshipPointsAtAnExistingParentUnderAChildRelationshipNameOfItsOwn() {
        assertThat(problemsOf("reference", "master-detail", "relationship")).isEmpty();
    }

    @Test
    void permissionSetsGrantOnlyWhatADeployAccepts() {
        assertThat(problemsOf("permission")).isEmpty();
    }

    @Test
    void quickActionsFlowsListViewsTabsAndTheAppReferToExistingMetadata() {
        assertThat(problemsOf("quick-action", "flow", "list-view", "tab", "app")).isEmpty();
    }

    @Test
    void pageLayoutsShowEveryQuickActionOnItsObjectAndOnlyFieldsAndRelatedListsThatExist() throws IOException {
        assertThat(problemsOf("layout")).isEmpty();
        Path layouts = FORCE_APP.resolve("layouts");
        for (String layout : List.of("AWS_Seller_Account__c-AWS Seller Account Layout", "MP_Private_Offer__c-Private Offer Layout",
                "MP_Resale_Authorization__c-Resale Authorization Layout", "MP_Agreement__c-Agreement Layout",
                "MP_Shared_Resale_Authorization__c-Shared Resale Authorization Layout", "MP_Product__c-MP Product Layout",
                "Marketplace_Request__c-Marketplace Request Layout")) {
            assertThat(layouts.resolve(layout + ".layout-meta.xml")).as(layout).isRegularFile();
        }
        try (Stream<Path> actions = Files.list(FORCE_APP.resolve("quickActions"))) {
            for (Path action : actions.toList()) {
                String name = action.getFileName().toString().replace(".quickAction-meta.xml", "");
                String object = name.substring(0, name.indexOf('.'));
                try (Stream<Path> ofObject = Files.list(layouts).filter(l -> l.getFileName().toString().startsWith(object + "-"))) {
                    assertThat(ofObject.toList()).as(name).singleElement().satisfies(layout -> assertThat(Files.readString(layout))
                            .contains("<actionName>" + name + "</actionName>\n            <actionType>QuickAction</actionType>"));
                }
            }
        }
        String offer = Files.readString(layouts.resolve("MP_Private_Offer__c-Private Offer Layout.layout-meta.xml"));
        for (String connectorWritten : List.of("Offer_Id__c", "Status__c", "Change_Set_Id__c", "Offer_URL__c", "Last_Error__c")) {
            assertThat(offer).as(connectorWritten).contains("<behavior>Readonly</behavior>\n                <field>" + connectorWritten + "</field>");
        }
        assertThat(offer).contains("<label>Offer</label>", "<label>Buyers and Dates</label>", "<label>Pricing</label>",
                "<label>Legal</label>", "<label>Renewal</label>", "<label>Marketplace Status</label>",
                "<relatedList>MP_Offer_Dimension__c.Private_Offer__c</relatedList>",
                "<relatedList>MP_Payment_Installment__c.Private_Offer__c</relatedList>");
        assertThat(Files.readString(layouts.resolve("MP_Resale_Authorization__c-Resale Authorization Layout.layout-meta.xml")))
                .contains("<relatedList>MP_Resale_Dimension__c.Resale_Authorization__c</relatedList>",
                        "<relatedList>MP_Resale_Installment__c.Resale_Authorization__c</relatedList>");
    }

    @Test
    void theRequestEventIsHighVolumeAndPublishedAfterCommit() throws IOException {
        assertThat(problemsOf("event")).isEmpty();
        assertThat(Files.readString(FORCE_APP.resolve(
                "objects/Marketplace_Request_Event__e/Marketplace_Request_Event__e.object-meta.xml")))
                .contains("<eventType>HighVolume</eventType>", "<publishBehavior>PublishAfterCommit</publishBehavior>");
    }

    @Test
    void theFieldsTheConnectorReadsAndWritesExistWithTheirAgreedTypes() {
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "AWS_Seller_Account__c")).containsAllEntriesOf(Map.of(
                "Account_Id__c", "Text(12)", "Role__c", "Picklist"));
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "Marketplace_Request__c")).containsAllEntriesOf(Map.ofEntries(
                Map.entry("Action__c", "Picklist"), Map.entry("Status__c", "Picklist"),
                Map.entry("Seller_Account__c", "Lookup(AWS_Seller_Account__c)"), Map.entry("Target_Record_Id__c", "Text(18)"),
                Map.entry("Input__c", "LongTextArea(131072)"), Map.entry("Result__c", "LongTextArea(131072)"),
                Map.entry("Error__c", "LongTextArea(32768)"), Map.entry("Attempts__c", "Number(4,0)"),
                Map.entry("Next_Attempt_At__c", "DateTime"), Map.entry("Progress__c", "Text(255)"),
                Map.entry("Started_At__c", "DateTime"), Map.entry("Finished_At__c", "DateTime"),
                Map.entry("Claimed_By__c", "Text(80)")));
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Payment_Installment__c")).containsAllEntriesOf(Map.of(
                "Private_Offer__c", "MasterDetail(MP_Private_Offer__c)",
                "Charge_Date__c", "Date", "Charge_Amount__c", "Currency(16,2)", "Currency__c", "Text(3)",
                "Installment_Number__c", "Number(3,0)")).doesNotContainKey("Resale_Authorization__c");
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Resale_Installment__c")).containsAllEntriesOf(Map.of(
                "Resale_Authorization__c", "MasterDetail(MP_Resale_Authorization__c)",
                "Charge_Date__c", "Date", "Charge_Amount__c", "Currency(16,2)", "Currency__c", "Text(3)",
                "Installment_Number__c", "Number(3,0)"));
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Private_Offer__c")).containsAllEntriesOf(Map.ofEntries(
                Map.entry("Seller_Account__c", "Lookup(AWS_Seller_Account__c)"), Map.entry("Product__c", "Lookup(MP_Product__c)"),
                Map.entry("Agreement__c", "Lookup(MP_Agreement__c)"),
                Map.entry("Shared_Resale_Authorization__c", "Lookup(MP_Shared_Resale_Authorization__c)"),
                Map.entry("Cloned_From__c", "Lookup(MP_Private_Offer__c)"), Map.entry("Currency__c", "Text(3)"),
                Map.entry("Offer_Name__c", "Text(150)"), Map.entry("Offer_Id__c", "Text(64)")));
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Private_Offer__c")).containsKeys(
                "Offer_Type__c", "Status__c", "Change_Set_Id__c", "Last_Error__c", "Buyer_Accounts__c", "Pricing_Model__c",
                "Service_Length__c", "Service_Start_Date__c", "Service_End_Date__c", "Expiration_Date__c",
                "Zero_Dollar_Pricing__c", "EULA_Type__c", "EULA_Document_Id__c", "EULA_Url__c", "Renewal__c",
                "Installments_Enabled__c", "Offer_URL__c", "Markup_Percentage__c", "Reseller_Contract_Accepted__c",
                "Description__c");
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Product_Dimension__c"))
                .containsEntry("Product__c", "MasterDetail(MP_Product__c)");
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Offer_Dimension__c"))
                .containsEntry("Private_Offer__c", "MasterDetail(MP_Private_Offer__c)");
        assertThat(SalesforceMetadataDeployCheck.describe(FORCE_APP, "MP_Resale_Dimension__c"))
                .containsEntry("Resale_Authorization__c", "MasterDetail(MP_Resale_Authorization__c)");
    }

    @Test
    void theRequestActionPicklistAcceptsUnknownValuesAndListsEveryCatalogueAction() throws IOException {
        String action = Files.readString(FORCE_APP.resolve("objects/Marketplace_Request__c/fields/Action__c.field-meta.xml"));
        assertThat(action).doesNotContain("<restricted>true</restricted>");
        for (String value : List.of("REFRESH_PRODUCTS", "IMPORT_AGREEMENT", "REFRESH_AGREEMENTS", "CREATE_OFFER",
                "SAVE_OFFER_DRAFT", "REFRESH_OFFER_STATUS", "MODIFY_OFFER_EXPIRATION", "CANCEL_OFFER", "CLONE_OFFER",
                "IMPORT_OFFER", "GENERATE_PAYMENT_SCHEDULE", "CREATE_AGREEMENT_BASED_OFFER", "CREATE_RESALE_AUTHORIZATION",
                "SAVE_RESALE_AUTHORIZATION_DRAFT", "REFRESH_RESALE_AUTHORIZATION_STATUS", "DEACTIVATE_RESALE_AUTHORIZATION",
                "CLONE_RESALE_AUTHORIZATION", "REFRESH_SHARED_RESALE_AUTHORIZATIONS", "CREATE_CHANNEL_PARTNER_OFFER",
                "VALIDATE_OFFER", "VALIDATE_RESALE_AUTHORIZATION")) {
            assertThat(action).as(value).contains("<fullName>" + value + "</fullName>");
            assertThat(recorders()).as("an entry flow or a guided page records " + value)
                    .anySatisfy(recorder -> assertThat(Files.readString(recorder))
                            .containsAnyOf("<stringValue>" + value + "</stringValue>", "'" + value + "'"));
        }
        String status = Files.readString(FORCE_APP.resolve("objects/Marketplace_Request__c/fields/Status__c.field-meta.xml"));
        assertThat(status).contains("<restricted>true</restricted>")
                .containsPattern("<fullName>Queued</fullName>\\s*<default>true</default>");
    }

    /** What records requests: the entry flows and the guided pages' components (lwc/, JavaScript). */
    private static List<Path> recorders() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(FORCE_APP)) {
            return files.filter(f -> f.toString().endsWith(".flow-meta.xml") || (f.toString().contains("/lwc/")
                    && f.toString().endsWith(".js") && !f.toString().contains("__tests__"))).toList();
        }
    }

    // ------------------------------------------------------------------ the check catches each kind of mistake

    static Stream<Arguments> brokenProjects() {
        String field = "objects/Marketplace_Request__c/fields/";
        return Stream.of(
                broken("a quick action opening a component that does not exist", "opens component mpCopyOfferUrls, which does not exist in lwc/",
                        p -> replace(p, "quickActions/MP_Private_Offer__c.Copy_URL.quickAction-meta.xml",
                                "<lightningWebComponent>mpCopyOfferUrl<", "<lightningWebComponent>mpCopyOfferUrls<")),
                broken("a screen action opening a headless component", "is a ScreenAction but component mpCopyOfferUrl declares actionType Action",
                        p -> replace(p, "quickActions/MP_Private_Offer__c.Copy_URL.quickAction-meta.xml",
                                "<actionSubtype>Action<", "<actionSubtype>ScreenAction<")),
                broken("a quick action opening a component not exposed as one", "which is not exposed for lightning__RecordAction",
                        p -> replace(p, "lwc/mpCopyOfferUrl/mpCopyOfferUrl.js-meta.xml", "<isExposed>true<", "<isExposed>false<")),
                broken("New overridden by an Aura bundle that does not exist", "New is overridden by mpGuidedPage, which is no bundle of aura/",
                        p -> replace(p, "objects/MP_Private_Offer__c/MP_Private_Offer__c.object-meta.xml",
                                "<actionName>New</actionName>\n        <comment>Create an Offer, the guided page (Aura wrapper of its Lightning Web Component).</comment>\n        <content>mpGuidedPageOverride<",
                                "<actionName>New</actionName>\n        <comment>Create an Offer, the guided page (Aura wrapper of its Lightning Web Component).</comment>\n        <content>mpGuidedPage<")),
                broken("an override that is not an action override", "which does not implement lightning:actionOverride",
                        p -> replace(p, "aura/mpGuidedPageOverride/mpGuidedPageOverride.cmp", "lightning:actionOverride,", "")),
                broken("an Aura wrapper holding a component that does not exist", "holds c:mpOfferPages, which is no bundle",
                        p -> replace(p, "aura/mpGuidedPageOverride/mpGuidedPageOverride.cmp", "<c:mpOfferPage ", "<c:mpOfferPages ")),
                broken("a list view button that is no web link of the object", "shows list view button Import_Agreements, which is no webLink of MP_Agreement__c",
                        p -> replace(p, "objects/MP_Agreement__c/MP_Agreement__c.object-meta.xml",
                                "<listViewButtons>Import_Agreement<", "<listViewButtons>Import_Agreements<")),
                broken("a list view button that is a detail page button", "but it is a button, not a list button",
                        p -> replace(p, "objects/MP_Agreement__c/webLinks/Import_Agreement.webLink-meta.xml",
                                "<displayType>massActionButton<", "<displayType>button<")),
                broken("a button opening a component that is not URL addressable", "but mpOfferPage is no component of lwc/ exposed for lightning__UrlAddressable",
                        p -> replace(p, "objects/MP_Agreement__c/webLinks/Import_Agreement.webLink-meta.xml",
                                "c__mpSellerAccountAction", "c__mpOfferPage")),
                broken("a Text field without length", "Text needs <length> between 1 and 255",
                        p -> replace(p, field + "Progress__c.field-meta.xml", "<length>255</length>", "")),
                broken("a LongTextArea without visibleLines", "LongTextArea needs <visibleLines>",
                        p -> replace(p, field + "Input__c.field-meta.xml", "<visibleLines>5</visibleLines>", "")),
                broken("a Number whose scale exceeds its precision", "Number scale 6 exceeds precision 4",
                        p -> replace(p, field + "Attempts__c.field-meta.xml", "<scale>0</scale>", "<scale>6</scale>")),
                broken("a Picklist with two defaults", "Picklist has 2 default values",
                        p -> replace(p, field + "Status__c.field-meta.xml", "<default>false</default>", "<default>true</default>")),
                broken("a Lookup without deleteConstraint", "Lookup needs <deleteConstraint>",
                        p -> replace(p, field + "Seller_Account__c.field-meta.xml", "<deleteConstraint>SetNull</deleteConstraint>", "")),
                broken("a MasterDetail with a deleteConstraint", "MasterDetail takes no <deleteConstraint>",
                        p -> replace(p, "objects/MP_Offer_Dimension__c/fields/Private_Offer__c.field-meta.xml",
                                "<label>", "<deleteConstraint>SetNull</deleteConstraint><label>")),
                broken("a child shared as its parent through a Lookup", "sharingModel ControlledByParent needs a master-detail field",
                        p -> replace(p, "objects/MP_Payment_Installment__c/fields/Private_Offer__c.field-meta.xml",
                                "<type>MasterDetail</type>", "<type>Lookup</type>")),
                broken("a master-detail child with a sharing model of its own", "has a master-detail field, so its sharingModel must be ControlledByParent, not ReadWrite",
                        p -> replace(p, "objects/MP_Resale_Installment__c/MP_Resale_Installment__c.object-meta.xml",
                                "<sharingModel>ControlledByParent</sharingModel>", "<sharingModel>ReadWrite</sharingModel>")),
                broken("a Checkbox without defaultValue", "Checkbox needs <defaultValue>",
                        p -> replace(p, "objects/MP_Private_Offer__c/fields/Renewal__c.field-meta.xml", "<defaultValue>false</defaultValue>", "")),
                broken("a lookup to an object that does not exist", "references AWS_Seller_Acount__c, which is neither",
                        p -> replace(p, field + "Seller_Account__c.field-meta.xml", "AWS_Seller_Account__c", "AWS_Seller_Acount__c")),
                broken("a field file named differently from its fullName", "file name Progress__c differs from <fullName>Progres__c",
                        p -> replace(p, field + "Progress__c.field-meta.xml", "<fullName>Progress__c", "<fullName>Progres__c")),
                broken("a third master-detail field", "at most 2 master-detail fields",
                        p -> {
                            Path md = p.resolve("objects/MP_Offer_Dimension__c/fields/Private_Offer__c.field-meta.xml");
                            for (String name : List.of("Second_Offer__c", "Third_Offer__c")) {
                                Files.writeString(md.resolveSibling(name + ".field-meta.xml"), Files.readString(md)
                                        .replace("Private_Offer__c", name).replace("Offer_Dimensions", name.replace("__c", "s")));
                            }
                        }),
                broken("a relationship name used twice towards one parent", "relationshipName Seller_Account towards AWS_Seller_Account__c",
                        p -> replace(p, "objects/MP_Product__c/fields/Seller_Account__c.field-meta.xml",
                                "<relationshipName>Products<", "<relationshipName>Seller_Account<")),
                broken("a permission set granting a field that does not exist", "grants field Marketplace_Request__c.Progres__c",
                        p -> replace(p, "permissionsets/Marketplace_Administrator.permissionset-meta.xml",
                                "Marketplace_Request__c.Progress__c", "Marketplace_Request__c.Progres__c")),
                broken("a permission set granting a required field", "grants required field AWS_Seller_Account__c.Account_Id__c",
                        p -> replace(p, "permissionsets/Marketplace_Administrator.permissionset-meta.xml",
                                "AWS_Seller_Account__c.Role__c", "AWS_Seller_Account__c.Account_Id__c")),
                broken("a permission set granting a master-detail field", "grants master-detail field MP_Offer_Dimension__c.Private_Offer__c",
                        p -> replace(p, "permissionsets/Marketplace_Administrator.permissionset-meta.xml",
                                "MP_Offer_Dimension__c.Quantity__c", "MP_Offer_Dimension__c.Private_Offer__c")),
                broken("a permission set granting an object that does not exist", "grants object MP_Offers__c",
                        p -> replace(p, "permissionsets/Marketplace_User.permissionset-meta.xml",
                                "<object>MP_Private_Offer__c</object>", "<object>MP_Offers__c</object>")),
                broken("Modify All without the Delete it depends on",
                        "MP_Private_Offer__c modifyAllRecords depends on allowDelete",
                        p -> replace(p, "permissionsets/Marketplace_Connector.permissionset-meta.xml",
                                "<allowDelete>true</allowDelete>\n        <allowEdit>true</allowEdit>\n        <allowRead>true"
                                        + "</allowRead>\n        <modifyAllRecords>true</modifyAllRecords>\n        <object>"
                                        + "MP_Private_Offer__c", "<allowDelete>false</allowDelete>\n        <allowEdit>true"
                                        + "</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>true"
                                        + "</modifyAllRecords>\n        <object>MP_Private_Offer__c")),
                broken("a quick action launching a flow that does not exist", "launches flow Marketplace_Action_Create_Ofer",
                        p -> replace(p, "quickActions/MP_Private_Offer__c.Create_Offer.quickAction-meta.xml",
                                "Marketplace_Action_Create_Offer", "Marketplace_Action_Create_Ofer")),
                broken("a list view of an object that does not exist", "is a list view of MP_Offers__c",
                        p -> {
                            Path lv = p.resolve("objects/MP_Offers__c/listViews/All.listView-meta.xml");
                            Files.createDirectories(lv.getParent());
                            Files.copy(p.resolve("objects/MP_Private_Offer__c/listViews/All.listView-meta.xml"), lv);
                        }),
                broken("a tab of an object that does not exist", "is the tab of object MP_Offers__c",
                        p -> Files.copy(p.resolve("tabs/MP_Private_Offer__c.tab-meta.xml"), p.resolve("tabs/MP_Offers__c.tab-meta.xml"))),
                broken("an app showing a tab that does not exist", "shows tab MP_Offers__c",
                        p -> replace(p, "applications/AWS_Marketplace.app-meta.xml", "<tabs>MP_Private_Offer__c", "<tabs>MP_Offers__c")),
                broken("a platform event that is not high volume", "needs <eventType>HighVolume</eventType>",
                        p -> replace(p, "objects/Marketplace_Request_Event__e/Marketplace_Request_Event__e.object-meta.xml",
                                "HighVolume", "StandardVolume")),
                broken("a platform event published immediately", "needs <publishBehavior>PublishAfterCommit",
                        p -> replace(p, "objects/Marketplace_Request_Event__e/Marketplace_Request_Event__e.object-meta.xml",
                                "PublishAfterCommit", "PublishImmediately")),
                broken("a flow writing a field that does not exist", "uses field Marketplace_Request_Event__e.Request__c",
                        p -> replace(p, "flows/Marketplace_Request_Publish_Event.flow-meta.xml", "Request_Id__c", "Request__c")),
                broken("a layout of an object that does not exist", "MP_Offers__c is not an object of this project",
                        p -> Files.copy(p.resolve(OFFER_LAYOUT), p.resolve("layouts/MP_Offers__c-Offer Layout.layout-meta.xml"))),
                broken("a layout field that does not exist", "shows field Offer_Nme__c, which MP_Private_Offer__c does not have",
                        p -> replace(p, OFFER_LAYOUT, "<field>Offer_Name__c</field>", "<field>Offer_Nme__c</field>")),
                broken("a standard field a custom object does not have", "shows field Owner, which MP_Private_Offer__c does not have",
                        p -> replace(p, OFFER_LAYOUT, "<field>OwnerId</field>", "<field>Owner</field>")),
                broken("a field shown twice", "shows field Offer_Type__c twice",
                        p -> replace(p, OFFER_LAYOUT, "<field>Offer_Name__c</field>", "<field>Offer_Type__c</field>")),
                broken("a required field that is read-only", "required field Account_Id__c must have behavior Required, found Readonly",
                        p -> replace(p, SELLER_LAYOUT, "<behavior>Required</behavior>\n                <field>Account_Id__c",
                                "<behavior>Readonly</behavior>\n                <field>Account_Id__c")),
                broken("a required name field that is only editable", "required field Name must have behavior Required, found Edit",
                        p -> replace(p, OFFER_LAYOUT, "<behavior>Required</behavior>\n                <field>Name",
                                "<behavior>Edit</behavior>\n                <field>Name")),
                broken("an auto-number name that is editable", "field Name is set by Salesforce; its behavior must be Readonly",
                        p -> replace(p, "layouts/Marketplace_Request__c-Marketplace Request Layout.layout-meta.xml",
                                "<behavior>Readonly</behavior>\n                <field>Name", "<behavior>Edit</behavior>\n                <field>Name")),
                broken("a required field left off the layout", "required field Account_Id__c is not on the layout",
                        p -> replace(p, SELLER_LAYOUT, "<field>Account_Id__c</field>", "<field>Role__c</field>",
                                "<behavior>Edit</behavior>\n                <field>Role__c</field>", "<behavior>Readonly</behavior>\n                <field>CreatedDate</field>")),
                broken("a section whose style takes fewer columns", "section Legal has style OneColumn, which takes 1 layoutColumns, found 2",
                        p -> replace(p, OFFER_LAYOUT, "<style>TwoColumnsTopToBottom</style>\n    </layoutSections>\n    <layoutSections>\n        <customLabel>true</customLabel>\n        <detailHeading>true</detailHeading>\n        <editHeading>true</editHeading>\n        <label>Renewal",
                                "<style>OneColumn</style>\n    </layoutSections>\n    <layoutSections>\n        <customLabel>true</customLabel>\n        <detailHeading>true</detailHeading>\n        <editHeading>true</editHeading>\n        <label>Renewal")),
                broken("a layout action that does not exist", "shows quick action MP_Private_Offer__c.Cancel_Ofer, which does not exist",
                        p -> replace(p, OFFER_LAYOUT, "MP_Private_Offer__c.Cancel_Offer", "MP_Private_Offer__c.Cancel_Ofer")),
                broken("a layout action of another object", "shows quick action MP_Private_Offer__c.Create_Offer, which belongs to MP_Private_Offer__c, not to MP_Agreement__c",
                        p -> replace(p, "layouts/MP_Agreement__c-Agreement Layout.layout-meta.xml",
                                "MP_Agreement__c.Create_Agreement_Based_Offer", "MP_Private_Offer__c.Create_Offer")),
                broken("two actions at one sort order", "action MP_Private_Offer__c.Create_Offer needs a <sortOrder> of its own",
                        p -> replace(p, OFFER_LAYOUT, "<actionType>QuickAction</actionType>\n            <sortOrder>2</sortOrder>",
                                "<actionType>QuickAction</actionType>\n            <sortOrder>1</sortOrder>")),
                broken("a quick action on no layout", "quickActions/MP_Private_Offer__c.Extend_Offer.quickAction-meta.xml: is on no page layout",
                        p -> Files.copy(p.resolve("quickActions/MP_Private_Offer__c.Cancel_Offer.quickAction-meta.xml"),
                                p.resolve("quickActions/MP_Private_Offer__c.Extend_Offer.quickAction-meta.xml"))),
                broken("a quick action dropped from its layout", "quickActions/MP_Private_Offer__c.Cancel_Offer.quickAction-meta.xml: is on no page layout",
                        p -> replace(p, OFFER_LAYOUT, "<actionName>MP_Private_Offer__c.Cancel_Offer</actionName>",
                                "<actionName>MP_Private_Offer__c.Clone_Offer</actionName>")),
                broken("a related list named by its relationship name", "related list Offer_Dimensions__r names no lookup field of a child object; a custom related list is named <ChildObject>.<LookupField>",
                        p -> replace(p, OFFER_LAYOUT, "<relatedList>MP_Offer_Dimension__c.Private_Offer__c<", "<relatedList>Offer_Dimensions__r<")),
                broken("a related list through a lookup to another object", "related list MP_Private_Offer__c.Seller_Account__c points at AWS_Seller_Account__c, not at MP_Product__c",
                        p -> replace(p, "layouts/MP_Product__c-MP Product Layout.layout-meta.xml",
                                "<relatedList>MP_Private_Offer__c.Product__c<", "<relatedList>MP_Private_Offer__c.Seller_Account__c<")),
                broken("a related list through a field that is no lookup", "related list MP_Offer_Dimension__c.Rate__c names a Number field",
                        p -> replace(p, OFFER_LAYOUT, "<relatedList>MP_Offer_Dimension__c.Private_Offer__c<", "<relatedList>MP_Offer_Dimension__c.Rate__c<")),
                broken("a related list column the child does not have", "shows column Qty__c, which MP_Offer_Dimension__c does not have",
                        p -> replace(p, OFFER_LAYOUT, "<fields>Quantity__c</fields>", "<fields>Qty__c</fields>")));
    }

    static final String OFFER_LAYOUT = "layouts/MP_Private_Offer__c-Private Offer Layout.layout-meta.xml";
    static final String SELLER_LAYOUT = "layouts/AWS_Seller_Account__c-AWS Seller Account Layout.layout-meta.xml";

    private static Arguments broken(String mistake, String expectedProblem, ForceAppCopy.Breakage breakage) {
        return Arguments.of(mistake, expectedProblem, breakage);
    }

    @ParameterizedTest(name = "reports {0}")
    @MethodSource("brokenProjects")
    void theCheckReports(String mistake, String expectedProblem, ForceAppCopy.Breakage breakage, @TempDir Path tmp) throws IOException {
        Path copy = copyOfTheProject(tmp);
        assertThat(SalesforceMetadataDeployCheck.problems(copy)).as("the untouched copy").isEmpty();

        breakage.applyTo(copy);

        assertThat(SalesforceMetadataDeployCheck.problems(copy)).as(mistake)
                .anySatisfy(problem -> assertThat(problem).contains(expectedProblem));
    }

    private static Path copyOfTheProject(Path tmp) throws IOException {
        return ForceAppCopy.copy(FORCE_APP, tmp.resolve("default"));
    }
}
