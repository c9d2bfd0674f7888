package io.mpcrm.connector.offer;

import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import java.time.LocalDate;

/**
 * One offer as a kind's rules ({@link OfferKindRules}) see it while {@link OfferValidator} checks it.
 *
 * @param offer                    the offer as the record holds it
 * @param product                  its product when the shared product checks found it usable, else null
 * @param authorization            the shared resale authorization a channel partner offer is made on, else null (or
 *                                 not in Salesforce: then the offer is not checked against it)
 * @param resellerContractAccepted Reseller_Contract_Accepted__c (channel partner offers)
 * @param today                    the day the offer is checked on, in UTC
 * @param eulaBucketConfigured     the seller account has an S3 bucket for custom EULAs
 */
public record OfferCheck(PrivateOffer offer, OfferProduct product, SharedResaleAuthorization authorization,
        boolean resellerContractAccepted, LocalDate today, boolean eulaBucketConfigured) {
}
