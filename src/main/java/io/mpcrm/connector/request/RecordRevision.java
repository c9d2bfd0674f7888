package io.mpcrm.connector.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One attempt of a seller to send a record to AWS Marketplace, and the StartChangeSet {@code ClientRequestToken} and
 * {@code ChangeSetName} that go with it. A revision is named by the org, the record and the change set the record
 * showed before it (none for the first): every press and every retry in between derives the same token, so presses that
 * all got past {@link OnItsWay} (two replicas during a handover, or a press after Salesforce refused to take a started
 * change set's id) reach the one change set AWS started for it; once the record shows that change set (failed,
 * say), the next press is a new revision with a new token, and never reuses one with other changes.
 *
 * <p>AWS documents the token only as "A unique token to identify the request to ensure idempotency" (1 to 64
 * printable ASCII characters), and nothing about a token sent again with other parameters
 * (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/marketplacecatalog/aws.sdk.kotlin.services.marketplacecatalog.model/-start-change-set-request/client-request-token.html),
 * so the name carries no request number: within a revision, every parameter but a custom EULA's presigned link comes
 * from the record alone.
 */
public record RecordRevision(String orgId, String recordId, String previousChangeSetId) {

    private static final String PREFIX = "mpcrm-";

    /**
     * The same for every press and retry of this revision, and for no other revision, record or org: the record's id
     * and a hash of the org and the change set before (1 to 64 printable ASCII characters, as AWS requires).
     */
    public String clientRequestToken() {
        String org = orgId.length() > 15 ? orgId.substring(0, 15) : orgId;
        String revision = org + "|" + (previousChangeSetId == null ? "first" : previousChangeSetId);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(revision.getBytes(StandardCharsets.UTF_8));
            return PREFIX + recordId + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The change set's name: what it does and the token, which the AWS console shows and ListChangeSets can find
     * (its filter ChangeSetName takes names; there is no filter by token).
     *
     * @param what what the change set does, e.g. "Create offer"
     */
    public String changeSetName(String what) {
        return what + " " + clientRequestToken();
    }
}
