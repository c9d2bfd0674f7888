package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHARGE_AMOUNT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHARGE_CURRENCY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHARGE_DATE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CLONED_FROM;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.DESCRIPTION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENTS_ENABLED;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENT_AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.INSTALLMENT_NUMBER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.LAST_ERROR;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.MAX_AGREEMENT_START;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.NAME;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRICING_MODEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRODUCT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_AUTHORIZATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_KEY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_KIND;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_NAME;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_QUANTITY;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RATE_VALUE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL_CHANNEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL_PRICING;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RESELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SERVICE_END;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SERVICE_LENGTH;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.SERVICE_START;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.ZERO_DOLLAR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.salesforce.AllOrNone;
import io.mpcrm.connector.salesforce.RecordCopies;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CLONE_RESALE_AUTHORIZATION: a new draft record with the authorization's terms, wholesale rates and installments,
 * and custom legal documents to attach again (as Clone Offer does for the EULA). No AWS call: an authorization AWS
 * has activated is frozen, so changing one means sending a new one.
 */
@Component
public class CloneResaleAuthorizationAction implements RequestAction {

    private static final List<String> COPIED = SObjectField.names(NAME, DESCRIPTION, PRODUCT, SELLER,
            RESELLER, BUYER_ACCOUNTS, PRICING_MODEL, CURRENCY_CODE, SERVICE_LENGTH,
            SERVICE_START, SERVICE_END, USAGE, EXPIRATION,
            MAX_AGREEMENT_START, ZERO_DOLLAR, INSTALLMENTS_ENABLED,
            BUYER_EULA_TYPE, CONTRACT_TYPE, RENEWAL, RENEWAL_CHANNEL,
            RENEWAL_PRICING);
    private static final List<String> RATE_FIELDS = SObjectField.names(RATE_NAME, RATE_KEY, RATE_VALUE, RATE_KIND,
            RATE_QUANTITY);
    private static final List<String> INSTALLMENT_FIELDS = SObjectField.names(CHARGE_DATE, CHARGE_AMOUNT,
            CHARGE_CURRENCY, INSTALLMENT_NUMBER);

    private final ResaleAuthorizationRecords records;
    private final SalesforceRecords salesforce;
    private final RecordCopies copies;

    public CloneResaleAuthorizationAction(ResaleAuthorizationRecords records, SalesforceRecords salesforce,
                                          RecordCopies copies) {
        this.records = records;
        this.salesforce = salesforce;
        this.copies = copies;
    }

    @Override
    public String action() {
        return "CLONE_RESALE_AUTHORIZATION";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String source = records.record(request.targetRecordId(), request.sellerAccountRecordId()).path("Id").asText();
        ObjectNode original = salesforce.query("SELECT " + String.join(", ", COPIED) + " FROM "
                + ResaleAuthorizationFields.AUTHORIZATION + " WHERE Id = " + Soql.quote(source)).get(0);
        Map<String, Object> copy = RecordCopies.fields(original, COPIED);
        copy.put(CLONED_FROM.name(), source);
        copy.put(STATUS.name(), "New");
        // The seller who asked owns the clone, so that they can see it, edit it and create it (it is Private).
        copy.put("OwnerId", request.requestedBy());
        List<String> reattach = new ArrayList<>();
        if (ResaleAuthorization.CUSTOM_EULA.equals(original.path(BUYER_EULA_TYPE.name()).asText())) {
            reattach.add("the custom buyer EULA (" + BUYER_EULA_DOCUMENT + ")");
        }
        if (ResaleAuthorization.CUSTOM_CONTRACT.equals(original.path(CONTRACT_TYPE.name()).asText())) {
            reattach.add("the custom reseller contract (" + CONTRACT_DOCUMENT + ")");
        }
        String note = reattach.isEmpty() ? null : "Attach " + String.join(" and ", reattach) + " to this resale"
                + " authorization again before creating it: the files of the original are not carried over.";
        if (note != null) {
            copy.put(LAST_ERROR.name(), note);
        }
        // One transaction: the copy exists with all its rates and installments, or not at all.
        AllOrNone writes = salesforce.allOrNone();
        String copied = writes.create(ResaleAuthorizationFields.AUTHORIZATION, copy);
        writes.createAll(ResaleAuthorizationFields.RATE,
                copies.children(ResaleAuthorizationFields.RATE, RATE_FIELDS, RATE_AUTHORIZATION.name(), source,
                        copied));
        writes.createAll(ResaleAuthorizationFields.INSTALLMENT,
                copies.children(ResaleAuthorizationFields.INSTALLMENT, INSTALLMENT_FIELDS,
                        INSTALLMENT_AUTHORIZATION.name(), source, copied));
        String clone = salesforce.write(writes).get(copied);
        return "Cloned as draft resale authorization " + clone + (note == null ? "." : "; " + note);
    }
}
