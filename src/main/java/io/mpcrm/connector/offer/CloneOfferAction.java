package io.mpcrm.connector.offer;

import static io.mpcrm.connector.fields.OfferFields.AGREEMENT;
import static io.mpcrm.connector.fields.OfferFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.OfferFields.CHARGE_AMOUNT;
import static io.mpcrm.connector.fields.OfferFields.CHARGE_CURRENCY;
import static io.mpcrm.connector.fields.OfferFields.CHARGE_DATE;
import static io.mpcrm.connector.fields.OfferFields.CLONED_FROM;
import static io.mpcrm.connector.fields.OfferFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.OfferFields.DESCRIPTION;
import static io.mpcrm.connector.fields.OfferFields.EULA_TYPE;
import static io.mpcrm.connector.fields.OfferFields.EXPIRATION;
import static io.mpcrm.connector.fields.OfferFields.INSTALLMENTS_ENABLED;
import static io.mpcrm.connector.fields.OfferFields.INSTALLMENT_NUMBER;
import static io.mpcrm.connector.fields.OfferFields.INSTALLMENT_OFFER;
import static io.mpcrm.connector.fields.OfferFields.LAST_ERROR;
import static io.mpcrm.connector.fields.OfferFields.MARKUP;
import static io.mpcrm.connector.fields.OfferFields.NAME;
import static io.mpcrm.connector.fields.OfferFields.OFFER_NAME;
import static io.mpcrm.connector.fields.OfferFields.OFFER_TYPE;
import static io.mpcrm.connector.fields.OfferFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.OfferFields.PRODUCT;
import static io.mpcrm.connector.fields.OfferFields.RATE_KEY;
import static io.mpcrm.connector.fields.OfferFields.RATE_KIND;
import static io.mpcrm.connector.fields.OfferFields.RATE_NAME;
import static io.mpcrm.connector.fields.OfferFields.RATE_OFFER;
import static io.mpcrm.connector.fields.OfferFields.RATE_QUANTITY;
import static io.mpcrm.connector.fields.OfferFields.RATE_VALUE;
import static io.mpcrm.connector.fields.OfferFields.RENEWAL;
import static io.mpcrm.connector.fields.OfferFields.RENEWAL_CHANNEL;
import static io.mpcrm.connector.fields.OfferFields.RENEWAL_PRICING;
import static io.mpcrm.connector.fields.OfferFields.SELLER;
import static io.mpcrm.connector.fields.OfferFields.SERVICE_END;
import static io.mpcrm.connector.fields.OfferFields.SERVICE_LENGTH;
import static io.mpcrm.connector.fields.OfferFields.SERVICE_START;
import static io.mpcrm.connector.fields.OfferFields.SHARED_RESALE_AUTHORIZATION;
import static io.mpcrm.connector.fields.OfferFields.STATUS;
import static io.mpcrm.connector.fields.OfferFields.ZERO_DOLLAR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.salesforce.AllOrNone;
import io.mpcrm.connector.salesforce.RecordCopies;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CLONE_OFFER: a new draft record with the offer's terms, rates and installments, the seller's own account added to
 * the buyers (so the seller can open the offer as a buyer would), and a custom EULA to attach again. No AWS call:
 * a released offer is frozen, so changing one means sending a new one.
 */
@Component
public class CloneOfferAction implements RequestAction {

    private static final List<String> COPIED = SObjectField.names(NAME, OFFER_NAME, DESCRIPTION, OFFER_TYPE,
            PRODUCT, SELLER, BUYER_ACCOUNTS, PRICING_MODEL, CURRENCY_CODE,
            SERVICE_LENGTH, SERVICE_START, SERVICE_END, EXPIRATION,
            ZERO_DOLLAR, INSTALLMENTS_ENABLED, EULA_TYPE, RENEWAL,
            RENEWAL_CHANNEL, RENEWAL_PRICING, AGREEMENT,
            SHARED_RESALE_AUTHORIZATION, MARKUP);
    private static final List<String> RATE_FIELDS = SObjectField.names(RATE_NAME, RATE_KEY, RATE_VALUE, RATE_KIND,
            RATE_QUANTITY);
    private static final List<String> INSTALLMENT_FIELDS = SObjectField.names(CHARGE_DATE, CHARGE_AMOUNT,
            CHARGE_CURRENCY, INSTALLMENT_NUMBER);

    private final OfferRecords offers;
    private final SalesforceRecords salesforce;
    private final RecordCopies copies;

    public CloneOfferAction(OfferRecords offers, SalesforceRecords salesforce, RecordCopies copies) {
        this.offers = offers;
        this.salesforce = salesforce;
        this.copies = copies;
    }

    @Override
    public String action() {
        return "CLONE_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String source = offers.record(request.targetRecordId(), request.sellerAccountRecordId()).path("Id").asText();
        ObjectNode original = salesforce.query("SELECT " + String.join(", ", COPIED) + " FROM " + OfferFields.OFFER
                + " WHERE Id = " + Soql.quote(source)).get(0);
        Map<String, Object> copy = RecordCopies.fields(original, COPIED);
        Set<String> buyers = new LinkedHashSet<>();
        String listed = original.path(BUYER_ACCOUNTS.name()).asText("");
        for (String buyer : listed.split("[,;\\s]+")) {
            if (!buyer.isBlank()) {
                buyers.add(buyer);
            }
        }
        buyers.add(request.sellerAccountId());
        copy.put(BUYER_ACCOUNTS.name(), String.join(",", buyers));
        copy.put(CLONED_FROM.name(), source);
        copy.put(STATUS.name(), "New");
        // The seller who asked owns the clone, so that they can see it, edit it and create it (offers are Private).
        copy.put("OwnerId", request.requestedBy());
        boolean customEula = "CustomEula".equals(original.path(EULA_TYPE.name()).asText());
        if (customEula) {
            copy.put(LAST_ERROR.name(), "Attach the custom EULA to this offer again before creating it: the file of the"
                    + " original offer is not carried over.");
        }
        // One transaction: the copy exists with all its rates and installments, or not at all.
        AllOrNone writes = salesforce.allOrNone();
        String copied = writes.create(OfferFields.OFFER, copy);
        writes.createAll(OfferFields.RATE, copies.children(OfferFields.RATE, RATE_FIELDS, RATE_OFFER.name(), source,
                copied));
        writes.createAll(OfferFields.INSTALLMENT, copies.children(OfferFields.INSTALLMENT, INSTALLMENT_FIELDS,
                INSTALLMENT_OFFER.name(), source, copied));
        String clone = salesforce.write(writes).get(copied);
        return "Cloned as draft offer " + clone + " with the seller's own account " + request.sellerAccountId()
                + " among the buyers" + (customEula ? "; attach the custom EULA again before creating it." : ".");
    }
}
