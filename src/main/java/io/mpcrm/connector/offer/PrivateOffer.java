package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import java.time.LocalDate;
import java.util.List;

/**
 * What the seller put on MP_Private_Offer__c and its children, already read from Salesforce.
 *
 * @param offerId             null until AWS created the offer
 * @param pricingModel        Contract, Usage, Byol or Free (Pricing_Model__c)
 * @param serviceLength       ISO-8601 duration such as P12M or P365D; null for a future dated agreement
 * @param serviceStart        start of a future dated agreement (SaaS only), else null
 * @param serviceEnd          end of a future dated agreement, else null
 * @param eulaType            StandardEula or CustomEula
 * @param eulaUrl             presigned URL once the custom EULA is stored, else null
 * @param renewal             the buyer already has an agreement for this product (PreExistingAgreement)
 * @param tiered              contract tiers: the buyer picks exactly one dimension at its listed quantity
 *                            (Constraints Disallowed/Disallowed) instead of any mix and quantity (Allowed/Allowed)
 * @param origin              direct, agreement-based or channel partner, with what it is built on
 */
public record PrivateOffer(String recordId, String offerId, String name, String description,
        String productId, List<String> buyerAccounts, String pricingModel,
        String currency, String serviceLength,
        LocalDate serviceStart, LocalDate serviceEnd, LocalDate expirationDate,
        boolean zeroDollar, boolean installmentsEnabled, String eulaType,
        String eulaUrl, boolean customEulaAttached,
        boolean renewal, String renewalAcquisitionChannel, String renewalPricingModel,
        List<OfferDimension> dimensions, List<ScheduledCharge> schedule, boolean tiered, OfferOrigin origin) {

    public static final String CONTRACT = "Contract";
    public static final String USAGE = "Usage";
    public static final String BYOL = "Byol";
    public static final String FREE = "Free";
    public static final String STANDARD_EULA = "StandardEula";
    public static final String CUSTOM_EULA = "CustomEula";

    public PrivateOffer {
        buyerAccounts = buyerAccounts == null ? List.of() : List.copyOf(buyerAccounts);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        origin = origin == null ? OfferOrigin.DIRECT : origin;
    }

    /** A direct offer. */
    public PrivateOffer(String recordId, String offerId, String name, String description,
            String productId, List<String> buyerAccounts, String pricingModel,
            String currency, String serviceLength,
            LocalDate serviceStart, LocalDate serviceEnd, LocalDate expirationDate,
            boolean zeroDollar, boolean installmentsEnabled, String eulaType,
            String eulaUrl, boolean customEulaAttached,
            boolean renewal, String renewalAcquisitionChannel, String renewalPricingModel,
            List<OfferDimension> dimensions, List<ScheduledCharge> schedule, boolean tiered) {
        this(recordId, offerId, name, description, productId, buyerAccounts, pricingModel, currency, serviceLength,
                serviceStart, serviceEnd, expirationDate, zeroDollar, installmentsEnabled, eulaType, eulaUrl,
                customEulaAttached, renewal, renewalAcquisitionChannel, renewalPricingModel, dimensions, schedule,
                tiered, OfferOrigin.DIRECT);
    }

    /** The agreement starts and ends on fixed dates rather than when the buyer accepts. */
    public boolean futureDated() {
        return !origin.replacesAgreement() && (serviceStart != null || serviceEnd != null);
    }

    /**
     * The end date an agreement-based offer gives the agreement it replaces (AgreementEndDate, required by AWS for
     * replacement offers); Service_End_Date__c holds it. Null for other offers.
     */
    public LocalDate agreementEndDate() {
        return origin.replacesAgreement() ? serviceEnd : null;
    }

    /** Paid in installments: the pricing terms grant units for "0" and the schedule carries the money. */
    public boolean flexiblePaymentSchedule() {
        return installmentsEnabled && !schedule.isEmpty();
    }

    public List<OfferDimension> upfrontDimensions() {
        return dimensions.stream().filter(OfferDimension::upfront).toList();
    }

    public List<OfferDimension> usageDimensions() {
        return dimensions.stream().filter(OfferDimension::usage).toList();
    }
}
