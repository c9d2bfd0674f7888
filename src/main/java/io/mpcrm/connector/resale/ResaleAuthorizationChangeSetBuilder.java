package io.mpcrm.connector.resale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.offer.OfferChangeSetBuilder;
import java.util.List;

/**
 * Turns a resale authorization into the one change set that creates it: CreateResaleAuthorization, then the Update*
 * changes chained with {@code $CreateResaleAuthorization.Entity.Identifier}, and ReleaseResaleAuthorization when asked.
 * Run {@link ResaleAuthorizationValidator} first; this class assumes a valid authorization.
 */
public final class ResaleAuthorizationChangeSetBuilder {

    public static final String ENTITY_TYPE = "ResaleAuthorization@1.0";
    static final String CREATE = "CreateResaleAuthorization";
    static final String NEW_AUTHORIZATION = "$" + CREATE + ".Entity.Identifier";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ArrayNode create(ResaleAuthorization ra, boolean release) {
        ArrayNode changes = NODES.arrayNode();
        ObjectNode create = details(changes, CREATE, null).put("ProductId", ra.productId()).put("Name", ra.name())
                .put("ResellerAccountId", ra.resellerAccountId());
        if (ra.description() != null) {
            create.put("Description", ra.description());
        }
        // The name and description go with CreateResaleAuthorization, whose name may hold spaces; UpdateInformation's
        // may not (ResaleAuthorizationValidator), so it only carries what Create cannot.
        changes.addAll(updates(ra, NEW_AUTHORIZATION, release, false));
        return changes;
    }

    /**
     * The Update* changes (and the release) aimed at an authorization AWS already holds as a draft, so that creating a
     * saved draft releases it instead of making a second one; its name and description are set again.
     */
    public ArrayNode onDraft(ResaleAuthorization ra, String authorizationId, boolean release) {
        return updates(ra, authorizationId, release, true);
    }

    /** DEACTIVATE_RESALE_AUTHORIZATION: restricting cannot be undone; offers already made stay. */
    public ArrayNode restrict(String authorizationId) {
        ArrayNode changes = NODES.arrayNode();
        details(changes, "RestrictResaleAuthorization", authorizationId);
        return changes;
    }

    private ArrayNode updates(ResaleAuthorization ra, String target, boolean release, boolean naming) {
        ArrayNode changes = NODES.arrayNode();
        if (naming || ra.renewal()) {
            ObjectNode information = details(changes, "UpdateInformation", target);
            if (naming) {
                information.put("Name", ra.name());
                if (ra.description() != null) {
                    information.put("Description", ra.description());
                }
            }
            if (ra.renewal()) {
                information.putObject("PreExistingBuyerAgreement")
                        .put("AcquisitionChannel", ra.renewalAcquisitionChannel())
                        .put("PricingModel", ra.renewalPricingModel());
            }
        }
        if (!ra.buyerAccounts().isEmpty()) {
            ObjectNode targeting = NODES.objectNode().put("Type", "BuyerTargetingTerm");
            ArrayNode buyers = targeting.putObject("PositiveTargeting").putArray("BuyerAccounts");
            ra.buyerAccounts().forEach(buyers::add);
            details(changes, "UpdateBuyerTargetingTerms", target).putArray("Terms").add(targeting);
        }
        ObjectNode pricing = details(changes, "UpdatePricingTerms", target).put("PricingModel", ra.pricingModel());
        pricing.set("Terms", pricingTerms(ra));
        details(changes, "UpdateLegalTerms", target).set("Terms", legalTerms(ra));
        if (ra.expirationDate() != null || ra.oneTime()) {
            ObjectNode availability = details(changes, "UpdateAvailability", target);
            if (ra.expirationDate() != null) {
                availability.put("AvailabilityEndDate", ra.expirationDate().toString());
            }
            if (ra.oneTime()) {
                availability.put("OffersMaxQuantity", 1);
            }
        }
        if (ra.maximumAgreementStart() != null) {
            details(changes, "UpdateBuyerValidityTerms", target).putArray("Terms").addObject()
                    .put("Type", "BuyerValidityTerm")
                    .put("MaximumAgreementStartDate", ra.maximumAgreementStart().toString());
        }
        if (ra.flexiblePaymentSchedule()) {
            ObjectNode term = NODES.objectNode().put("Type", "ResalePaymentScheduleTerm")
                    .put("CurrencyCode", currency(ra));
            ArrayNode schedule = term.putArray("Schedule");
            ra.schedule().forEach(charge -> schedule.addObject().put("ChargeDate", charge.chargeDate().toString())
                    .put("ChargeAmount", OfferChangeSetBuilder.price(charge.amount())));
            details(changes, "UpdatePaymentScheduleTerms", target).putArray("Terms").add(term);
        }
        if (release) {
            details(changes, "ReleaseResaleAuthorization", target);
        }
        return changes;
    }

    private static ArrayNode pricingTerms(ResaleAuthorization ra) {
        ArrayNode terms = NODES.arrayNode();
        List<WholesaleRate> upfront = ra.upfrontRates();
        if (ra.flexiblePaymentSchedule()) {
            ObjectNode fixed = terms.addObject().put("Type", "ResaleFixedUpfrontPricingTerm")
                    .put("CurrencyCode", currency(ra)).put("Duration", ra.serviceLength()).put("Price", "0.0");
            ArrayNode grants = fixed.putArray("Grants");
            upfront.forEach(r -> grants.addObject().put("DimensionKey", r.key()).put("MaxQuantity", r.quantity()));
        } else if (!upfront.isEmpty()) {
            ObjectNode card = terms.addObject().put("Type", "ResaleConfigurableUpfrontPricingTerm")
                    .put("CurrencyCode", currency(ra)).putArray("RateCards").addObject();
            card.putObject("Selector").put("Type", "Duration").put("Value", ra.serviceLength());
            card.putObject("Constraints").put("MultipleDimensionSelection", "Allowed")
                    .put("QuantityConfiguration", "Allowed");
            card.set("RateCard", rateCard(upfront));
        }
        if (!ra.usageRates().isEmpty()) {
            terms.addObject().put("Type", "ResaleUsageBasedPricingTerm").put("CurrencyCode", currency(ra))
                    .putArray("RateCards").addObject().set("RateCard", rateCard(ra.usageRates()));
        }
        return terms;
    }

    private static ArrayNode legalTerms(ResaleAuthorization ra) {
        ArrayNode terms = NODES.arrayNode();
        ObjectNode eula = terms.addObject().put("Type", "BuyerLegalTerm").putArray("Documents").addObject()
                .put("Type", ra.buyerEulaType());
        if (ResaleAuthorization.CUSTOM_EULA.equals(ra.buyerEulaType())) {
            eula.put("Url", stored(ra.buyerEulaUrl()));
        }
        if (ra.resellerContractType() != null) {
            ObjectNode contract = terms.addObject().put("Type", "ResaleLegalTerm").putArray("Documents").addObject()
                    .put("Type", ra.resellerContractType());
            if (ResaleAuthorization.CUSTOM_CONTRACT.equals(ra.resellerContractType())) {
                contract.put("Url", stored(ra.resellerContractUrl()));
            }
        }
        return terms;
    }

    private static String stored(String url) {
        if (url == null) {
            throw new IllegalStateException("Store the custom document before building the change set");
        }
        return url;
    }

    /** Rates are in USD unless the seller chose another currency. */
    static String currency(ResaleAuthorization ra) {
        return ra.currency() == null || ra.currency().isBlank() ? "USD" : ra.currency().trim();
    }

    private static ArrayNode rateCard(List<WholesaleRate> rates) {
        ArrayNode card = NODES.arrayNode();
        rates.forEach(r -> card.addObject().put("DimensionKey", r.key()).put("Price", OfferChangeSetBuilder.price(r.rate())));
        return card;
    }

    private static ObjectNode details(ArrayNode changes, String type, String identifier) {
        ObjectNode change = changes.addObject();
        change.put("ChangeType", type);
        change.put("ChangeName", type);
        ObjectNode entity = change.putObject("Entity").put("Type", ENTITY_TYPE);
        if (identifier != null) {
            entity.put("Identifier", identifier);
        }
        return change.putObject("DetailsDocument");
    }
}
