package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * What AWS checks while applying a replacement (agreement-based) offer, beyond the offer rules every offer meets:
 * a channel partner's agreement is replaced only with CreateReplacementOfferUsingResaleAuthorization, whose resale
 * authorization must be active, shared with the caller, for the agreement's product and open to the agreement's
 * buyer; and a replacement offer has contract pricing only.
 */
final class ReplacementOfferRules {

    private ReplacementOfferRules() {
    }

    /** The ErrorDetailList entries of one change on a replacement offer; empty when it passes. */
    static ArrayNode check(String changeType, JsonNode doc, OfferRules.Context ctx,
                           Function<String, CatalogApi.StoredEntity> entities) {
        ArrayNode errors = Json.array();
        JsonNode agreement = ctx.agreement();
        switch (changeType) {
            case "CreateReplacementOffer" -> {
                String resale = agreement == null ? null : resaleAuthorizationOf(agreement, entities);
                if (resale != null) {
                    error(errors, "INCOMPATIBLE_AGREEMENT", "Agreement " + agreement.path("agreementId").asText()
                            + " comes from an offer made on resale authorization " + resale
                            + "; use CreateReplacementOfferUsingResaleAuthorization");
                }
            }
            case "CreateReplacementOfferUsingResaleAuthorization" -> usingResaleAuthorization(doc, ctx, entities,
                    errors);
            case "UpdatePricingTerms" -> {
                if (!"Contract".equals(doc.path("PricingModel").asText())) {
                    error(errors, "INCOMPATIBLE_PRICING", "Replacement offers only supported for contract pricing"
                            + " model (was " + doc.path("PricingModel").asText() + ")");
                }
            }
            default -> { }
        }
        return errors;
    }

    private static void usingResaleAuthorization(JsonNode doc, OfferRules.Context ctx,
                                                 Function<String, CatalogApi.StoredEntity> entities, ArrayNode errors) {
        JsonNode agreement = ctx.agreement();
        if (agreement == null) {
            return;
        }
        String agreementId = agreement.path("agreementId").asText();
        if (!"ACTIVE".equals(agreement.path("status").asText())) {
            error(errors, "INCOMPATIBLE_AGREEMENT", "Agreement " + agreementId + " is "
                    + agreement.path("status").asText() + "; only an ACTIVE agreement can be replaced");
        }
        String raId = doc.path("ResaleAuthorizationId").asText();
        CatalogApi.StoredEntity ra = entities.apply(raId);
        if (ra == null || !ra.baseType().equals("ResaleAuthorization")
                || !(ra.sharedWith().contains(ctx.account()) || ra.owner().equals(ctx.account()))) {
            error(errors, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId
                    + " is not shared with account " + ctx.account());
            return;
        }
        ObjectNode details = ra.details();
        if (!"Active".equals(details.path("Status").asText())) {
            error(errors, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId + " is "
                    + details.path("Status").asText() + "; it must be Active");
        }
        // Codes and messages of CreateReplacementOfferUsingResaleAuthorization's asynchronous errors
        // (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#create-replacement-offer-using-resale-auth).
        String agreementProduct = agreement.path("proposalSummary").path("resources").path(0).path("id").asText();
        if (!agreementProduct.equals(details.path("ProductId").asText())) {
            error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "The ResaleAuthorization must be for the same product"
                    + " that is associated with the agreement: resale authorization " + raId + " is for product "
                    + details.path("ProductId").asText() + ", agreement " + agreementId + " for " + agreementProduct);
        }
        String buyer = agreement.path("acceptor").path("accountId").asText();
        for (JsonNode term : details.path("Terms")) {
            if ("BuyerTargetingTerm".equals(term.path("Type").asText())) {
                boolean targeted = false;
                for (JsonNode account : term.path("PositiveTargeting").path("BuyerAccounts")) {
                    targeted |= buyer.equals(account.path("AwsAccountId").asText());
                }
                if (!targeted) {
                    error(errors, "INCOMPATIBLE_RESALE_AUTHORIZATION", "Use a ResaleAuthorization targeted to the"
                            + " acceptor of the agreement: resale authorization " + raId + " is not targeted to the"
                            + " agreement's buyer " + buyer);
                }
            }
        }
    }

    /** The resale authorization the agreement's offer was made on, or null for a direct offer. */
    private static String resaleAuthorizationOf(JsonNode agreement,
                                                Function<String, CatalogApi.StoredEntity> entities) {
        CatalogApi.StoredEntity offer = entities.apply(agreement.path("proposalSummary").path("offerId").asText());
        return offer == null ? null : offer.details().path("ResaleAuthorizationId").asText(null);
    }

    private static void error(ArrayNode errors, String code, String message) {
        errors.addObject().put("ErrorCode", code).put("ErrorMessage", message);
    }
}
