package io.mpcrm.connector.channeloffer;

import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferValidator;
import io.mpcrm.connector.offer.Offers;
import io.mpcrm.connector.offer.PrivateOffer;

import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.contractAuthorization;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.installmentAuthorization;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.markedUpContract;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.markedUpInstallments;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.ownInstallments;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static io.mpcrm.connector.offer.Offers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mpcrm.connector.request.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A channel partner completes an offer on a shared resale authorization and is told what does not fit it. */
class ChannelPartnerOfferValidatorTest {

    private final OfferValidator validator = Offers.validator();

    @Test
    void aMarkedUpOfferWithinItsAuthorizationHasNothingToFix() {
        assertThat(validator.channelPartnerProblems(markedUpContract(), contractAuthorization(), true, TODAY, true))
                .isEmpty();
        assertThat(validator.channelPartnerProblems(markedUpInstallments(), installmentAuthorization(), true, TODAY,
                true)).as("the ISV's installments, marked up").isEmpty();
    }

    static Stream<Arguments> offersThatDoNotFit() {
        SharedResaleAuthorization ra = contractAuthorization();
        return Stream.of(
                arguments("an expired authorization", markedUpContract(), ChannelPartnerOffers.with(ra, "Active",
                        TODAY.minusDays(1), false, 0, "Not Started", List.of(), null), true,
                        "Shared_Resale_Authorization__c", "expired on 2026-03-01"),
                arguments("a restricted authorization", markedUpContract(), ChannelPartnerOffers.with(ra,
                        "Restricted", ra.expiration(), false, 0, "Not Started", List.of(), null), true,
                        "Shared_Resale_Authorization__c", "is Restricted, not Active"),
                arguments("a one-time authorization already used", markedUpContract(), ChannelPartnerOffers.with(ra,
                        "Active", ra.expiration(), true, 1, "Completed-Used", List.of(), null), true,
                        "Shared_Resale_Authorization__c", "already has its offer (Completed-Used)"),
                arguments("a buyer the authorization does not name", markedUpContract(),
                        ChannelPartnerOffers.with(ra, "Active", ra.expiration(), false, 0, "Not Started",
                                List.of("111111111111"), null), true,
                        "Buyer_Accounts__c", "Buyer account 222222222222 is not one the resale authorization allows"),
                arguments("26 buyers", with(markedUpContract(), o -> o.buyerAccounts = IntStream.range(0, 26)
                        .mapToObj(i -> String.format("%012d", 100000000000L + i)).toList()), ra, true,
                        "Buyer_Accounts__c", "at most 25 buyer accounts; 26 are listed"),
                arguments("no markup", with(markedUpContract(), o -> o.origin = new OfferOrigin(
                        OfferOrigin.Type.CHANNEL_PARTNER, null, ChannelPartnerOffers.RA_ID, null)), ra, true,
                        "Markup_Percentage__c", "Enter your markup"),
                arguments("a negative markup", with(markedUpContract(), o -> o.origin = new OfferOrigin(
                        OfferOrigin.Type.CHANNEL_PARTNER, null, ChannelPartnerOffers.RA_ID, new BigDecimal("-5"))),
                        ra, true, "Markup_Percentage__c", "-5% is negative"),
                arguments("the reseller contract not accepted", markedUpContract(), ra, false,
                        "Reseller_Contract_Accepted__c", "Tick Reseller Contract Accepted"),
                arguments("own installment amounts with a markup", with(markedUpInstallments(),
                        o -> o.schedule = List.of(Offers.charge("2026-04-15", "700.00"),
                                Offers.charge("2026-10-15", "700.00"))), installmentAuthorization(), true,
                        "Installments_Enabled__c", "cannot be combined with it"),
                arguments("own installments in the past, without a markup", with(markedUpInstallments(), o -> {
                    o.origin = new OfferOrigin(OfferOrigin.Type.CHANNEL_PARTNER, null, ChannelPartnerOffers.RA_ID,
                            BigDecimal.ZERO);
                    o.schedule = List.of(Offers.charge("2026-03-01", "600.00"), Offers.charge("2026-10-15", "600.00"));
                }), installmentAuthorization(), true, "MP_Payment_Installment__c 2026-03-01", "in the past"),
                arguments("own installments on other dates than the ISV's", ownInstallments(
                        Offers.charge("2026-05-15", "600.00"), Offers.charge("2026-10-15", "600.00")),
                        installmentAuthorization(), true, "MP_Payment_Installment__c 2026-05-15", "is not on one of"
                        + " the resale authorization's charge dates (2026-04-15, 2026-10-15): AWS keeps the ISV's"
                        + " dates"),
                arguments("own installments leaving out a date of the ISV's", ownInstallments(
                        Offers.charge("2026-10-15", "1200.00")), installmentAuthorization(), true,
                        "Installments_Enabled__c", "The resale authorization charges 600.00 on 2026-04-15 and AWS"
                        + " keeps its dates: add an installment on 2026-04-15"),
                arguments("an own installment below the ISV's", ownInstallments(
                        Offers.charge("2026-04-15", "550.00"), Offers.charge("2026-10-15", "650.00")),
                        installmentAuthorization(), true, "MP_Payment_Installment__c 2026-04-15", "is 550.00, less than"
                        + " the resale authorization's 600.00 on that date"),
                arguments("installments the authorization does not have", with(markedUpContract(), o -> {
                    o.installmentsEnabled = true;
                    o.schedule = List.of(Offers.charge("2026-04-15", "600.00"));
                }), ra, true, "Installments_Enabled__c", "has no payment schedule"),
                arguments("a service length other than the authorization's", with(markedUpContract(),
                        o -> o.serviceLength = "P24M"), ra, true, "Service_Length__c", "set Service Length to P12M"),
                arguments("an offer outliving its authorization", with(markedUpContract(),
                        o -> o.expirationDate = LocalDate.parse("2026-07-15")), ra, true,
                        "Expiration_Date__c", "must expire on or before its authorization: choose 2026-06-30"),
                arguments("a future start the authorization does not allow", with(markedUpContract(), o -> {
                    o.serviceLength = null;
                    o.serviceStart = LocalDate.parse("2026-05-01");
                    o.serviceEnd = LocalDate.parse("2027-04-30");
                }), ra, true, "Service_Start_Date__c", "does not allow future dated agreements"),
                arguments("a future start after the latest allowed", with(markedUpContract(), o -> {
                    o.serviceLength = null;
                    o.serviceStart = LocalDate.parse("2026-05-01");
                    o.serviceEnd = LocalDate.parse("2027-04-30");
                }), ChannelPartnerOffers.with(ra, "Active", ra.expiration(), false, 0, "Not Started", List.of(),
                        LocalDate.parse("2026-04-15")), true, "Service_Start_Date__c", "no later than 2026-04-15"),
                arguments("another currency than the authorization's", with(markedUpContract(),
                        o -> o.currency = "EUR"), ra, true, "Currency__c", "set the currency to USD"),
                arguments("an enterprise EULA", with(markedUpContract(), o -> o.eulaType = "EnterpriseEula"), ra,
                        true, "EULA_Type__c", "not one of StandardEula (keep the ISV's buyer terms)"));
    }

    @Test
    void withoutAMarkupThePartnerMayChargeMoreOnTheIsvsDatesOrKeepTheIsvsInstallments() {
        assertThat(validator.channelPartnerProblems(ownInstallments(Offers.charge("2026-04-15", "700.00"),
                Offers.charge("2026-10-15", "600.00")), installmentAuthorization(), true, TODAY, true)).isEmpty();
        assertThat(validator.channelPartnerProblems(with(markedUpInstallments(), o -> {
            o.installmentsEnabled = false;
            o.schedule = List.of();
        }), installmentAuthorization(), true, TODAY, true)).as("the ISV's installments, marked up").isEmpty();
    }

    @ParameterizedTest(name = "{0}: {4} says \"{5}\"")
    @MethodSource("offersThatDoNotFit")
    void thePartnerIsToldWhichFieldToFixAndHow(String story, PrivateOffer offer, SharedResaleAuthorization ra,
                                               boolean contractAccepted, String field, String fragment) {
        List<FieldProblem> problems = validator.channelPartnerProblems(offer, ra, contractAccepted, TODAY, true);

        assertThat(problems).as(story).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).contains(fragment);
        });
    }

    @Test
    void thePartnersOwnEulaNeedsItsFileAndABucket() {
        PrivateOffer ownEula = with(markedUpContract(), o -> o.eulaType = "CustomEula");

        assertThat(validator.channelPartnerProblems(ownEula, contractAuthorization(), true, TODAY, false))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("EULA_Document_Id__c", "EULA_Type__c");
    }
}
