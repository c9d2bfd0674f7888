package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A revision's ClientRequestToken and ChangeSetName: the same for its presses, another for anything else. */
class RecordRevisionTest {

    private static final String ORG = "00DHs0000001gPLMAY";
    private static final String RECORD = "a04Hs00000000BqIAI";

    @Test
    void everyPressOfOneRevisionSendsTheSameTokenAndAnythingElseAnother() {
        String first = new RecordRevision(ORG, RECORD, null).clientRequestToken();

        assertThat(new RecordRevision(ORG, RECORD, null).clientRequestToken()).isEqualTo(first);
        assertThat(new RecordRevision(ORG.substring(0, 15), RECORD, null).clientRequestToken())
                .as("the org by its 15-character id").isEqualTo(first);
        assertThat(Set.of(first,
                new RecordRevision(ORG, RECORD, "bsfl6sqyg4ko0k0yo4kn8vc3").clientRequestToken(),
                new RecordRevision(ORG, "a04Hs00000000BrIAI", null).clientRequestToken(),
                new RecordRevision("00DHs0000001gPMMAY", RECORD, null).clientRequestToken()))
                .as("after a change set, another record, another org (a sandbox keeps production's ids)").hasSize(4);
    }

    @Test
    void tokenAndNameAreWhatStartChangeSetTakes() {
        RecordRevision revision = new RecordRevision(ORG, RECORD, "x".repeat(255));

        // ClientRequestToken: 1 to 64 printable ASCII; ChangeSetName ^[\w\s+=.:@-]+$, 1 to 100 (the Catalog API's
        // model, botocore marketplace-catalog/2018-09-17/service-2.json: StartChangeSetRequest).
        assertThat(revision.clientRequestToken()).matches("[!-~]{1,64}").startsWith("mpcrm-" + RECORD + "-");
        assertThat(revision.changeSetName("Save resale authorization draft")).matches("[\\w\\s+=.:@-]{1,100}");
    }
}
