package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.LAST_ERROR;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.STATUS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.offer.OfferRecords;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.request.RequestInput;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * DEACTIVATE_RESALE_AUTHORIZATION: RestrictResaleAuthorization, after which the reseller can make no new offers from
 * it (offers already made stay). AWS cannot undo it, so the request must carry {@value #CONFIRMATION_KEY} =
 * {@value #CONFIRMATION} in its input, as the Deactivate button asks the user to type.
 */
@Component
public class DeactivateResaleAuthorizationAction implements RequestAction {

    public static final String CONFIRMATION_KEY = "confirmRestrict";
    public static final String CONFIRMATION = "RESTRICT";
    /** Statuses of a record whose change set AWS has not finished. */
    private static final Set<String> ON_ITS_WAY = Set.of("PREPARING", "APPLYING");

    private final ResaleAuthorizationRecords records;
    private final ChangeSets changeSets;
    private final RequestInput input;
    private final Clock clock;
    private final ResaleAuthorizationChangeSetBuilder builder = new ResaleAuthorizationChangeSetBuilder();

    public DeactivateResaleAuthorizationAction(ResaleAuthorizationRecords records, ChangeSets changeSets,
                                               RequestInput input, Clock clock) {
        this.records = records;
        this.changeSets = changeSets;
        this.input = input;
        this.clock = clock;
    }

    @Override
    public String action() {
        return "DEACTIVATE_RESALE_AUTHORIZATION";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    /** Whether the change set on the record was started by an earlier attempt of this same request. */
    private boolean startedBy(MarketplaceRequest request, ObjectNode record) {
        String changeSetId = FieldValues.text(record, CHANGE_SET_ID);
        return changeSetId != null && changeSetName(request).equals(
                changeSets.describe(request.sellerAccountId(), changeSetId).changeSetName());
    }

    private static String changeSetName(MarketplaceRequest request) {
        return "Deactivate resale authorization " + request.name();
    }

    @Override
    public String perform(MarketplaceRequest request) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        String authorizationId = FieldValues.text(record, AUTHORIZATION_ID);
        String status = FieldValues.text(record, STATUS);
        String expiration = FieldValues.text(record, EXPIRATION);
        List<FieldProblem> problems = new ArrayList<>();
        if (!CONFIRMATION.equalsIgnoreCase(String.valueOf(input.text(request, CONFIRMATION_KEY)))) {
            problems.add(new FieldProblem(CONFIRMATION_KEY, "Deactivating restricts the resale authorization for"
                    + " good: the reseller can make no new offers from it and it cannot be activated again. Type "
                    + CONFIRMATION + " to confirm (input {\"" + CONFIRMATION_KEY + "\":\"" + CONFIRMATION + "\"})."));
        }
        if (ON_ITS_WAY.contains(status) && startedBy(request, record)) {
            // This request's own change set, started before a restart: starting it again gives back the same one.
            return start(request, record, authorizationId);
        }
        if (ON_ITS_WAY.contains(status)) {
            // A second press while the first change set runs starts nothing: it would restrict what is restricting.
            problems.add(new FieldProblem(STATUS.name(), "Change set " + FieldValues.text(record, CHANGE_SET_ID)
                    + " is on its way to AWS Marketplace for this resale authorization (" + status + "), so nothing"
                    + " new was sent. Wait for it to end (the connector updates Status by itself; Refresh Status"
                    + " reads it at once), then press Deactivate again only if the authorization is still Active."));
        } else if (authorizationId == null) {
            problems.add(new FieldProblem(AUTHORIZATION_ID.name(), "The resale authorization is not in AWS"
                    + " Marketplace yet, so there is nothing to deactivate."));
        } else if ("Restricted".equals(status) && startedBy(request, record)) {
            // Resumed after a restart, and AWS has applied this request's change set meanwhile.
            return "Change set " + FieldValues.text(record, CHANGE_SET_ID) + " succeeded: resale authorization "
                    + authorizationId + " is Restricted.";
        } else if ("Restricted".equals(status)) {
            problems.add(new FieldProblem(STATUS.name(), "The resale authorization is already restricted."));
        } else if ("Expired".equals(status) || (expiration != null && LocalDate.parse(expiration.substring(0, 10))
                .isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))) {
            problems.add(new FieldProblem(EXPIRATION.name(), "The resale authorization expired on "
                    + expiration + "; AWS does not restrict an expired authorization, and no reseller can use it"
                    + " any more."));
        } else if (!"Active".equals(status)) {
            problems.add(new FieldProblem(STATUS.name(), "Only an Active resale authorization can be deactivated;"
                    + " this one is " + status + ". Refresh its status first if it was activated."));
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        return start(request, record, authorizationId);
    }

    private String start(MarketplaceRequest request, ObjectNode record, String authorizationId) {
        String changeSetId = changeSets.start(request.sellerAccountId(), builder.restrict(authorizationId),
                changeSetName(request), "mpcrm-" + request.id());
        records.write(record.path("Id").asText(), OfferRecords.fields(CHANGE_SET_ID.name(), changeSetId,
                STATUS.name(), "PREPARING", LAST_ERROR.name(), null));
        return "Change set " + changeSetId + " started: resale authorization " + authorizationId
                + " becomes Restricted when it succeeds.";
    }
}
