package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.changeset.OpenChangeSet;
import io.mpcrm.connector.changeset.OpenChangeSets;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;

/**
 * Offers (direct, agreement-based, channel partner) whose change set is still open, for the change-set tracker. Ordered
 * first, so that offers come before the other kinds in a cycle, as they did when the tracker queried them itself.
 */
@Component
@Order(0)
public class OpenOfferChangeSets implements OpenChangeSets {

    private static final String PREPARING = ChangeStatus.PREPARING.toString();
    private static final String APPLYING = ChangeStatus.APPLYING.toString();

    private final SalesforceRecords salesforce;
    private final ChangeSetOutcome outcome;

    public OpenOfferChangeSets(SalesforceRecords salesforce, ChangeSetOutcome outcome) {
        this.salesforce = salesforce;
        this.outcome = outcome;
    }

    @Override
    public List<OpenChangeSet> open() {
        List<ObjectNode> open = salesforce.query("SELECT Id, LastModifiedDate, " + OfferFields.STATUS + ", "
                + OfferFields.CHANGE_SET_ID + ", " + OfferFields.PRODUCT.relationship() + "." + ProductFields.PRODUCT_ID
                + ", " + OfferRecords.CHANNEL_PARTNER_PRODUCT + ", "
                + OfferFields.SELLER.path(RequestFields.SELLER_ACCOUNT_ID) + " FROM " + OfferFields.OFFER + " WHERE "
                + OfferFields.STATUS + " IN ('" + PREPARING + "','" + APPLYING + "') AND " + OfferFields.CHANGE_SET_ID
                + " != null");
        List<OpenChangeSet> waiting = new ArrayList<>();
        for (ObjectNode offer : open) {
            String recordId = offer.path("Id").asText();
            String productId = OfferRecords.productId(offer);
            String shown = FieldValues.text(offer, OfferFields.STATUS);
            String accountId = offer.path(OfferFields.SELLER.relationship())
                    .path(RequestFields.SELLER_ACCOUNT_ID.name()).asText("");
            waiting.add(new OpenChangeSet(OfferFields.OFFER, recordId, shown, accountId,
                    FieldValues.text(offer, OfferFields.CHANGE_SET_ID),
                    FieldValues.instant(offer, OfferFields.LAST_MODIFIED),
                    (changeSet, writes) -> outcome.apply(recordId, productId, accountId, shown, changeSet, writes)));
        }
        return waiting;
    }
}
