package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.DESCRIPTION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENTS_ENABLED;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.LAST_ERROR;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.MAX_AGREEMENT_START;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRODUCT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RESELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SERVICE_LENGTH;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.USAGE;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.changeset.ChangeSetExplanation;
import io.mpcrm.connector.events.DomainEvent;
import io.mpcrm.connector.events.DomainEvents;
import io.mpcrm.connector.marketplace.MarketplaceCatalog;
import io.mpcrm.connector.changeset.RecordWrites;
import io.mpcrm.connector.offer.OfferRecords;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * Writes what a change set did onto the resale authorization record: its status while it runs, then the
 * authorization's id and the status AWS Marketplace gives it (Draft, Active, Restricted, or Expired once its end date
 * passed), or each change's error in words an ISV can act on.
 */
@Component
public class ResaleAuthorizationOutcome {

    private static final Map<String, String> FIELDS_OF_CHANGE = Map.of(
            "CreateResaleAuthorization", "the product, name, description and reseller (" + PRODUCT + ", " + NAME
                    + ", " + DESCRIPTION + ", " + RESELLER + ")",
            "UpdateInformation", "the name, description and renewal (" + NAME + ", " + DESCRIPTION + ", " + RENEWAL
                    + ")",
            "UpdateBuyerTargetingTerms", "the buyer accounts (" + BUYER_ACCOUNTS + ")",
            "UpdatePricingTerms", "the pricing (" + PRICING_MODEL + ", " + SERVICE_LENGTH + ", " + CURRENCY_CODE
                    + " and the Resale Dimensions)",
            "UpdateLegalTerms", "the legal documents (" + BUYER_EULA_TYPE + ", " + CONTRACT_TYPE + ")",
            "UpdateAvailability", "the usage and expiry (" + USAGE + ", " + EXPIRATION + ")",
            "UpdateBuyerValidityTerms", "the latest future agreement start (" + MAX_AGREEMENT_START + ")",
            "UpdatePaymentScheduleTerms", "the installments (" + INSTALLMENTS_ENABLED
                    + " and the Payment Installments)",
            "ReleaseResaleAuthorization", "the authorization as a whole: it needs a buyer EULA and wholesale rates",
            "RestrictResaleAuthorization", "Deactivate");

    private final ResaleAuthorizationRecords records;
    private final MarketplaceCatalog catalog;
    private final Clock clock;
    private final DomainEvents events;

    public ResaleAuthorizationOutcome(ResaleAuthorizationRecords records, MarketplaceCatalog catalog, Clock clock,
                                      DomainEvents events) {
        this.records = records;
        this.catalog = catalog;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Applies the change set's state to the record and says in one sentence what happened. {@code shownStatus}, the
     * status the record showed before, keeps a second look at the same ended change set from announcing it again.
     */
    public String apply(String recordId, String accountId, String shownStatus, DescribeChangeSetResponse changeSet) {
        return apply(recordId, accountId, shownStatus, changeSet, RecordWrites.atOnce(records::write));
    }

    /** The same, the authorization's fields handed to {@code writes} (a tracker cycle sends them in collections). */
    public String apply(String recordId, String accountId, String shownStatus, DescribeChangeSetResponse changeSet,
                        RecordWrites writes) {
        ChangeStatus status = changeSet.status();
        if (status == ChangeStatus.SUCCEEDED) {
            String authorizationId = authorizationId(changeSet);
            if (authorizationId == null) {
                throw new IllegalStateException("Change set " + changeSet.changeSetId() + " names no resale"
                        + " authorization");
            }
            boolean restricting = !"Restricted".equals(shownStatus) && changeSet.changeSet().stream()
                    .anyMatch(c -> "RestrictResaleAuthorization".equals(c.changeType()));
            Described now = described(accountId, authorizationId);
            writes.update(AUTHORIZATION, recordId, fields(now, authorizationId, changeSet.changeSetId()), () -> {
                if (restricting && "Restricted".equals(now.status())) {
                    events.publish(DomainEvent.Type.RESALE_AUTHORIZATION_RESTRICTED, accountId,
                            AUTHORIZATION, recordId, now.status(), "Resale " + now.said(),
                            DomainEvent.MarketplaceIds.resaleAuthorization(authorizationId, changeSet.changeSetId()));
                }
            });
            return "Change set " + changeSet.changeSetId() + " succeeded: " + now.said();
        }
        if (status == ChangeStatus.FAILED || status == ChangeStatus.CANCELLED) {
            // Deactivate changes an authorization AWS holds: pressing it again is the remedy, not creating anything.
            String explanation = (restrictOnly(changeSet) ? ChangeSetExplanation.explain(changeSet,
                    "press Deactivate again", "Deal with what the messages above name, then press Deactivate again.")
                    : ChangeSetExplanation.explain(changeSet, "resale authorization")) + whereToFix(changeSet);
            // A change to an authorization AWS already holds leaves it as it was: show that, not just FAILED.
            String existing = authorizationId(changeSet);
            String shown = existing == null ? "FAILED" : status(catalog.describeEntity(accountId, existing));
            writes.update(AUTHORIZATION, recordId, OfferRecords.fields(STATUS.name(), shown, LAST_ERROR.name(),
                    explanation), () -> { });
            return explanation;
        }
        writes.update(AUTHORIZATION, recordId, OfferRecords.fields(STATUS.name(), status.toString(),
                CHANGE_SET_ID.name(), changeSet.changeSetId()), () -> { });
        return "Change set " + changeSet.changeSetId() + " is " + status + ".";
    }

    /** Reads the authorization from AWS Marketplace and writes its id and status; returns what it found. */
    public String describe(String recordId, String accountId, String authorizationId, String changeSetId) {
        Described now = described(accountId, authorizationId);
        records.write(recordId, fields(now, authorizationId, changeSetId));
        return now.said();
    }

    private record Described(String status, String said) {
    }

    private static Map<String, Object> fields(Described now, String authorizationId, String changeSetId) {
        Map<String, Object> fields = OfferRecords.fields(STATUS.name(), now.status(), AUTHORIZATION_ID.name(),
                authorizationId, LAST_ERROR.name(), null);
        if (changeSetId != null) {
            fields.put(CHANGE_SET_ID.name(), changeSetId);
        }
        return fields;
    }

    private Described described(String accountId, String authorizationId) {
        String status = status(catalog.describeEntity(accountId, authorizationId));
        return new Described(status, "resale authorization " + authorizationId + " is " + status + switch (status) {
            case "Active" -> ": the reseller can now make offers from it.";
            case "Draft" -> " in AWS Marketplace; Create Resale Authorization activates it.";
            case "Restricted" -> ": the reseller can make no new offers from it.";
            default -> ".";
        });
    }

    /** Active until its end date; after it, AWS keeps it Active but no reseller can use it any more. */
    private String status(JsonNode details) {
        String status = details.path("Status").asText("Draft");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (JsonNode rule : details.path("Rules")) {
            String end = rule.path("AvailabilityEndDate").asText("");
            if ("AvailabilityRule".equals(rule.path("Type").asText()) && end.length() >= 10 && "Active".equals(status)
                    && LocalDate.parse(end.substring(0, 10)).isBefore(today)) {
                return "Expired";
            }
        }
        return status;
    }

    private static boolean restrictOnly(DescribeChangeSetResponse changeSet) {
        return !changeSet.changeSet().isEmpty() && changeSet.changeSet().stream()
                .allMatch(c -> "RestrictResaleAuthorization".equals(c.changeType()));
    }

    /** Which fields of the record each failed change came from, so the ISV knows where to correct it. */
    private static String whereToFix(DescribeChangeSetResponse changeSet) {
        StringBuilder where = new StringBuilder();
        for (ChangeSummary change : changeSet.changeSet()) {
            String fields = FIELDS_OF_CHANGE.get(change.changeType());
            if (!change.errorDetailList().isEmpty() && fields != null) {
                where.append("\n").append(change.changeType()).append(" comes from ").append(fields).append(".");
            }
        }
        return where.isEmpty() ? "" : "\nWhere to correct it:" + where;
    }

    static String authorizationId(DescribeChangeSetResponse changeSet) {
        return changeSet.changeSet().stream()
                .map(c -> c.entity() == null ? null : c.entity().identifier())
                .filter(id -> id != null && !id.startsWith("$"))
                .map(id -> id.contains("@") ? id.substring(0, id.indexOf('@')) : id)
                .findFirst().orElse(null);
    }
}
