package io.mpcrm.connector.salesforce;

import static io.mpcrm.connector.salesforce.ForceAppCopy.cut;
import static io.mpcrm.connector.salesforce.ForceAppCopy.replace;
import static io.mpcrm.connector.salesforce.ForceAppCopy.replaceRegex;
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

/**
 * A person holding only one of the project's permission sets can press every button on the records that set lets
 * them read: they may run the button's flow and its subflow, and every object and field those flows touch in user
 * context is one the set grants. Every data element of every flow has a fault path the user can see. The rules and
 * their sources are in {@link SalesforceFlowAccess}.
 */
class SalesforceFlowAccessTest {

    static final Path FORCE_APP = Path.of("salesforce/force-app/main/default");

    /** The permission sets people hold, each alone enough for its persona (admin guide, section 3). */
    static final List<String> PEOPLE = List.of("Marketplace_User", "Marketplace_Channel_Partner", "Marketplace_Administrator");

    /** The integration user's set: it logs in through the API and never presses a button, so it runs no flow. */
    static final String CONNECTOR = "Marketplace_Connector";

    private final SalesforceFlowAccess access = SalesforceFlowAccess.read(FORCE_APP);

    @Test
    void everyPermissionSetIsForPeopleWhoPressButtonsOrForTheConnector() {
        assertThat(access.permissionSets().keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(PEOPLE.stream(), Stream.of(CONNECTOR)).toList());
        assertThat(access.permissionSets().get(CONNECTOR).flows()).as("the connector runs no flow").isEmpty();
    }

    @Test
    void aPersonHoldingOnlyOnePermissionSetCanPressEveryButtonOnTheRecordsItLetsThemRead() {
        for (String set : PEOPLE) {
            List<SalesforceFlowAccess.QuickAction> buttons = access.buttonsOf(set);
            assertThat(buttons).as(set + " sees buttons").isNotEmpty();
            assertThat(buttons.stream().flatMap(button -> access.problemsPressing(set, button).stream()))
                    .as("what stops a holder of only " + set).isEmpty();
        }
    }

    @Test
    void theButtonsEachPersonSeesAreTheOnesOnTheRecordsOfTheirWork() {
        assertThat(objectsWithButtons("Marketplace_User")).containsExactly("AWS_Seller_Account__c", "MP_Agreement__c",
                "MP_Private_Offer__c", "MP_Resale_Authorization__c");
        assertThat(objectsWithButtons("Marketplace_Channel_Partner")).containsExactly("AWS_Seller_Account__c",
                "MP_Agreement__c", "MP_Private_Offer__c", "MP_Shared_Resale_Authorization__c");
        assertThat(access.buttonsOf("Marketplace_Administrator")).hasSameSizeAs(access.quickActions().values());
    }

    /** The objects whose record pages show the set's holder a button: a flow's it may run, or a component's. */
    private List<String> objectsWithButtons(String set) {
        SalesforceFlowAccess.PermissionSet grants = access.permissionSets().get(set);
        return Stream.concat(access.buttonsOf(set).stream().map(SalesforceFlowAccess.QuickAction::object),
                access.componentActions().values().stream().filter(grants::canRead)).distinct().sorted().toList();
    }

    /**
     * What a guided page writes, as its Jest walkthroughs recorded it (salesforce/walkthroughs/), the holder of the
     * set the page is for may write: Create on each object it creates, Edit on each object it updates, and edit
     * access to every field it sets (a required or master-detail field comes with the object). WalkthroughIT writes
     * the same records as such a user on the sandbox org; this says which grant is missing without starting it.
     */
    @Test
    void everyRecordAGuidedPageWritesIsWritableByThePeopleItIsFor() throws IOException {
        List<Path> walkthroughs;
        try (Stream<Path> files = Files.list(Path.of("salesforce", "walkthroughs"))) {
            walkthroughs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(walkthroughs).hasSizeGreaterThanOrEqualTo(6);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> refused = new java.util.ArrayList<>();
        for (Path walkthrough : walkthroughs) {
            String set = walkthrough.getFileName().toString().startsWith("channel-partner") ? "Marketplace_Channel_Partner"
                    : "Marketplace_User";
            for (String holder : List.of(set, "Marketplace_Administrator")) {
                SalesforceFlowAccess.PermissionSet grants = access.permissionSets().get(holder);
                for (com.fasterxml.jackson.databind.JsonNode step : json.readTree(walkthrough.toFile())) {
                    String target = step.path(step.has("create") ? "create" : "update").asText("");
                    if (target.isEmpty()) {
                        continue;
                    }
                    String object = target.split("[#.]")[0];
                    SalesforceFlowAccess.ObjectGrant objectGrant = grants.objects().get(object);
                    boolean allowed = objectGrant != null && (step.has("create") ? objectGrant.create() : objectGrant.edit());
                    if (!allowed) {
                        refused.add(walkthrough.getFileName() + ": " + holder + " may not " + (step.has("create")
                                ? "create " : "edit ") + object);
                    }
                    step.path("fields").fieldNames().forEachRemaining(field -> {
                        SalesforceFlowAccess.FieldGrant fieldGrant = grants.fields().get(object + "." + field);
                        if (!SalesforceFlowAccess.STANDARD_FIELDS.contains(field) && !comesWithTheObject(object, field)
                                && (fieldGrant == null || !fieldGrant.editable())) {
                            refused.add(walkthrough.getFileName() + ": " + holder + " may not set " + object + "." + field);
                        }
                    });
                }
            }
        }
        assertThat(refused).isEmpty();
    }

    private static boolean comesWithTheObject(String object, String field) {
        Path file = FORCE_APP.resolve("objects").resolve(object).resolve("fields").resolve(field + ".field-meta.xml");
        try {
            String xml = Files.readString(file);
            return xml.contains("<required>true</required>") || xml.contains("<type>MasterDetail</type>");
        } catch (IOException missing) {
            return false;
        }
    }

    /**
     * Screen flows launched from a quick action run in user context, and so does the subflow they call (it sets no
     * runInMode); the record-triggered publish flow runs in system context without sharing (Help, Flow Run Context,
     * https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.flow_distribute_context.htm).
     */
    @Test
    void eachFlowRunsInTheContextItsLaunchGivesIt() {
        Map<String, String> contexts = access.contexts();

        assertThat(contexts.keySet()).containsExactlyInAnyOrderElementsOf(access.flows().keySet());
        contexts.forEach((flow, context) -> {
            if (flow.startsWith("Marketplace_Action_")) {
                assertThat(context).as(flow).startsWith("USER (launched by quick action ");
            }
        });
        assertThat(contexts.get("Marketplace_Request_Create")).startsWith("USER (subflow of Marketplace_Action_");
        assertThat(contexts.get("Marketplace_Request_Publish_Event"))
                .isEqualTo("SYSTEM_WITHOUT_SHARING (triggered by a Marketplace_Request__c record)");
    }

    @Test
    void everyGetCreateUpdateAndEventPublishHasAFaultPathTheUserSees() {
        assertThat(access.faultPathProblems()).isEmpty();
    }

    @Test
    void theNoteOfAnUnpublishedEventIsOneEveryPersonCanReadOnTheRequest() {
        SalesforceFlowAccess.Flow publish = access.flows().get("Marketplace_Request_Publish_Event");
        List<String> noted = SalesforceFlowAccess.children(publish.xml(), "recordUpdates").stream()
                .flatMap(update -> SalesforceFlowAccess.children(update, "inputAssignments").stream())
                .map(assignment -> SalesforceFlowAccess.text(assignment, "field")).toList();

        assertThat(noted).containsExactly("Progress__c");
        for (String set : PEOPLE) {
            SalesforceFlowAccess.PermissionSet grants = access.permissionSets().get(set);
            assertThat(grants.canRead("Marketplace_Request__c")).as(set).isTrue();
            assertThat(grants.fields().get("Marketplace_Request__c.Progress__c").readable()).as(set).isTrue();
        }
    }

    /**
     * Production deploys flows as inactive unless the org deploys them as active, and then a record-triggered
     * (autolaunched) flow needs Apex test coverage, which screen flows do not (Help, Deploy Processes and Flows as
     * Active, https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.flow_distribute_deploy_active.htm). The
     * project has no Apex, so the publish flow ships as Draft and the admin activates it (admin guide, section 1).
     */
    @Test
    void theButtonFlowsShipActiveAndTheRecordTriggeredFlowShipsAsDraft() {
        access.flows().values().forEach(flow -> assertThat(flow.status()).as(flow.name())
                .isEqualTo(flow.isScreenFlow() ? "Active" : "Draft"));
        assertThat(access.flows().values().stream().filter(flow -> !flow.isScreenFlow()).map(SalesforceFlowAccess.Flow::name))
                .containsExactly("Marketplace_Request_Publish_Event");
    }

    @Test
    void eachButtonFlowReadsOnlyItsOwnRecordAndTheSharedFlowReadsNoTargetObject() {
        access.quickActions().values().forEach(button -> {
            SalesforceFlowAccess.Flow flow = access.flows().get(button.flow());
            assertThat(SalesforceFlowAccess.children(flow.xml(), "recordLookups")).as(button.name())
                    .allSatisfy(lookup -> assertThat(SalesforceFlowAccess.text(lookup, "object")).isEqualTo(button.object()));
        });
        assertThat(SalesforceFlowAccess.children(access.flows().get("Marketplace_Request_Create").xml(), "recordLookups"))
                .extracting(lookup -> SalesforceFlowAccess.text(lookup, "object")).containsOnly("Marketplace_Request__c");
    }

    // ------------------------------------------------------------------ the check catches each kind of mistake

    static final String CANCEL = "flows/Marketplace_Action_Cancel_Offer.flow-meta.xml";
    static final String CREATE = "flows/Marketplace_Request_Create.flow-meta.xml";
    static final String PUBLISH = "flows/Marketplace_Request_Publish_Event.flow-meta.xml";
    static final String USER = "permissionsets/Marketplace_User.permissionset-meta.xml";
    static final String PARTNER = "permissionsets/Marketplace_Channel_Partner.permissionset-meta.xml";

    static Stream<Arguments> brokenProjects() {
        return Stream.of(
                broken("a Get Records without a fault path",
                        "Marketplace_Action_Cancel_Offer Get Records Find_Seller_Account has no fault path",
                        p -> cut(p, CANCEL, "        <faultConnector>\n            <targetReference>Record_Not_Read</targetReference>\n        </faultConnector>\n")),
                broken("a fault screen that hides the fault message",
                        "fault screen Record_Not_Read that does not show {!$Flow.FaultMessage}",
                        p -> replace(p, CANCEL, "{!$Flow.FaultMessage}", "Something went wrong.")),
                broken("a fault screen that does not say what to do",
                        "says nothing after the fault message",
                        p -> replaceRegex(p, CANCEL, "\\{!\\$Flow\\.FaultMessage\\}&lt;/p&gt;.*?</fieldText>", "{!\\$Flow.FaultMessage}&lt;/p&gt;</fieldText>")),
                broken("a fault path to something that is no screen",
                        "has a fault path to Has_Seller_Account, which is no screen",
                        p -> replace(p, CANCEL, "<targetReference>Record_Not_Read</targetReference>", "<targetReference>Has_Seller_Account</targetReference>")),
                broken("an event publish without a fault path",
                        "Marketplace_Request_Publish_Event Create Records Publish_Request_Event has no fault path: a fault shows the user an unhandled flow error and fails their save",
                        p -> cut(p, PUBLISH, "        <faultConnector>\n            <targetReference>Note_Event_Not_Published</targetReference>\n        </faultConnector>\n")),
                broken("an event fault noted where the connector's claim overwrites it",
                        "notes its fault in Marketplace_Request__c.Claimed_By__c, which the connector overwrites when it claims",
                        p -> replace(p, PUBLISH, "<field>Progress__c</field>", "<field>Claimed_By__c</field>")),
                broken("an event fault note that is not cut to the field's length",
                        "without cutting it to fit, LEFT(..., 255)",
                        p -> replaceRegex(p, PUBLISH, "<expression>LEFT\\((.*), 255\\)</expression>", "<expression>$1</expression>")),
                broken("the shared flow reading a record the user may not read",
                        "Marketplace_User pressing MP_Private_Offer__c.Cancel_Offer: Marketplace_Request_Create Get Records Find_Shared_Seller reads MP_Shared_Resale_Authorization__c, which Marketplace_User cannot read",
                        p -> replace(p, CREATE, "    <recordLookups>\n", "    <recordLookups>\n        <name>Find_Shared_Seller</name>\n"
                                + "        <locationX>0</locationX>\n        <locationY>0</locationY>\n        <faultConnector>\n"
                                + "            <targetReference>Request_Not_Recorded</targetReference>\n        </faultConnector>\n"
                                + "        <object>MP_Shared_Resale_Authorization__c</object>\n    </recordLookups>\n    <recordLookups>\n")),
                broken("a field the set does not let its holder read",
                        "Marketplace_Channel_Partner pressing MP_Private_Offer__c.Cancel_Offer: Marketplace_Action_Cancel_Offer Get Records Find_Seller_Account reads MP_Private_Offer__c.Seller_Account__c, which Marketplace_Channel_Partner cannot read",
                        p -> replaceRegex(p, PARTNER, "<editable>true</editable>\\s*<field>MP_Private_Offer__c.Seller_Account__c</field>\\s*<readable>true</readable>",
                                "<editable>false</editable>\n        <field>MP_Private_Offer__c.Seller_Account__c</field>\n        <readable>false</readable>")),
                broken("a field the request flow sets that the set does not let its holder edit",
                        "Marketplace_Request_Create Create Records Create_Request sets Marketplace_Request__c.Input__c, which Marketplace_User cannot edit",
                        p -> replaceRegex(p, USER, "<editable>true</editable>(\\s*<field>Marketplace_Request__c.Input__c</field>)", "<editable>false</editable>$1")),
                broken("a button flow the set does not enable",
                        "flow Marketplace_Action_Cancel_Offer restricts access to enabled permission sets and Marketplace_User does not enable it",
                        p -> replace(p, USER, "<flow>Marketplace_Action_Cancel_Offer</flow>", "<flow>Marketplace_Action_Cancel_Offr</flow>")),
                broken("a subflow the set does not enable",
                        "flow Marketplace_Request_Create restricts access to enabled permission sets and Marketplace_Channel_Partner does not enable it",
                        p -> replace(p, PARTNER, "<flow>Marketplace_Request_Create</flow>", "<flow>Marketplace_Request_Creat</flow>")),
                broken("a flow open to every user with Run Flows, which the set does not grant",
                        "flow Marketplace_Action_Cancel_Offer needs the Run Flows permission, which Marketplace_User does not grant",
                        p -> replace(p, CANCEL, "    <isAdditionalPermissionRequiredToRun>true</isAdditionalPermissionRequiredToRun>\n", "")));
    }

    private static Arguments broken(String mistake, String expectedProblem, ForceAppCopy.Breakage breakage) {
        return Arguments.of(mistake, expectedProblem, breakage);
    }

    @ParameterizedTest(name = "reports {0}")
    @MethodSource("brokenProjects")
    void theCheckReports(String mistake, String expectedProblem, ForceAppCopy.Breakage breakage, @TempDir Path tmp) throws IOException {
        Path copy = copyOfTheProject(tmp);
        assertThat(problems(copy)).as("the untouched copy").isEmpty();

        breakage.applyTo(copy);

        assertThat(problems(copy)).as(mistake).anySatisfy(problem -> assertThat(problem).contains(expectedProblem));
    }

    @Test
    void aFlowForcedIntoSystemContextIsNotCheckedAgainstTheUsersObjectPermissions(@TempDir Path tmp) throws IOException {
        Path copy = copyOfTheProject(tmp);
        replaceRegex(copy, PARTNER, "<editable>true</editable>\\s*<field>MP_Private_Offer__c.Seller_Account__c</field>\\s*<readable>true</readable>",
                "<editable>false</editable>\n        <field>MP_Private_Offer__c.Seller_Account__c</field>\n        <readable>false</readable>");
        assertThat(problems(copy)).isNotEmpty();

        replace(copy, CANCEL, "    <screens>", "    <runInMode>SystemModeWithSharing</runInMode>\n    <screens>");

        SalesforceFlowAccess forced = SalesforceFlowAccess.read(copy);
        assertThat(forced.contexts().get("Marketplace_Action_Cancel_Offer")).startsWith("SYSTEM_WITH_SHARING (launched by quick action");
        assertThat(problems(copy)).noneMatch(problem -> problem.contains("Marketplace_Action_Cancel_Offer Get Records"));
    }

    private static List<String> problems(Path forceApp) {
        SalesforceFlowAccess access = SalesforceFlowAccess.read(forceApp);
        Stream<String> pressing = PEOPLE.stream().flatMap(set -> access.buttonsOf(set).stream()
                .flatMap(button -> access.problemsPressing(set, button).stream()));
        return Stream.concat(access.faultPathProblems().stream(), pressing).toList();
    }

    private static Path copyOfTheProject(Path tmp) throws IOException {
        return ForceAppCopy.copy(FORCE_APP, tmp.resolve("default"));
    }
}
