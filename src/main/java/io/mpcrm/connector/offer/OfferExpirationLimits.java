package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorizations;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Modify Expiration's new date against what the offer record already holds ({@link OfferValidator#expirationLimits},
 * the rules Create Offer applies to the record's own date): refused before AWS, on the request's
 * {@value #FIELD}, instead of a change set AWS fails. A channel partner offer's authorization is read as the last
 * sync stored it (no AWS call).
 */
@Component
public class OfferExpirationLimits {

    /** The request input that carries the new date. */
    static final String FIELD = "expirationDate";

    private final OfferRecords records;
    private final SharedResaleAuthorizations authorizations;
    private final OfferValidator validator = new OfferValidator();

    public OfferExpirationLimits(OfferRecords records, SharedResaleAuthorizations authorizations) {
        this.records = records;
        this.authorizations = authorizations;
    }

    /** Throws a {@link RequestRejected} naming every limit {@code expiration} breaks on the offer {@code record}. */
    public void refuseBeyond(ObjectNode record, LocalDate expiration) {
        PrivateOffer offer = records.offer(record, null);
        SharedResaleAuthorization authorization = offer.origin().channelPartner()
                ? authorizations.find(FieldValues.text(record, OfferFields.SHARED_RESALE_AUTHORIZATION)) : null;
        List<FieldProblem> problems = validator.expirationLimits(offer, expiration, authorization, FIELD);
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
    }
}
