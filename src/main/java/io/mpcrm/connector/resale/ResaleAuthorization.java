package io.mpcrm.connector.resale;

import io.mpcrm.connector.terms.ScheduledCharge;
import java.time.LocalDate;
import java.util.List;

/**
 * An ISV's resale authorization as the seller filled it in on MP_Resale_Authorization__c: what a reseller may sell,
 * to whom, at which wholesale rates and under which legal documents.
 *
 * @param buyerEulaUrl the presigned URL of the stored custom buyer EULA, once it is stored (null before)
 * @param resellerContractUrl the same for a custom reseller contract
 */
public record ResaleAuthorization(String recordId, String authorizationId, String name, String description,
                                  String productId, String resellerAccountId, List<String> buyerAccounts,
                                  String pricingModel, String currency, String serviceLength, String usage,
                                  LocalDate expirationDate, LocalDate maximumAgreementStart, boolean zeroDollar,
                                  boolean installmentsEnabled, String buyerEulaType, boolean buyerEulaAttached,
                                  String buyerEulaUrl, String resellerContractType, boolean resellerContractAttached,
                                  String resellerContractUrl, boolean renewal, String renewalAcquisitionChannel,
                                  String renewalPricingModel, List<WholesaleRate> rates,
                                  List<ScheduledCharge> schedule) {

    public static final String CONTRACT = "Contract";
    public static final String USAGE_PRICING = "Usage";
    public static final String ONE_TIME = "One-time";
    public static final String MULTI_USE = "Multi-use";
    public static final String CUSTOM_EULA = "CustomEula";
    public static final String CUSTOM_CONTRACT = "CustomResellerContract";

    public ResaleAuthorization {
        buyerAccounts = List.copyOf(buyerAccounts);
        rates = List.copyOf(rates);
        schedule = List.copyOf(schedule);
    }

    public boolean oneTime() {
        return ONE_TIME.equals(usage);
    }

    public boolean flexiblePaymentSchedule() {
        return installmentsEnabled && !schedule.isEmpty();
    }

    public List<WholesaleRate> upfrontRates() {
        return rates.stream().filter(WholesaleRate::upfront).toList();
    }

    public List<WholesaleRate> usageRates() {
        return rates.stream().filter(WholesaleRate::usage).toList();
    }

    /** The same authorization with the stored legal documents' URLs. */
    public ResaleAuthorization withDocumentUrls(String eulaUrl, String contractUrl) {
        return new ResaleAuthorization(recordId, authorizationId, name, description, productId, resellerAccountId,
                buyerAccounts, pricingModel, currency, serviceLength, usage, expirationDate, maximumAgreementStart,
                zeroDollar, installmentsEnabled, buyerEulaType, buyerEulaAttached, eulaUrl, resellerContractType,
                resellerContractAttached, contractUrl, renewal, renewalAcquisitionChannel, renewalPricingModel, rates,
                schedule);
    }
}
