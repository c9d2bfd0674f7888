package io.mpcrm.connector.agreementoffer;

import static io.mpcrm.connector.agreementoffer.AgreementBasedOffers.AGREEMENT;
import static io.mpcrm.connector.agreementoffer.AgreementBasedOffers.agreementBased;
import static io.mpcrm.connector.agreementoffer.AgreementBasedOffers.channelPartnerAgreementBased;
import static io.mpcrm.connector.agreementoffer.AgreementBasedOffers.channelPartnerAgreementBasedInInstallments;
import io.mpcrm.connector.channeloffer.ChannelPartnerOffers;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.Offers;
import io.mpcrm.connector.offer.PrivateOffer;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import static io.mpcrm.connector.offer.Offers.EXPIRES;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mpcrm.connector.request.FieldProblem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What stops an agreement-based offer before any AWS call (2): an offer the seller edited into one AWS would refuse.
 * The agreement that cannot be replaced is checked in ReplaceableAgreementTest.
 */
class AgreementBasedOfferValidationTest {

    @Test
    void aChannelPartnersReplacementInItsOwnInstallmentsFitsItsAuthorization() {
        assertThat(Offers.validator().problems(channelPartnerAgreementBasedInInstallments(), Offers.SAAS,
                Offers.SELLER, ChannelPartnerOffers.contractAuthorization(), TODAY, true)).isEmpty();
    }

    @Test
    void aChannelPartnersReplacementGrantsItsUnitsForTheAuthorizationsDurationInItsCurrency() {
        PrivateOffer longer = Offers.with(channelPartnerAgreementBasedInInstallments(), o -> {
            o.serviceLength = "P24M";
            o.currency = "EUR";
        });

        assertThat(Offers.validator().problems(longer, Offers.SAAS, Offers.SELLER,
                ChannelPartnerOffers.contractAuthorization(), TODAY, true)).containsExactlyInAnyOrder(
                new FieldProblem("Service_Length__c", "The resale authorization prices a P12M agreement, and the units"
                        + " are granted for that long: set Service Length to P12M."),
                new FieldProblem("Currency__c", "The authorization is priced in USD; set the currency to USD."));
    }

    @Test
    void aChannelPartnersReplacementOnAnAuthorizationWithInstallmentsKeepsItsDatesAndAtLeastItsAmounts() {
        SharedResaleAuthorization inInstallments = ChannelPartnerOffers.installmentAuthorization();
        PrivateOffer moved = Offers.with(channelPartnerAgreementBasedInInstallments(), o -> o.schedule = List.of(
                Offers.charge("2026-04-20", "600"), Offers.charge("2026-10-15", "600")));

        assertThat(Offers.validator().problems(channelPartnerAgreementBasedInInstallments(), Offers.SAAS,
                Offers.SELLER, inInstallments, TODAY, true)).isEmpty();
        assertThat(Offers.validator().problems(moved, Offers.SAAS, Offers.SELLER, inInstallments, TODAY, true))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("MP_Payment_Installment__c 2026-04-20",
                        "Installments_Enabled__c");
    }

    @Test
    void aPrefilledAgreementBasedOfferHasNothingToFix() {
        assertThat(Offers.validator().problems(agreementBased(), Offers.SAAS, TODAY, true)).isEmpty();
        assertThat(Offers.validator().problems(channelPartnerAgreementBased(), Offers.SAAS, TODAY, true)).isEmpty();
    }

    @Test
    void theBuyerOfAnAgreementBasedOfferMayBeLeftOutBecauseAwsTakesItFromTheAgreement() {
        PrivateOffer noBuyer = Offers.with(agreementBased(), o -> o.buyerAccounts.clear());

        assertThat(Offers.validator().problems(noBuyer, Offers.SAAS, TODAY, true)).isEmpty();
    }

    static Stream<Arguments> brokenAgreementBasedOffers() {
        return Stream.of(
                arguments("no agreement", Offers.with(agreementBased(), o -> o.origin = new OfferOrigin(
                                OfferOrigin.Type.AGREEMENT_BASED, null, null, null)), "Agreement__c",
                        "Choose the agreement this offer replaces"),
                arguments("no agreement end date", Offers.with(agreementBased(), o -> o.serviceEnd = null),
                        "Service_End_Date__c", "AWS requires an agreement end date on agreement-based offers"),
                arguments("an end date before the offer expires", Offers.with(agreementBased(),
                                o -> o.serviceEnd = EXPIRES.minusDays(1)), "Expiration_Date__c",
                        "The expiration date " + EXPIRES + " is not before the end date " + EXPIRES.minusDays(1)),
                arguments("a service start date", Offers.with(agreementBased(), o -> o.serviceStart = TODAY
                        .plusMonths(2)), "Service_Start_Date__c", "takes effect when the buyer accepts it"),
                arguments("usage pricing", Offers.with(Offers.saasUsage(), o -> {
                    o.origin = agreementBased().origin();
                    o.serviceEnd = TODAY.plusMonths(16);
                }), "Pricing_Model__c", "An agreement-based offer replaces a contract: choose Contract pricing"),
                arguments("two buyers", Offers.with(agreementBased(), o -> o.buyerAccounts.add("333333333333")),
                        "Buyer_Accounts__c", "goes to the buyer of the agreement only"),
                arguments("an AMI product", Offers.with(Offers.amiContract(), o -> {
                    o.origin = agreementBased().origin();
                    o.buyerAccounts.clear();
                    o.serviceEnd = TODAY.plusMonths(16);
                }), "Product__c", "Agreement-based offers are available for SaaS products only"),
                arguments("a channel partner agreement without the resale authorization",
                        Offers.with(channelPartnerAgreementBased(), o -> o.origin = new OfferOrigin(
                                OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, AGREEMENT, null, null)),
                        "Shared_Resale_Authorization__c", "Choose the shared resale authorization"),
                arguments("a channel partner's own installments beside a markup", Offers.with(
                        channelPartnerAgreementBasedInInstallments(), o -> o.origin = new OfferOrigin(
                        OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, AGREEMENT, "resaleauthz-abcdefghijklm",
                        new java.math.BigDecimal("5"))), "Markup_Percentage__c", "AWS refuses a markup beside them"),
                arguments("a channel partner's own installments granting no units", Offers.with(
                        channelPartnerAgreementBasedInInstallments(), o -> o.dimensions = List.of(new OfferDimension(
                        "Users", new java.math.BigDecimal("120"), "Upfront", null))),
                        "MP_Offer_Dimension__c Users.Quantity__c", "how many units of Users the buyer gets"),
                arguments("a channel partner's own installments disagreeing with its rates", Offers.with(
                        channelPartnerAgreementBasedInInstallments(), o -> o.schedule = List.of(
                        Offers.charge("2026-04-15", "600"))), "MP_Payment_Installment__c",
                        "The installments total 600.00 USD but the rates come to 1,200.00 USD"),
                arguments("an installment on the agreement end date", Offers.with(agreementBased(), o -> {
                    o.installmentsEnabled = true;
                    o.schedule.add(Offers.charge(TODAY.plusMonths(16).toString(), "500.00"));
                }), "MP_Payment_Installment__c " + TODAY.plusMonths(16), "is not before the agreement ends ("
                        + TODAY.plusMonths(16) + ")"));
    }

    @ParameterizedTest(name = "an agreement-based offer with {0} is refused on {2}")
    @MethodSource("brokenAgreementBasedOffers")
    void anAgreementBasedOfferAwsWouldRefuseIsExplainedOnItsField(String story, PrivateOffer offer, String field,
            String message) {
        List<FieldProblem> problems = Offers.validator().problems(offer, Offers.productOf(offer), TODAY, true);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
    }
}
