package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import static io.mpcrm.connector.offer.Offers.EXPIRES;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mpcrm.connector.request.FieldProblem;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What stops an agreement-based offer before any AWS call: an agreement that cannot be replaced (checked when the
 * seller presses the button on it), and an offer the seller edited into one AWS would refuse.
 */
class AgreementBasedOfferValidationTest {

    static final String SELLER = "a00000000000001AAA";
    static final String OTHER_SELLER = "a00000000000002AAA";
    static final String AGREEMENT = "agmt-1111111111111111111111111";

    /** An active SaaS contract of the seller, ending in ten months. */
    static ReplaceableAgreement replaceable() {
        return new ReplaceableAgreement("a04000000000001AAA", AGREEMENT, SELLER, "ACTIVE", "Contract",
                "210987654321", TODAY.plusMonths(10), "USD", "a02000000000001AAA", "SaaS", "offer-abcdefghijklm",
                null, false, null, "ISV", null);
    }

    static ReplaceableAgreement with(UnaryOperator<Agreement> change) {
        return change.apply(new Agreement(replaceable())).build();
    }

    /** The same agreement with some fields changed, as the sync could have brought it in. */
    record Agreement(ReplaceableAgreement a) {
        Agreement status(String status) {
            return new Agreement(new ReplaceableAgreement(a.recordId(), a.agreementId(), a.sellerAccountRecordId(),
                    status, a.pricingModel(), a.acceptorAccountId(), a.endDate(), a.currency(), a.productRecordId(),
                    a.productType(), a.offerId(), a.offerRecordId(), a.offerFromResale(),
                    a.resaleAuthorizationRecord(), a.sellerRole(), a.terms()));
        }

        Agreement pricing(String model, LocalDate end) {
            return new Agreement(new ReplaceableAgreement(a.recordId(), a.agreementId(), a.sellerAccountRecordId(),
                    a.status(), model, a.acceptorAccountId(), end, a.currency(), a.productRecordId(),
                    a.productType(), a.offerId(), a.offerRecordId(), a.offerFromResale(),
                    a.resaleAuthorizationRecord(), a.sellerRole(), a.terms()));
        }

        Agreement product(String record, String type) {
            return new Agreement(new ReplaceableAgreement(a.recordId(), a.agreementId(), a.sellerAccountRecordId(),
                    a.status(), a.pricingModel(), a.acceptorAccountId(), a.endDate(), a.currency(), record, type,
                    a.offerId(), a.offerRecordId(), a.offerFromResale(), a.resaleAuthorizationRecord(),
                    a.sellerRole(), a.terms()));
        }

        Agreement acceptor(String account) {
            return new Agreement(new ReplaceableAgreement(a.recordId(), a.agreementId(), a.sellerAccountRecordId(),
                    a.status(), a.pricingModel(), account, a.endDate(), a.currency(), a.productRecordId(),
                    a.productType(), a.offerId(), a.offerRecordId(), a.offerFromResale(),
                    a.resaleAuthorizationRecord(), a.sellerRole(), a.terms()));
        }

        Agreement fromChannelPartnerOffer(String offerRecord, String resaleAuthorization) {
            return new Agreement(new ReplaceableAgreement(a.recordId(), a.agreementId(), a.sellerAccountRecordId(),
                    a.status(), a.pricingModel(), a.acceptorAccountId(), a.endDate(), a.currency(),
                    a.productRecordId(), a.productType(), a.offerId(), offerRecord, true, resaleAuthorization,
                    "Channel Partner", a.terms()));
        }

        Agreement ofChannelPartnerWithoutItsOffer() {
            return new Agreement(new ReplaceableAgreement(a.recordId(), a.agreementId(), a.sellerAccountRecordId(),
                    a.status(), a.pricingModel(), a.acceptorAccountId(), a.endDate(), a.currency(),
                    a.productRecordId(), a.productType(), a.offerId(), null, false, null, "Channel Partner",
                    a.terms()));
        }

        ReplaceableAgreement build() {
            return a;
        }
    }

    @Test
    void anActiveSaasContractOfTheSellerCanBeReplaced() {
        assertThat(replaceable().problems(SELLER, TODAY)).isEmpty();
        assertThat(replaceable().replacedBy()).isEqualTo(OfferOrigin.Type.AGREEMENT_BASED);
    }

    @Test
    void aChannelPartnersAgreementIsReplacedWithTheResaleAuthorizationOfItsOffer() {
        ReplaceableAgreement cppo = with(a -> a.fromChannelPartnerOffer("a03000000000009AAA", "a05000000000001AAA"));

        assertThat(cppo.problems(SELLER, TODAY)).isEmpty();
        assertThat(cppo.replacedBy()).isEqualTo(OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED);
    }

    static Stream<Arguments> agreementsThatCannotBeReplaced() {
        return Stream.of(
                arguments("another seller account's agreement", replaceable(), OTHER_SELLER, "Seller_Account__c",
                        "Agreement " + AGREEMENT + " belongs to another seller account than the request's"),
                arguments("an expired agreement", with(a -> a.status("EXPIRED")), SELLER, "Status__c",
                        "Agreement " + AGREEMENT + " is EXPIRED: only an active agreement can be replaced"),
                arguments("an agreement the buyer cancelled", with(a -> a.status("CANCELLED")), SELLER, "Status__c",
                        "is CANCELLED: only an active agreement can be replaced"),
                arguments("an agreement already replaced", with(a -> a.status("REPLACED")), SELLER, "Status__c",
                        "is REPLACED"),
                arguments("a pay-as-you-go agreement", with(a -> a.pricing("Usage", null)), SELLER,
                        "Pricing_Model__c", "is priced by Usage: AWS replaces contract agreements only"),
                arguments("a bring-your-own-license agreement", with(a -> a.pricing("Byol", null)), SELLER,
                        "Pricing_Model__c", "is priced by Byol"),
                arguments("a contract that already ended", with(a -> a.pricing("Contract", TODAY.minusDays(1))),
                        SELLER, "End_Time__c", "ended on " + TODAY.minusDays(1)),
                arguments("an AMI agreement", with(a -> a.product("a02000000000002AAA", "AMI")), SELLER,
                        "Product__c", "is for a AMI product: agreement-based offers are available for SaaS"),
                arguments("an agreement whose product is not synced", with(a -> a.product(null, null)), SELLER,
                        "Product__c", "refresh products, then refresh agreements"),
                arguments("an agreement without its buyer", with(a -> a.acceptor(null)), SELLER,
                        "Acceptor_Account_Id__c", "shows no buyer account"),
                arguments("a channel partner agreement whose offer is not in Salesforce",
                        with(Agreement::ofChannelPartnerWithoutItsOffer), SELLER, "Private_Offer__c",
                        "comes from a channel partner offer (offer-abcdefghijklm), which AWS replaces only together"
                                + " with the resale authorization"),
                arguments("a channel partner offer without its shared resale authorization",
                        with(a -> a.fromChannelPartnerOffer("a03000000000009AAA", null)), SELLER,
                        "Private_Offer__c", "Link the agreement's offer record to its shared resale authorization"));
    }

    @ParameterizedTest(name = "{0} is refused on {3}")
    @MethodSource("agreementsThatCannotBeReplaced")
    void anAgreementThatCannotBeReplacedIsExplainedOnItsField(String story, ReplaceableAgreement agreement,
            String requestSeller, String field, String message) {
        List<FieldProblem> problems = agreement.problems(requestSeller, TODAY);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
    }

    // -------------------------------------------------------------------------------- the prefilled offer

    /** The offer prefilled from that agreement: Contract, its buyer, its end date, no start date. */
    static PrivateOffer agreementBased() {
        return Offers.with(Offers.saasContract(), o -> {
            o.origin = new OfferOrigin(OfferOrigin.Type.AGREEMENT_BASED, AGREEMENT, null, null);
            o.buyerAccounts = new java.util.ArrayList<>(List.of("210987654321"));
            o.serviceEnd = TODAY.plusMonths(16);
        });
    }

    static PrivateOffer channelPartnerAgreementBased() {
        return Offers.with(agreementBased(), o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED, AGREEMENT, "resaleauthz-abcdefghijklm", null));
    }

    /** The channel partner's replacement paid in installments of its own: 10 users at 120 (1,200) in two. */
    static PrivateOffer channelPartnerAgreementBasedInInstallments() {
        return Offers.with(channelPartnerAgreementBased(), o -> {
            o.installmentsEnabled = true;
            o.dimensions = new java.util.ArrayList<>(List.of(new OfferDimension("Users", new java.math.BigDecimal("120"),
                    "Upfront", 10)));
            o.schedule = new java.util.ArrayList<>(List.of(Offers.charge("2026-04-15", "600"),
                    Offers.charge("2026-10-15", "600")));
        });
    }

    @Test
    void aChannelPartnersReplacementInItsOwnInstallmentsFitsItsAuthorization() {
        assertThat(new OfferValidator().problems(channelPartnerAgreementBasedInInstallments(), Offers.SAAS,
                Offers.SELLER, ChannelPartnerOffers.contractAuthorization(), TODAY, true)).isEmpty();
    }

    @Test
    void aChannelPartnersReplacementGrantsItsUnitsForTheAuthorizationsDurationInItsCurrency() {
        PrivateOffer longer = Offers.with(channelPartnerAgreementBasedInInstallments(), o -> {
            o.serviceLength = "P24M";
            o.currency = "EUR";
        });

        assertThat(new OfferValidator().problems(longer, Offers.SAAS, Offers.SELLER,
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

        assertThat(new OfferValidator().problems(channelPartnerAgreementBasedInInstallments(), Offers.SAAS,
                Offers.SELLER, inInstallments, TODAY, true)).isEmpty();
        assertThat(new OfferValidator().problems(moved, Offers.SAAS, Offers.SELLER, inInstallments, TODAY, true))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("MP_Payment_Installment__c 2026-04-20",
                        "Installments_Enabled__c");
    }

    @Test
    void aPrefilledAgreementBasedOfferHasNothingToFix() {
        assertThat(new OfferValidator().problems(agreementBased(), Offers.SAAS, TODAY, true)).isEmpty();
        assertThat(new OfferValidator().problems(channelPartnerAgreementBased(), Offers.SAAS, TODAY, true)).isEmpty();
    }

    @Test
    void theBuyerOfAnAgreementBasedOfferMayBeLeftOutBecauseAwsTakesItFromTheAgreement() {
        PrivateOffer noBuyer = Offers.with(agreementBased(), o -> o.buyerAccounts.clear());

        assertThat(new OfferValidator().problems(noBuyer, Offers.SAAS, TODAY, true)).isEmpty();
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
        List<FieldProblem> problems = new OfferValidator().problems(offer, Offers.productOf(offer), TODAY, true);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
    }
}
