package io.mpcrm.connector.channeloffer;

import io.mpcrm.connector.agreementoffer.AgreementBasedOffers;
import io.mpcrm.connector.offer.OfferChangeSetBuilder;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.Offers;
import io.mpcrm.connector.offer.PrivateOffer;

import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.markedUpContract;
import static io.mpcrm.connector.channeloffer.ChannelPartnerOffers.markedUpInstallments;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The change set of a channel partner offer: the authorization's terms stay, the partner's part is sent. */
class ChannelPartnerOfferChangeSetTest {

    private static final String NEW_OFFER = "$CreateOfferUsingResaleAuthorization.Entity.Identifier";
    private final OfferChangeSetBuilder builder = Offers.changeSetBuilder();

    @Test
    void aMarkedUpOfferKeepsTheIsvPricingAndLegalTermsAndSendsItsMarkup() {
        ArrayNode changes = builder.create(markedUpContract(), new OfferProduct(null, null, List.of()), true);

        assertThat(types(changes)).containsExactly("CreateOfferUsingResaleAuthorization", "UpdateInformation",
                "UpdateTargeting", "UpdateAvailability", "UpdateValidityTerms", "UpdateMarkup", "ReleaseOffer");
        assertThat(changes.get(0).path("DetailsDocument").toString())
                .isEqualTo("{\"ResaleAuthorizationId\":\"" + ChannelPartnerOffers.RA_ID + "\"}");
        assertThat(change(changes, "UpdateMarkup").path("DetailsDocument").toString())
                .isEqualTo("{\"Percentage\":\"10\"}");
        assertThat(change(changes, "UpdateValidityTerms").path("DetailsDocument").toString())
                .contains("\"AgreementDuration\":\"P12M\"");
        assertThat(changes).allSatisfy(c -> {
            if (!c.path("ChangeType").asText().startsWith("Create")) {
                assertThat(c.path("Entity").path("Identifier").asText()).isEqualTo(NEW_OFFER);
            }
        });
    }

    @Test
    void thePartnersOwnEulaReplacesTheIsvBuyerTerms() {
        PrivateOffer ownEula = Offers.with(markedUpContract(), o -> {
            o.eulaType = "CustomEula";
            o.customEulaAttached = true;
            o.eulaUrl = Offers.EULA_URL;
        });

        ArrayNode changes = builder.create(ownEula, new OfferProduct(null, null, List.of()), true);

        assertThat(change(changes, "UpdateLegalTerms").path("DetailsDocument").toString())
                .isEqualTo("{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":\"CustomEula\",\"Url\":\""
                        + Offers.EULA_URL + "\"}]}]}");
    }

    @Test
    void withAMarkupTheIsvInstallmentsAreInheritedNotSent() {
        ArrayNode changes = builder.create(markedUpInstallments(), new OfferProduct(null, null, List.of()), true);

        assertThat(types(changes)).doesNotContain("UpdatePaymentScheduleTerms", "UpdatePricingTerms");
    }

    @Test
    void aReplacementInItsOwnInstallmentsGrantsTheUnitsForNothingBesideItsScheduleAsAwsExampleDoes() throws Exception {
        ArrayNode changes = builder.create(AgreementBasedOffers.channelPartnerAgreementBasedInInstallments(),
                Offers.SAAS, true);

        assertThat(types(changes)).as("no markup on terms the authorization does not have").containsExactly(
                "CreateReplacementOfferUsingResaleAuthorization", "UpdateInformation", "UpdatePricingTerms",
                "UpdateAvailability", "UpdateValidityTerms", "UpdatePaymentScheduleTerms", "ReleaseOffer");
        assertThat(change(changes, "UpdatePricingTerms").path("DetailsDocument")).isEqualTo(new ObjectMapper()
                .readTree("""
                        {"PricingModel":"Contract","Terms":[{"Type":"FixedUpfrontPricingTerm","CurrencyCode":"USD",
                          "Price":"0","Duration":"P12M","Grants":[{"DimensionKey":"Users","MaxQuantity":10}]}]}
                        """));
        assertThat(change(changes, "UpdatePaymentScheduleTerms").at("/DetailsDocument/Terms/0/Schedule").toString())
                .isEqualTo("[{\"ChargeDate\":\"2026-04-15\",\"ChargeAmount\":\"600\"},"
                        + "{\"ChargeDate\":\"2026-10-15\",\"ChargeAmount\":\"600\"}]");
    }

    @Test
    void aReplacementWithoutInstallmentsSellsTheAuthorizationsPricesAndSendsNoPricingOfItsOwn() {
        ArrayNode changes = builder.create(AgreementBasedOffers.channelPartnerAgreementBased(),
                Offers.SAAS, true);

        assertThat(types(changes)).doesNotContain("UpdatePricingTerms", "UpdatePaymentScheduleTerms")
                .contains("UpdateMarkup");
    }

    private static List<String> types(ArrayNode changes) {
        return StreamSupport.stream(changes.spliterator(), false).map(c -> c.path("ChangeType").asText()).toList();
    }

    private static JsonNode change(ArrayNode changes, String type) {
        return StreamSupport.stream(changes.spliterator(), false)
                .filter(c -> type.equals(c.path("ChangeType").asText())).findFirst().orElseThrow();
    }
}
