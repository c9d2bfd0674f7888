package io.mpcrm.connector.agreementoffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.AgreementFields;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.PrivateOffer;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.Today;
import io.mpcrm.connector.salesforce.FieldValues;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A synced agreement ({@code MP_Agreement__c}) as an agreement-based offer sees it: whether AWS would let the seller
 * replace it, and with which change. A channel partner's agreement (its offer was made on a shared resale
 * authorization) is replaced with CreateReplacementOfferUsingResaleAuthorization; the resale authorization comes from
 * the synced offer record the agreement links to, so reading it needs no AWS call.
 *
 * @param offerRecordId            the MP_Private_Offer__c the agreement was accepted from, when it is in Salesforce
 * @param offerFromResale          that offer was made on a shared resale authorization (a channel partner offer)
 * @param resaleAuthorizationRecord the MP_Shared_Resale_Authorization__c behind that offer, else null
 * @param sellerRole               Role__c of the agreement's seller account (ISV, Channel Partner or Both)
 * @param terms                    the accepted terms as synced (Terms_Json__c), an empty array when missing
 */
public record ReplaceableAgreement(String recordId, String agreementId, String sellerAccountRecordId, String status,
        String pricingModel, String acceptorAccountId, LocalDate endDate, String currency, String productRecordId,
        String productType, String offerId, String offerRecordId, boolean offerFromResale,
        String resaleAuthorizationRecord, String sellerRole, JsonNode terms) {

    static final String ACTIVE = "ACTIVE";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFER = AgreementFields.PRIVATE_OFFER.relationship();

    /** What to select from MP_Agreement__c. */
    static final String FIELDS = String.join(", ", "Id", AgreementFields.AGREEMENT_ID.name(),
            AgreementFields.SELLER.name(), AgreementFields.SELLER.path(RequestFields.SELLER_ACCOUNT_ROLE),
            AgreementFields.STATUS.name(), AgreementFields.PRICING_MODEL.name(), AgreementFields.ACCEPTOR.name(),
            AgreementFields.END_TIME.name(), AgreementFields.CURRENCY_CODE.name(), AgreementFields.TERMS_JSON.name(),
            AgreementFields.OFFER_ID.name(), AgreementFields.PRODUCT.name(),
            AgreementFields.PRODUCT.relationship() + "." + ProductFields.PRODUCT_TYPE.name(),
            AgreementFields.PRIVATE_OFFER.name(), OFFER + "." + OfferFields.PRODUCT.name(),
            OFFER + "." + OfferFields.OFFER_TYPE.name(), OFFER + "." + OfferFields.SHARED_RESALE_AUTHORIZATION.name());

    public ReplaceableAgreement {
        terms = terms == null ? JSON.createArrayNode() : terms;
    }

    /** Reads the selected record; {@code productType} is looked up separately when the product came from the offer. */
    static ReplaceableAgreement of(ObjectNode record, String productTypeOfOfferProduct) {
        JsonNode offer = record.path(OFFER);
        String product = FieldValues.text(record, AgreementFields.PRODUCT);
        String productType = FieldValues.text(record.path(AgreementFields.PRODUCT.relationship()),
                ProductFields.PRODUCT_TYPE);
        if (product == null) {
            // A channel partner's agreement is for the ISV's product: the partner's own offer record names it.
            product = FieldValues.text(offer, OfferFields.PRODUCT);
            productType = productTypeOfOfferProduct;
        }
        String offerType = FieldValues.text(offer, OfferFields.OFFER_TYPE);
        String resale = FieldValues.text(offer, OfferFields.SHARED_RESALE_AUTHORIZATION);
        boolean fromResale = resale != null || (offerType != null && offerType.startsWith("Channel Partner"));
        var end = FieldValues.instant(record, AgreementFields.END_TIME);
        return new ReplaceableAgreement(record.path("Id").asText(), FieldValues.text(record,
                AgreementFields.AGREEMENT_ID), FieldValues.text(record, AgreementFields.SELLER),
                FieldValues.text(record, AgreementFields.STATUS), FieldValues.text(record,
                AgreementFields.PRICING_MODEL), FieldValues.text(record, AgreementFields.ACCEPTOR),
                end == null ? null : LocalDate.ofInstant(end, ZoneOffset.UTC),
                FieldValues.text(record, AgreementFields.CURRENCY_CODE), product, productType,
                FieldValues.text(record, AgreementFields.OFFER_ID), FieldValues.text(record,
                AgreementFields.PRIVATE_OFFER), fromResale, resale,
                FieldValues.parentText(record, AgreementFields.SELLER, RequestFields.SELLER_ACCOUNT_ROLE),
                terms(FieldValues.text(record, AgreementFields.TERMS_JSON)));
    }

    /** The offer's product, when the product sync has brought it in: the record id of the offer's own product. */
    static String offerProductRecord(ObjectNode record) {
        return FieldValues.text(record.path(OFFER), OfferFields.PRODUCT);
    }

    /**
     * A channel partner's agreement: its offer was made on a resale authorization, or (when that offer is not in
     * Salesforce) the seller account only resells.
     */
    public boolean channelPartnerAgreement() {
        return offerFromResale || (offerRecordId == null && "Channel Partner".equals(sellerRole));
    }

    /** The kind of offer that replaces it. */
    public OfferOrigin.Type replacedBy() {
        return channelPartnerAgreement() ? OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED
                : OfferOrigin.Type.AGREEMENT_BASED;
    }

    /**
     * Why the agreement cannot be replaced by a request of {@code requestSellerAccount}, each on the agreement's field
     * that shows it; empty when it can.
     */
    public List<FieldProblem> problems(String requestSellerAccount, LocalDate today) {
        String name = agreementId == null ? "This agreement" : "Agreement " + agreementId;
        List<FieldProblem> problems = new ArrayList<>();
        if (!FieldValues.sameRecord(sellerAccountRecordId, requestSellerAccount)) {
            problems.add(new FieldProblem(AgreementFields.SELLER.name(), name + " belongs to another seller account"
                    + " than the request's; only the seller account that proposed it can replace it. Create the"
                    + " request from the agreement itself."));
            return problems;
        }
        if (agreementId == null) {
            problems.add(new FieldProblem(AgreementFields.AGREEMENT_ID.name(), "The record has no agreement id:"
                    + " import the agreement by its id, or refresh agreements."));
        }
        if (!ACTIVE.equals(status)) {
            problems.add(new FieldProblem(AgreementFields.STATUS.name(), name + " is " + (status == null
                    ? "of unknown status" : status) + ": only an active agreement can be replaced. Make a new"
                    + " private offer for this buyer instead."));
        }
        if (!PrivateOffer.CONTRACT.equals(pricingModel)) {
            problems.add(new FieldProblem(AgreementFields.PRICING_MODEL.name(), name + " is priced by "
                    + (pricingModel == null ? "no known model" : pricingModel) + ": AWS replaces contract agreements"
                    + " only. Make a new private offer for this buyer instead."));
        } else if (endDate == null) {
            problems.add(new FieldProblem(AgreementFields.END_TIME.name(), name + " has no end date; refresh"
                    + " agreements and try again."));
        } else if (endDate.isBefore(today)) {
            problems.add(new FieldProblem(AgreementFields.END_TIME.name(), name + " ended on " + endDate + " ("
                    + Today.named(today) + "); refresh agreements to see its current state,"
                    + " or make a new private offer."));
        }
        if (productRecordId == null) {
            problems.add(new FieldProblem(AgreementFields.PRODUCT.name(), name + " is not linked to a product:"
                    + " refresh products, then refresh agreements."));
        } else if (productType != null && !OfferProduct.SAAS.equals(productType)) {
            problems.add(new FieldProblem(AgreementFields.PRODUCT.name(), name + " is for a " + productType + " product:"
                    + " agreement-based offers are available for SaaS products only. Make a new private offer"
                    + " instead."));
        }
        if (acceptorAccountId == null) {
            problems.add(new FieldProblem(AgreementFields.ACCEPTOR.name(), name + " shows no buyer account;"
                    + " refresh agreements."));
        }
        if (channelPartnerAgreement() && resaleAuthorizationRecord == null) {
            problems.add(new FieldProblem(AgreementFields.PRIVATE_OFFER.name(), name + " comes from a channel"
                    + " partner offer" + (offerId == null ? "" : " (" + offerId + ")") + ", which AWS replaces only"
                    + " together with the resale authorization it used. Link the agreement's offer record to its"
                    + " shared resale authorization (Refresh Shared Resale Authorizations first), then refresh"
                    + " agreements and try again."));
        }
        return problems;
    }

    private static JsonNode terms(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException truncated) {
            // The sync shortens very long terms; the prefill then starts from the record's other fields.
            return null;
        }
    }
}
