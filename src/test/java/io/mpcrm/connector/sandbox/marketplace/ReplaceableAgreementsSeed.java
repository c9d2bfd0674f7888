package io.mpcrm.connector.sandbox.marketplace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Agreements to build agreement-based offers on: for the seller a SaaS contract, a SaaS contract paid in installments
 * (two still to be charged), a contract whose offer a test edits wrongly, an expired contract and a pay-as-you-go one; for the channel partner a SaaS contract
 * accepted from its own offer on the seller's shared resale authorization (a CPPO agreement).
 *
 * @param channelPartnerOffer the channel partner's released offer the CPPO agreement was accepted from
 * @param resaleAuthorization the shared resale authorization that offer was made on
 */
public record ReplaceableAgreementsSeed(String contract, String contractInInstallments, String contractToMisedit,
                                        String expired, String usage, String channelPartnerContract, String channelPartnerOffer,
                                        String resaleAuthorization, String channelPartnerContractForInstallments) {

    /** The buyers, one per agreement so that each test reads its own. */
    public static final String CONTRACT_BUYER = "210987654321";
    public static final String INSTALLMENTS_BUYER = "210987654322";
    public static final String CHANNEL_PARTNER_BUYER = "210987654325";
    public static final String CHANNEL_PARTNER_INSTALLMENTS_BUYER = "210987654327";

    public static ReplaceableAgreementsSeed plant(MarketplaceSandbox sandbox, MarketplaceSandbox.Seed seed, Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        String seller = seed.sellerAccountId();
        String partner = seed.channelPartnerAccountId();
        String saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        String contract = sandbox.addAgreement(seller, CONTRACT_BUYER, saas, seed.offerId(), "ACTIVE",
                today.minus(90, ChronoUnit.DAYS), today.plus(275, ChronoUnit.DAYS),
                MarketplaceSandbox.AgreementPricing.CONTRACT, false);
        // Charged every three months from the start: two charges made, two to come.
        String installments = sandbox.addAgreement(seller, INSTALLMENTS_BUYER, saas, seed.offerId(), "ACTIVE",
                today.minus(100, ChronoUnit.DAYS), today.plus(265, ChronoUnit.DAYS),
                MarketplaceSandbox.AgreementPricing.PAYMENT_SCHEDULE, false);
        String misedit = sandbox.addAgreement(seller, "210987654326", saas, seed.offerId(), "ACTIVE",
                today.minus(90, ChronoUnit.DAYS), today.plus(275, ChronoUnit.DAYS),
                MarketplaceSandbox.AgreementPricing.CONTRACT, false);
        String expired = sandbox.addAgreement(seller, "210987654323", saas, seed.offerId(), "EXPIRED",
                today.minus(400, ChronoUnit.DAYS), today.minus(35, ChronoUnit.DAYS),
                MarketplaceSandbox.AgreementPricing.CONTRACT, false);
        String usage = sandbox.addAgreement(seller, "210987654324", saas, seed.offerId(), "ACTIVE",
                today.minus(20, ChronoUnit.DAYS), null, MarketplaceSandbox.AgreementPricing.USAGE, false);

        String resale = seed.resaleAuthorizationIds().get(0);
        String offer = Json.id("offer-", 13);
        ObjectNode details = SeedData.offer(offer, saas, "Partner deal for " + CHANNEL_PARTNER_BUYER, "Released",
                List.of(CHANNEL_PARTNER_BUYER), today.plus(60, ChronoUnit.DAYS));
        details.put("ResaleAuthorizationId", resale);
        sandbox.putEntity(partner, "Offer@1.0", offer, details, today.minus(31, ChronoUnit.DAYS));
        String partnerContract = sandbox.addAgreement(partner, CHANNEL_PARTNER_BUYER, saas, offer, "ACTIVE",
                today.minus(30, ChronoUnit.DAYS), today.plus(335, ChronoUnit.DAYS),
                MarketplaceSandbox.AgreementPricing.CONTRACT, false);
        // A second buyer of the same partner offer, whose agreement a story replaces with one paid in installments:
        // each story replaces an agreement of its own, as a second replacement of one agreement needs confirming.
        String partnerContractForInstallments = sandbox.addAgreement(partner, CHANNEL_PARTNER_INSTALLMENTS_BUYER, saas,
                offer, "ACTIVE", today.minus(30, ChronoUnit.DAYS), today.plus(335, ChronoUnit.DAYS),
                MarketplaceSandbox.AgreementPricing.CONTRACT, false);
        return new ReplaceableAgreementsSeed(contract, installments, misedit, expired, usage, partnerContract, offer,
                resale, partnerContractForInstallments);
    }
}
