package io.mpcrm.connector.offer;

import io.mpcrm.connector.agreementoffer.AgreementBasedOffers;
import io.mpcrm.connector.channeloffer.ChannelPartnerOffers;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import static io.mpcrm.connector.offer.Offers.SAAS;
import static io.mpcrm.connector.offer.Offers.SELLER;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static io.mpcrm.connector.offer.Offers.charge;
import static io.mpcrm.connector.offer.Offers.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.request.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What Salesforce already says AWS will refuse is refused before anything is sent, on the field to correct, with the
 * reason: the expiration's limits (the same for Create Offer and for Modify Expiration's new date), durations, the
 * number of dimensions, an Unavailable product, Zero Dollar Pricing beside a schedule that charges, and "today", which
 * is a day in UTC.
 */
class OfferLimitsTest {

    private final OfferValidator validator = Offers.validator();

    // ------------------------------------------------------------------------------------------------ expiration

    @Test
    void anExpirationOnOrAfterTheSecondInstallmentIsRefusedNamingTheInstallmentsAndTheLatestDayThatWorks() {
        // Installments on 2026-03-10, 06-10, 09-10 and 12-10: expiring on 06-10 leaves two on or before it.
        PrivateOffer offer = Offers.saasContractWithInstallments();

        assertThat(validator.expirationLimits(offer, LocalDate.parse("2026-06-10"), null, "expirationDate"))
                .containsExactly(new FieldProblem("expirationDate", "The expiration date 2026-06-10 is on or after 2"
                        + " installments (2026-03-10, 2026-06-10), and AWS charges at most one installment on or"
                        + " before the day the offer expires: choose a date before 2026-06-10, or move the"
                        + " installments later."));
        assertThat(validator.expirationLimits(offer, LocalDate.parse("2026-06-09"), null, "expirationDate"))
                .as("one installment before the offer expires is allowed").isEmpty();
    }

    @Test
    void createOfferRefusesTheSameExpirationOnTheOffersExpirationDate() {
        PrivateOffer offer = with(Offers.saasContractWithInstallments(),
                o -> o.expirationDate = LocalDate.parse("2026-09-10"));

        assertThat(validator.problems(offer, SAAS, SELLER, TODAY, true)).extracting(FieldProblem::field,
                        FieldProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple("Expiration_Date__c", "The expiration date 2026-09-10 is"
                        + " on or after 3 installments (2026-03-10, 2026-06-10, 2026-09-10), and AWS charges at most"
                        + " one installment on or before the day the offer expires: choose a date before 2026-06-10,"
                        + " or move the installments later."));
    }

    @Test
    void anExpirationNotBeforeAFutureStartIsRefused() {
        PrivateOffer future = Offers.futureDatedSaas(); // starts 2026-06-01

        assertThat(validator.expirationLimits(future, LocalDate.parse("2026-06-01"), null, "expirationDate"))
                .extracting(FieldProblem::message).singleElement().asString()
                .isEqualTo("The expiration date 2026-06-01 is not before the agreement's future start date"
                        + " 2026-06-01 (Service_Start_Date__c), and AWS starts a future dated agreement only after the"
                        + " offer expires: choose a date before 2026-06-01.");
        assertThat(validator.expirationLimits(future, LocalDate.parse("2026-05-31"), null, "expirationDate"))
                .isEmpty();
    }

    @Test
    void anAgreementBasedOfferExpiringOnOrAfterTheAgreementEndItGivesIsRefused() {
        PrivateOffer replacement = AgreementBasedOffers.agreementBased();
        LocalDate end = replacement.agreementEndDate();

        assertThat(validator.expirationLimits(replacement, end, null, "expirationDate"))
                .extracting(FieldProblem::message).singleElement().asString()
                .isEqualTo("The expiration date " + end + " is not before the end date " + end + " this offer gives"
                        + " the agreement it replaces (Service_End_Date__c): choose a date before " + end + ".");
        assertThat(validator.expirationLimits(replacement, end.minusDays(1), null, "expirationDate")).isEmpty();
    }

    @Test
    void aChannelPartnerOfferExpiringAfterItsResaleAuthorizationIsRefusedForBothKindsOfChannelPartnerOffer() {
        SharedResaleAuthorization ra = ChannelPartnerOffers.contractAuthorization(); // expires 2026-06-30
        String expected = "The expiration date 2026-07-01 is after the resale authorization Acme Analytics for"
                + " partners (resaleauthz-acmepartner01) expires, on 2026-06-30, and a channel partner offer must"
                + " expire on or before its authorization: choose 2026-06-30 or an earlier date (if the ISV extended"
                + " the authorization, refresh shared resale authorizations first).";

        assertThat(validator.expirationLimits(ChannelPartnerOffers.markedUpContract(), LocalDate.parse("2026-07-01"),
                ra, "expirationDate")).extracting(FieldProblem::message).containsExactly(expected);
        PrivateOffer replacementLate = with(AgreementBasedOffers.channelPartnerAgreementBased(),
                o -> o.expirationDate = LocalDate.parse("2026-07-01"));
        assertThat(validator.problems(replacementLate, SAAS, SELLER, ra, TODAY, true))
                .as("Create Offer on a channel partner's agreement-based offer")
                .contains(new FieldProblem("Expiration_Date__c", expected));
        assertThat(validator.expirationLimits(ChannelPartnerOffers.markedUpContract(), ra.expiration(), ra,
                "expirationDate")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ today

    @Test
    void aDateThatHasPassedSaysWhichDayTodayIsInUtc() {
        PrivateOffer late = with(Offers.saasContractWithInstallments(), o -> {
            o.expirationDate = TODAY.minusDays(1);
            o.schedule.set(0, charge("2026-03-01", "3000"));
        });

        assertThat(validator.problems(late, SAAS, SELLER, TODAY, true)).extracting(FieldProblem::message)
                .contains("The expiration date 2026-03-01 has passed (today in UTC, 2026-03-02); choose today or a"
                                + " later date.",
                        "The installment of 2026-03-01 is in the past (today in UTC, 2026-03-02); move it to today or"
                                + " later.");
    }

    // ------------------------------------------------------------------------------------------------ durations

    @Test
    void aServiceLengthOfMoreThanFourDigitsIsRefusedBeforeAwsAndFourDigitsStillPass() {
        assertThat(validator.problems(with(Offers.saasContract(), o -> o.serviceLength = "P99999Y"), SAAS, SELLER,
                TODAY, true)).containsExactly(new FieldProblem("Service_Length__c", "Service length P99999Y is longer"
                + " than AWS accepts (at most 9999 years); enter a shorter length, e.g. P12M."));
        assertThat(validator.problems(with(Offers.saasContract(), o -> o.serviceLength = "P9999D"), SAAS, SELLER,
                TODAY, true)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ dimensions

    @Test
    void moreThan200ContractDimensionsAreOneProblemThatCountsThem() {
        OfferProduct wide = product(201, "Entitled");
        PrivateOffer offer = with(Offers.saasContract(), o -> o.dimensions = rates(201, "Upfront"));

        assertThat(validator.problems(offer, wide, SELLER, TODAY, true)).containsExactly(new FieldProblem(
                "MP_Offer_Dimension__c", "The offer prices 201 contract (Entitled) dimensions; AWS takes at most 200"
                        + " in one offer: remove 1 of them."));
        assertThat(validator.problems(with(offer, o -> o.dimensions = rates(200, "Upfront")), wide, SELLER, TODAY,
                true)).isEmpty();
    }

    @Test
    void moreThan200UsageDimensionsAreRefusedToo() {
        OfferProduct wide = product(201, "ExternallyMetered");
        PrivateOffer offer = with(Offers.saasUsage(), o -> o.dimensions = rates(201, "Usage"));

        assertThat(validator.problems(offer, wide, SELLER, TODAY, true)).containsExactly(new FieldProblem(
                "MP_Offer_Dimension__c", "The offer prices 201 usage (ExternallyMetered) dimensions; AWS takes at most"
                        + " 200 in one offer: remove 1 of them."));
    }

    @Test
    void aDimensionTheProductLacksNamesTheFirstTenChoicesAndCountsTheRest() {
        OfferProduct wide = product(200, "Entitled");
        PrivateOffer offer = with(Offers.saasContract(), o -> o.dimensions = new ArrayList<>(List.of(
                Offers.upfront("Gold", "5"))));

        assertThat(validator.problems(offer, wide, SELLER, TODAY, true)).extracting(FieldProblem::message)
                .containsExactly("Product prod-saasacme00001 has no dimension Gold; refresh products or choose one of:"
                        + " d1, d2, d3, d4, d5, d6, d7, d8, d9, d10 and 190 more.");
    }

    // ------------------------------------------------------------------------------------------------ product

    @Test
    void aProductRefreshProductsMarkedUnavailableIsRefused() {
        OfferProduct gone = new OfferProduct(SAAS.productId(), "SaaS", SAAS.dimensions(), SELLER, "Unavailable");

        assertThat(validator.problems(Offers.saasContract(), gone, SELLER, TODAY, true)).containsExactly(
                new FieldProblem("Product__c", "Product prod-saasacme00001 is Unavailable: the last Refresh Products"
                        + " no longer found it in the seller account, so AWS would not take an offer on it. Choose"
                        + " another product, or press Refresh Products if it is back."));
        assertThat(validator.problems(Offers.saasContract(), new OfferProduct(SAAS.productId(), "SaaS",
                SAAS.dimensions(), SELLER, "Limited"), SELLER, TODAY, true)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ zero dollar

    @Test
    void zeroDollarPricingBesideInstallmentsThatChargeIsRefused() {
        PrivateOffer charged = with(Offers.saasContractWithInstallments(), o -> {
            o.zeroDollar = true;
            o.schedule = new ArrayList<>(List.of(charge("2026-04-01", "500"), charge("2026-10-01", "500")));
        });

        assertThat(validator.problems(charged, SAAS, SELLER, TODAY, true)).containsExactly(new FieldProblem(
                "Zero_Dollar_Pricing__c", "Zero Dollar Pricing offers every dimension at 0, but the 2 installments"
                        + " charge the buyer 1,000.00 USD: untick Zero Dollar Pricing to charge them, or delete the"
                        + " installments and untick Installments Enabled to offer it for 0."));
    }

    private static OfferProduct product(int dimensions, String type) {
        return new OfferProduct(SAAS.productId(), "SaaS", IntStream.rangeClosed(1, dimensions)
                .mapToObj(i -> new ProductDimension("d" + i, Set.of(type))).toList(), SELLER);
    }

    private static List<OfferDimension> rates(int count, String kind) {
        return new ArrayList<>(IntStream.rangeClosed(1, count).mapToObj(i -> new OfferDimension("d" + i,
                "Usage".equals(kind) ? new BigDecimal("0.01") : BigDecimal.TEN, kind, null)).toList());
    }
}
