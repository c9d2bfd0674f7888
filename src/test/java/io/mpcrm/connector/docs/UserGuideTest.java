package io.mpcrm.connector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.docs.ForceAppSource.Button;
import io.mpcrm.connector.docs.ForceAppSource.PicklistValue;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The user guide explains what a seller can see: every button on every record, every action a request can carry,
 * every status a request, an offer or a resale authorization can show. Adding one to salesforce/force-app without a
 * word in the guide fails here, and so does a guide that still describes a button that is gone.
 */
class UserGuideTest {

    private static final Guide GUIDE = Guide.read(Path.of("docs", "user-guide.md"));
    private static final Pattern BUTTON_ENTRY = Pattern.compile("^- \\*\\*(.+?)\\*\\* \\(`([A-Z_]+|c:[A-Za-z0-9]+)`\\)");
    private static final Pattern RECORD_HEADING = Pattern.compile("^### On (?:an?|the) (.+)$");

    @Test
    void everyButtonIsExplainedUnderTheRecordItIsOn() {
        Set<Button> documented = documentedButtons();
        List<Button> buttons = new java.util.ArrayList<>(ForceAppSource.buttons());
        assertThat(buttons).as("quick actions in salesforce/force-app").hasSizeGreaterThan(20);
        List<Button> listButtons = ForceAppSource.listButtons();
        assertThat(listButtons).as("list view buttons in salesforce/force-app").hasSize(5);
        buttons.addAll(listButtons);

        assertThat(buttons.stream().filter(button -> !documented.contains(button)))
                .as("buttons missing from \"Buttons at a glance\" (a line \"- **<button>** (`<ACTION>`)\" under"
                        + " \"### On a <record>\" or \"### On the <records> list\")").isEmpty();
        assertThat(documented.stream().filter(button -> !buttons.contains(button)))
                .as("buttons the guide describes that salesforce/force-app does not have").isEmpty();
    }

    @Test
    void everyActionARequestCanCarryIsNamed() {
        List<PicklistValue> actions = ForceAppSource.picklist("Marketplace_Request__c", "Action__c");

        assertThat(actions).isNotEmpty();
        assertThat(actions.stream().map(PicklistValue::value)
                .filter(action -> !GUIDE.text().contains("`" + action + "`")))
                .as("Action__c values missing from the user guide (as `VALUE`)").isEmpty();
    }

    @Test
    void everyStatusARequestCanShowIsExplained() {
        assertEveryStatusExplained("Marketplace_Request__c", "Request status");
    }

    @Test
    void everyStatusAnOfferCanShowIsExplained() {
        assertEveryStatusExplained("MP_Private_Offer__c", "Private offer status");
    }

    @Test
    void everyStatusAResaleAuthorizationCanShowIsExplained() {
        assertEveryStatusExplained("MP_Resale_Authorization__c", "Resale authorization status");
    }

    @Test
    void itsLinksLeadSomewhereAndItsLinesFitTheScreen() {
        assertThat(GUIDE.brokenLinks()).isEmpty();
        assertThat(GUIDE.longLines()).as("lines longer than " + Guide.MAX_LINE + " characters").isEmpty();
    }

    /** Sellers see a status's label (Preparing), not its stored value (PREPARING). */
    private static void assertEveryStatusExplained(String object, String heading) {
        List<String> section = GUIDE.section(heading);
        List<PicklistValue> statuses = ForceAppSource.picklist(object, "Status__c");

        assertThat(statuses).isNotEmpty();
        assertThat(statuses.stream().map(PicklistValue::label)
                .filter(label -> section.stream().noneMatch(line -> line.startsWith("- **" + label + "**:"))))
                .as(object + ".Status__c labels without a line \"- **<label>**:\" under " + heading).isEmpty();
    }

    private static Set<Button> documentedButtons() {
        Set<Button> documented = new LinkedHashSet<>();
        String record = null;
        for (String line : GUIDE.section("Buttons at a glance")) {
            Matcher heading = RECORD_HEADING.matcher(line);
            Matcher entry = BUTTON_ENTRY.matcher(line);
            if (heading.matches()) {
                record = heading.group(1);
            } else if (entry.find() && record != null) {
                documented.add(new Button(record, entry.group(1), entry.group(2)));
            }
        }
        return documented;
    }
}
