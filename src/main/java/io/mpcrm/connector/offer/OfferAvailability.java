package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.offer.OfferFields.EXPIRATION;
import static io.mpcrm.connector.offer.OfferFields.OFFER_ID;
import static io.mpcrm.connector.offer.OfferFields.STATUS;

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
import org.springframework.stereotype.Component;

/**
 * The one thing AWS Marketplace lets a seller change on a released offer: until when buyers can accept it. A new
 * date extends or shortens it; a past date ends it (there is no cancel change type).
 */
@Component
public class OfferAvailability {

    private final OfferRecords records;
    private final ChangeSets changeSets;
    private final RequestInput input;
    private final Clock clock;
    private final OfferExpirationLimits limits;
    private final OfferChangeSetBuilder builder = new OfferChangeSetBuilder();

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
        return change(request, date, "Expiration changed to " + date);
    }

    public String cancel(MarketplaceRequest request) {
        return change(request, today().minusDays(1), "Offer cancelled: buyers can no longer accept it; existing"
                + " agreements keep their terms");
    }

    private String change(MarketplaceRequest request, LocalDate date, String what) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        String offerId = FieldValues.text(record, OFFER_ID);
        if (offerId == null) {
            throw new RequestRejected(List.of(new FieldProblem(OFFER_ID.name(), "The offer is not in AWS Marketplace"
                    + " yet; change its expiration date on the record and create it.")));
        }
        if (date.isAfter(today())) {
            limits.refuseBeyond(record, date); // a later date must fit the offer's terms; ending it never breaks them
        }
        String changeSetId = changeSets.start(request.sellerAccountId(), builder.updateAvailability(offerId, date),
                request.action() + " " + request.name(), "mpcrm-" + request.id());
        records.write(record.path("Id").asText(), OfferRecords.fields(CHANGE_SET_ID.name(), changeSetId,
                STATUS.name(), "PREPARING", EXPIRATION.name(), date.toString()));
        return what + " (change set " + changeSetId + ").";
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
