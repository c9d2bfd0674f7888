package io.mpcrm.connector.resale;

import static io.mpcrm.connector.resale.Authorizations.TODAY;
import static io.mpcrm.connector.resale.Authorizations.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one change set that creates a resale authorization, as AWS Marketplace receives it. */
class ResaleAuthorizationChangeSetBuilderTest {

    private final ResaleAuthorizationChangeSetBuilder builder = new ResaleAuthorizationChangeSetBuilder();

    @Test
    void aOneTimeContractForNamedBuyersIsCreatedUpdatedAndReleasedInOneChainedChangeSet() {
        ArrayNode changes = builder.create(with(d -> {
            d.usage = ResaleAuthorization.ONE_TIME;
            d.buyers = List.of("444455556666");
        }), true);

        assertThat(types(changes)).as("named once, by CreateResaleAuthorization").containsExactly(
                "CreateResaleAuthorization", "UpdateBuyerTargetingTerms", "UpdatePricingTerms", "UpdateLegalTerms",
                "UpdateAvailability", "ReleaseResaleAuthorization");
        assertThat(changes.get(0).path("DetailsDocument").toString()).isEqualTo("{\"ProductId\":\"prod-saas123456789\","
                + "\"Name\":\"Acme resale 2026\",\"ResellerAccountId\":\"555566667777\",\"Description\":\"Wholesale"
                + " terms for Acme Reseller\"}");
        for (JsonNode change : changes) {
            assertThat(change.path("Entity").path("Type").asText()).isEqualTo("ResaleAuthorization@1.0");
            if (!change.path("ChangeType").asText().startsWith("Create")) {
                assertThat(change.path("Entity").path("Identifier").asText())
                        .isEqualTo("$CreateResaleAuthorization.Entity.Identifier");
            }
        }
        JsonNode availability = change(changes, "UpdateAvailability");
        assertThat(availability.path("AvailabilityEndDate").asText()).isEqualTo(TODAY.plusDays(90).toString());
        assertThat(availability.path("OffersMaxQuantity").asInt()).isEqualTo(1);
        JsonNode card = change(changes, "UpdatePricingTerms").path("Terms").path(0);
        assertThat(card.path("Type").asText()).isEqualTo("ResaleConfigurableUpfrontPricingTerm");
        assertThat(card.path("RateCards").path(0).path("Selector").path("Value").asText()).isEqualTo("P12M");
        assertThat(card.path("RateCards").path(0).path("RateCard").toString())
                .contains("{\"DimensionKey\":\"Admins\",\"Price\":\"1200.5\"}");
        assertThat(change(changes, "UpdateLegalTerms").path("Terms").toString()).isEqualTo("[{\"Type\":\"BuyerLegalTerm\","
                + "\"Documents\":[{\"Type\":\"StandardEula\"}]},{\"Type\":\"ResaleLegalTerm\",\"Documents\":[{\"Type\":"
                + "\"StandardResellerContract\"}]}]");
    }

    @Test
    void savingADraftLeavesOutTheReleaseAndAMultiUseAuthorizationWithoutExpiryHasNoAvailabilityChange() {
        ArrayNode changes = builder.create(with(d -> d.expiration = null), false);

        assertThat(types(changes)).doesNotContain("ReleaseResaleAuthorization", "UpdateAvailability");
    }

    @Test
    void aPaymentScheduleGrantsFixedQuantitiesForZeroAndChargesTheInstallments() {
        ArrayNode changes = builder.create(with(Authorizations::paymentSchedule), true);

        JsonNode fixed = change(changes, "UpdatePricingTerms").path("Terms").path(0);
        assertThat(fixed.path("Type").asText()).isEqualTo("ResaleFixedUpfrontPricingTerm");
        assertThat(fixed.path("Price").asText()).isEqualTo("0.0");
        assertThat(fixed.path("Duration").asText()).isEqualTo("P12M");
        assertThat(fixed.path("Grants").toString()).isEqualTo("[{\"DimensionKey\":\"Users\",\"MaxQuantity\":20}]");
        JsonNode schedule = change(changes, "UpdatePaymentScheduleTerms").path("Terms").path(0);
        assertThat(schedule.path("Type").asText()).isEqualTo("ResalePaymentScheduleTerm");
        assertThat(schedule.path("Schedule").toString()).isEqualTo("[{\"ChargeDate\":\"" + TODAY.plusDays(10)
                + "\",\"ChargeAmount\":\"5000\"},{\"ChargeDate\":\"" + TODAY.plusDays(100)
                + "\",\"ChargeAmount\":\"5000\"}]");
    }

    @Test
    void aRenewalNamesTheBuyersExistingAgreementAndAFutureStartCeilingIsABuyerValidityTerm() {
        ArrayNode changes = builder.create(with(d -> {
            d.renewal = true;
            d.buyers = List.of("444455556666");
            d.renewalChannel = "AwsMarketplace";
            d.renewalPricing = "Contract";
            d.maximumAgreementStart = TODAY.plusMonths(6);
        }), true);

        assertThat(change(changes, "UpdateInformation").toString()).as("the name went with the Create change")
                .isEqualTo("{\"PreExistingBuyerAgreement\":{\"AcquisitionChannel\":\"AwsMarketplace\","
                        + "\"PricingModel\":\"Contract\"}}");
        assertThat(change(changes, "UpdateBuyerValidityTerms").path("Terms").path(0)
                .path("MaximumAgreementStartDate").asText()).isEqualTo(TODAY.plusMonths(6).toString());
    }

    @Test
    void creatingASavedDraftAimsEveryChangeAtTheDraftAndRestrictingIsOneChange() {
        ArrayNode changes = builder.onDraft(Authorizations.contract(), "resaleauthz-abc1234567890", true);

        assertThat(types(changes)).doesNotContain("CreateResaleAuthorization").contains("ReleaseResaleAuthorization");
        assertThat(change(changes, "UpdateInformation").toString()).as("a draft is named again")
                .isEqualTo("{\"Name\":\"Acme resale 2026\",\"Description\":\"Wholesale terms for Acme Reseller\"}");
        changes.forEach(c -> assertThat(c.path("Entity").path("Identifier").asText())
                .isEqualTo("resaleauthz-abc1234567890"));
        assertThat(builder.restrict("resaleauthz-abc1234567890").toString()).isEqualTo("[{\"ChangeType\":"
                + "\"RestrictResaleAuthorization\",\"ChangeName\":\"RestrictResaleAuthorization\",\"Entity\":{\"Type\":"
                + "\"ResaleAuthorization@1.0\",\"Identifier\":\"resaleauthz-abc1234567890\"},\"DetailsDocument\":{}}]");
    }

    private static List<String> types(ArrayNode changes) {
        List<String> types = new ArrayList<>();
        changes.forEach(c -> types.add(c.path("ChangeType").asText()));
        return types;
    }

    private static JsonNode change(ArrayNode changes, String type) {
        for (JsonNode c : changes) {
            if (type.equals(c.path("ChangeType").asText())) {
                return c.path("DetailsDocument");
            }
        }
        throw new AssertionError("no " + type + " in " + changes);
    }
}
