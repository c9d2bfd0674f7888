package io.mpcrm.connector.agreementoffer;

import static io.mpcrm.connector.offer.Offers.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mpcrm.connector.offer.OfferOrigin;
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
 * What stops an agreement-based offer before any AWS call (1): an agreement that cannot be replaced, checked when the
 * seller presses the button on it. The offer the seller edited is checked in AgreementBasedOfferValidationTest.
 */
class ReplaceableAgreementTest {

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
}
