package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Importing a released offer and creating it again sends AWS the same change set. */
class OfferDetailsTest {

    private static final String OFFER_ID = "offer-mna63wfm5rhps";

    private final OfferChangeSetBuilder builder = Offers.changeSetBuilder();

    static Stream<Arguments> variants() {
        return OfferValidatorTest.validOffers();
    }

    @ParameterizedTest(name = "an imported {0} offer builds the change set it was created with")
    @MethodSource("variants")
    void anImportedOfferBuildsTheChangeSetItWasCreatedWith(String variant, Supplier<PrivateOffer> seller) {
        PrivateOffer offer = seller.get();
        OfferProduct product = Offers.productOf(offer);
        ArrayNode created = builder.create(offer, product, true);

        PrivateOffer imported = OfferDetails.fromDescribeEntity(OFFER_ID,
                DescribedOffer.afterApplying(OFFER_ID, created), "a0B000000000009", product.productType());

        assertThat(imported.offerId()).isEqualTo(OFFER_ID);
        assertThat(imported.recordId()).isEqualTo("a0B000000000009");
        assertThat(builder.create(imported, product, true)).isEqualTo(created);
        assertThat(Offers.validator().problems(imported, product, Offers.TODAY, true)).isEmpty();
    }

    @Test
    void anImportedSaasContractReadsBackAsTheSellerEnteredIt() {
        ObjectNode described = DescribedOffer.afterApplying(OFFER_ID,
                builder.create(Offers.saasContractWithConsumption(), Offers.SAAS, true));

        PrivateOffer imported = OfferDetails.fromDescribeEntity(OFFER_ID, described, null);

        assertThat(described.path("State").asText()).isEqualTo("Released");
        assertThat(imported.name()).isEqualTo("Acme Analytics for Example Corp");
        assertThat(imported.buyerAccounts()).containsExactly("111111111111", "222222222222");
        assertThat(imported.pricingModel()).isEqualTo("Contract");
        assertThat(imported.serviceLength()).isEqualTo("P12M");
        assertThat(imported.expirationDate()).isEqualTo(Offers.EXPIRES);
        assertThat(imported.eulaType()).isEqualTo("StandardEula");
        assertThat(imported.dimensions()).extracting(OfferDimension::key, OfferDimension::rateKind)
                .containsExactly(tuple("Users", "Upfront"),
                        tuple("Admins", "Upfront"),
                        tuple("ApiCalls", "Usage"));
    }

    @Test
    void withoutTheProductTypeAnHourlyAndAnnualOfferIsStillReadAsUsage() {
        ObjectNode described = DescribedOffer.afterApplying(OFFER_ID,
                builder.create(Offers.amiHourlyAndAnnual(), Offers.AMI, true));

        assertThat(OfferDetails.fromDescribeEntity(OFFER_ID, described, null).pricingModel()).isEqualTo("Usage");
    }

    @Test
    void installmentsComeBackWithTheirDatesAndAmounts() {
        ObjectNode described = DescribedOffer.afterApplying(OFFER_ID,
                builder.create(Offers.saasContractWithInstallments(), Offers.SAAS, true));

        PrivateOffer imported = OfferDetails.fromDescribeEntity(OFFER_ID, described, null);

        assertThat(imported.installmentsEnabled()).isTrue();
        assertThat(imported.schedule()).first().isEqualTo(Offers.charge("2026-03-10", "3000"));
        assertThat(imported.dimensions()).singleElement()
                .isEqualTo(new OfferDimension("Users", null, "Upfront", 10));
    }
}
