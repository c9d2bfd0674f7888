package io.mpcrm.connector.changeset;

import io.mpcrm.connector.marketplace.MarketplaceRejected;
import io.mpcrm.connector.marketplace.SdkJson;
import io.mpcrm.connector.marketplace.ChangeSets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.settings.OfferSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * A change set AWS failed internally ({@code FailureCode SERVER_FAULT}: nothing was applied, the caller should retry)
 * is started again with the same changes, as DescribeChangeSet gives them back, at most
 * {@code connector.offers.server-fault-restarts} times in a row. The new set's ClientRequestToken derives from the
 * failed set's id, so a repeated tracker cycle, a refresh or a restarted connector reaches the same new set; its name
 * carries the restart's number, so the count survives restarts without any state of the connector's own.
 */
@Component
public class ServerFaultRestart {

    public static final String SERVER_FAULT = "SERVER_FAULT";
    private static final Logger log = LoggerFactory.getLogger(ServerFaultRestart.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ChangeSetName of a restart: the first set's name and the restart's number, in the characters AWS allows. */
    private static final Pattern RESTART_NAME = Pattern.compile("^(.*) - AWS retry (\\d+)$");
    private static final int MAX_NAME = 100;
    private static final String TOKEN_PREFIX = "mpcrm-again-";
    private static final int MAX_TOKEN = 64;

    private final ChangeSets changeSets;
    private final int maxRestarts;

    @Autowired
    public ServerFaultRestart(ChangeSets changeSets, OfferSettings settings) {
        this(changeSets, settings.serverFaultRestarts());
    }

    public ServerFaultRestart(ChangeSets changeSets, int maxRestarts) {
        this.changeSets = changeSets;
        this.maxRestarts = maxRestarts;
    }

    /**
     * The change set a record should show: the one given or, when AWS failed it internally and restarts remain, the
     * set started again in its place (as AWS describes it now, normally PREPARING).
     */
    public DescribeChangeSetResponse orRestarted(String accountId, DescribeChangeSetResponse changeSet) {
        if (!isServerFault(changeSet) || restartsBefore(changeSet) >= maxRestarts) {
            return changeSet;
        }
        int restart = restartsBefore(changeSet) + 1;
        String newId;
        try {
            newId = changeSets.start(accountId, changes(changeSet), name(changeSet, restart),
                    token(changeSet.changeSetId()));
        } catch (MarketplaceRejected refused) {
            // The entity moved on meanwhile (a stale revision, say): the record shows the failure for the seller.
            log.warn("Change set {} not started again: {}", changeSet.changeSetId(), refused.getMessage());
            return changeSet;
        }
        log.info("AWS failed change set {} internally; started it again as {} (restart {} of {})",
                changeSet.changeSetId(), newId, restart, maxRestarts);
        // Read late (after a restart of the connector, say), the new set may have failed the same way already.
        return orRestarted(accountId, changeSets.describe(accountId, newId));
    }

    public static boolean isServerFault(DescribeChangeSetResponse changeSet) {
        return changeSet.status() == ChangeStatus.FAILED && SERVER_FAULT.equals(changeSet.failureCodeAsString());
    }

    /** How many times in a row AWS failed these changes internally, this change set included. */
    public static int serverFaults(DescribeChangeSetResponse changeSet) {
        return restartsBefore(changeSet) + 1;
    }

    /** The ClientRequestToken of the set that replaces {@code failedChangeSetId}: always the same for it. */
    public static String token(String failedChangeSetId) {
        String token = TOKEN_PREFIX + failedChangeSetId;
        return token.length() <= MAX_TOKEN ? token : TOKEN_PREFIX
                + UUID.nameUUIDFromBytes(failedChangeSetId.getBytes(StandardCharsets.UTF_8));
    }

    static int restartsBefore(DescribeChangeSetResponse changeSet) {
        Matcher restart = RESTART_NAME.matcher(String.valueOf(changeSet.changeSetName()));
        return restart.matches() ? Integer.parseInt(restart.group(2)) : 0;
    }

    static String name(DescribeChangeSetResponse changeSet, int restart) {
        String name = String.valueOf(changeSet.changeSetName());
        Matcher earlier = RESTART_NAME.matcher(name);
        String first = earlier.matches() ? earlier.group(1) : name;
        String suffix = " - AWS retry " + restart;
        return first.substring(0, Math.min(first.length(), MAX_NAME - suffix.length())) + suffix;
    }

    /** The changes as they were sent: a Create change names no entity, later ones refer to it as they did. */
    static ArrayNode changes(DescribeChangeSetResponse changeSet) {
        ArrayNode changes = JSON.createArrayNode();
        for (ChangeSummary summary : changeSet.changeSet()) {
            ObjectNode change = changes.addObject();
            change.put("ChangeType", summary.changeType());
            if (summary.changeName() != null) {
                change.put("ChangeName", summary.changeName());
            }
            ObjectNode entity = change.putObject("Entity");
            entity.put("Type", summary.entity().type());
            String identifier = summary.entity().identifier();
            if (identifier != null && !summary.changeType().startsWith("Create")) {
                entity.put("Identifier", identifier);
            }
            change.set("DetailsDocument", details(summary));
        }
        return changes;
    }

    private static JsonNode details(ChangeSummary summary) {
        if (summary.detailsDocument() != null && !summary.detailsDocument().isNull()) {
            return SdkJson.of(summary.detailsDocument());
        }
        try {
            return summary.details() == null ? JSON.createObjectNode() : JSON.readTree(summary.details());
        } catch (IOException unreadable) {
            throw new IllegalStateException("Change " + summary.changeType() + " of change set "
                    + summary.changeName() + " has details that are not JSON", unreadable);
        }
    }
}
