package io.mpcrm.connector.offer;

import static io.mpcrm.connector.fields.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.OfferFields.EXPIRATION;
import static io.mpcrm.connector.fields.OfferFields.OFFER_ID;
import static io.mpcrm.connector.fields.OfferFields.REQUESTED_EXPIRATION;
import static io.mpcrm.connector.fields.OfferFields.STATUS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestInput;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.request.Today;
import io.mpcrm.connector.salesforce.FieldValues;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one thing AWS Marketplace lets a seller change on a released offer: until when buyers can accept it. A new
 * date extends or shortens it; a past date ends it (there is no cancel change type). The record keeps showing the
 * date AWS has in Expiration Date and the date asked for in Requested Expiration until the change set ends
 * ({@link ChangeSetOutcome} writes what AWS did). A press that would change nothing, or that repeats a change still on
 * its way, starts no change set.
 */
@Component
public class OfferAvailability {

    /** Statuses of an offer whose change set AWS has not finished. */
    private static final Set<String> ON_ITS_WAY = Set.of("PREPARING", "APPLYING");
    /** Statuses of an offer buyers can no longer accept. */
    private static final Set<String> ENDED = Set.of("Cancelled", "Expired");

    private final OfferRecords records;
    private final ChangeSets changeSets;
    private final RequestInput input;
    private final Clock clock;
    private final OfferExpirationLimits limits;

    public OfferAvailability(OfferRecords records, ChangeSets changeSets, RequestInput input, Clock clock,
                             OfferExpirationLimits limits) {
        this.records = records;
        this.changeSets = changeSets;
        this.input = input;
        this.clock = clock;
        this.limits = limits;
    }

    public String modify(MarketplaceRequest request) {
        LocalDate date = newDate(request);
        if (!date.isAfter(today())) {
            throw new RequestRejected(List.of(new FieldProblem("expirationDate", "The new expiration date " + date
                    + " is not in the future (" + Today.named(today()) + "). To end the offer now, use Cancel"
                    + " Offer.")));
        }
        ObjectNode record = inAws(request, "Modify Expiration");
        LocalDate requested = FieldValues.date(record, REQUESTED_EXPIRATION.name());
        if (onItsWay(record) && !startedBy(request, record)) {
            throw date.equals(requested) ? onItsWay(record, "The change of its expiration date to " + date)
                    : anotherChangeOnItsWay(record, "Modify Expiration");
        }
        LocalDate current = FieldValues.date(record, EXPIRATION.name());
        if (!onItsWay(record) && date.equals(current)) {
            if (startedBy(request, record)) {
                return applied(record, "the offer expires on " + date + ".");
            }
            throw new RequestRejected(List.of(new FieldProblem(EXPIRATION.name(), "The offer already expires on "
                    + date + " in AWS Marketplace, so nothing was sent. Give a different date to change it.")));
        }
        return change(request, record, date, "Expiration change to " + date + " sent to AWS Marketplace",
                "Expiration Date shows the new date once AWS has applied it");
    }

    public String cancel(MarketplaceRequest request) {
        ObjectNode record = inAws(request, "Cancel Offer");
        LocalDate requested = FieldValues.date(record, REQUESTED_EXPIRATION.name());
        LocalDate today = today();
        if (onItsWay(record) && !startedBy(request, record)) {
            throw requested != null && requested.isBefore(today) ? onItsWay(record, "The cancellation of this offer")
                    : anotherChangeOnItsWay(record, "Cancel Offer");
        }
        String status = FieldValues.text(record, STATUS);
        LocalDate current = FieldValues.date(record, EXPIRATION.name());
        if (!onItsWay(record) && (ENDED.contains(status) || (current != null && current.isBefore(today)))) {
            if (startedBy(request, record)) {
                return applied(record, "the offer is cancelled; buyers can no longer accept it.");
            }
            throw new RequestRejected(List.of(new FieldProblem(STATUS.name(), "The offer is already "
                    + (ENDED.contains(status) ? status.toLowerCase() : "over") + (current == null ? ""
                    : ": its last day was " + current) + ", so buyers can no longer accept it and nothing was"
                    + " sent. To offer the same terms again, use Clone Offer and create the clone.")));
        }
        return change(request, record, today.minusDays(1), "Cancellation sent to AWS Marketplace", "Status shows"
                + " Cancelled once AWS has applied it: buyers can then no longer accept the offer, and existing"
                + " agreements keep their terms");
    }

    /** The offer record, or a rejection that says where the offer is when AWS does not hold it yet. */
    private ObjectNode inAws(MarketplaceRequest request, String button) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        if (FieldValues.text(record, OFFER_ID) != null) {
            return record;
        }
        if (onItsWay(record)) {
            throw new RequestRejected(List.of(new FieldProblem(STATUS.name(), "The offer is on its way to AWS"
                    + " Marketplace (change set " + FieldValues.text(record, CHANGE_SET_ID) + ", "
                    + FieldValues.text(record, STATUS) + ") and AWS has not given it an id yet, so nothing was sent."
                    + " Wait until its Status shows Released (the connector updates it by itself; Refresh Offer Status"
                    + " reads it at once), then press " + button + " again.")));
        }
        throw new RequestRejected(List.of(new FieldProblem(OFFER_ID.name(), "The offer is not in AWS Marketplace"
                + " yet; change its expiration date on the record and create it.")));
    }

    /**
     * Whether the record's change set is this request's own, started by an attempt that stopped before it could end
     * the request (a restart): starting it again with the same token gives back the same change set, and one that
     * ended is this request's outcome, not a reason to refuse it.
     */
    private boolean startedBy(MarketplaceRequest request, ObjectNode record) {
        String changeSetId = FieldValues.text(record, CHANGE_SET_ID);
        return changeSetId != null && changeSetName(request).equals(
                changeSets.describe(request.sellerAccountId(), changeSetId).changeSetName());
    }

    /** The result of a request resumed after a restart whose change set AWS has applied meanwhile. */
    private static String applied(ObjectNode record, String now) {
        return "AWS Marketplace has applied this request's change set " + FieldValues.text(record, CHANGE_SET_ID)
                + ": " + now;
    }

    private static String changeSetName(MarketplaceRequest request) {
        return request.action() + " " + request.name();
    }

    private static boolean onItsWay(ObjectNode record) {
        return ON_ITS_WAY.contains(FieldValues.text(record, STATUS));
    }

    private static RequestRejected onItsWay(ObjectNode record, String what) {
        return new RequestRejected(List.of(new FieldProblem(STATUS.name(), what + " is already on its way to AWS"
                + " Marketplace (change set " + FieldValues.text(record, CHANGE_SET_ID) + ", "
                + FieldValues.text(record, STATUS) + "), so nothing new was sent. Wait for it: the offer's Status and"
                + " Expiration Date show what AWS did when it ends, or press Refresh Offer Status to read it at"
                + " once.")));
    }

    /**
     * A press while another change of the offer is on its way sends nothing: AWS applies one change set to an offer
     * at a time, and the record follows one change set. Were this one sent, it would wait for the other and start
     * after it, and the tracker, writing the outcome of the other at that moment, could leave the record following
     * the older change set (PrivateOfferIT shows both). A lock the record does not show (a change set started
     * elsewhere) still makes the request wait and send once the offer is free.
     */
    private static RequestRejected anotherChangeOnItsWay(ObjectNode record, String button) {
        LocalDate requested = FieldValues.date(record, REQUESTED_EXPIRATION.name());
        return new RequestRejected(List.of(new FieldProblem(STATUS.name(), "Another change of this offer is on its"
                + " way to AWS Marketplace (change set " + FieldValues.text(record, CHANGE_SET_ID) + ", "
                + FieldValues.text(record, STATUS) + (requested == null ? "" : ", Requested Expiration " + requested)
                + "), so nothing was sent: AWS changes an offer one change set at a time. Wait until its Status"
                + " shows what AWS did (the connector updates it by itself; Refresh Offer Status reads it at once),"
                + " then press " + button + " again.")));
    }

    private String change(MarketplaceRequest request, ObjectNode record, LocalDate date, String what, String then) {
        String offerId = FieldValues.text(record, OFFER_ID);
        if (date.isAfter(today())) {
            limits.refuseBeyond(record, date); // a later date must fit the offer's terms; ending it never breaks them
        }
        String changeSetId = changeSets.start(request.sellerAccountId(), OfferChangeSetBuilder.updateAvailability(offerId, date),
                changeSetName(request), "mpcrm-" + request.id());
        // Expiration Date keeps the date AWS has until the change set succeeds.
        records.write(record.path("Id").asText(), OfferRecords.fields(CHANGE_SET_ID.name(), changeSetId,
                STATUS.name(), "PREPARING", REQUESTED_EXPIRATION.name(), date.toString()));
        return what + " (change set " + changeSetId + "). " + then + "; if AWS refuses it, Last Error says why.";
    }

    private LocalDate newDate(MarketplaceRequest request) {
        String text = input.text(request, "expirationDate");
        try {
            if (text != null) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException malformed) {
            // Explained below.
        }
        throw new RequestRejected(List.of(new FieldProblem("expirationDate",
                "Give the new expiration date as YYYY-MM-DD.")));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
