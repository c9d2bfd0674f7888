package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.Offers.AMI;
import static io.mpcrm.connector.offer.Offers.AMI_CONTRACT;
import static io.mpcrm.connector.offer.Offers.CONTAINER;
import static io.mpcrm.connector.offer.Offers.SAAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class OfferChangeSetBuilderTest {

    private static final String NEW_OFFER = "$CreateOffer.Entity.Identifier";
    private static final List<String> RELEASED_CONTRACT = List.of("CreateOffer", "UpdateInformation",
            "UpdateTargeting", "UpdatePricingTerms", "UpdateLegalTerms", "UpdateAvailability", "UpdateValidityTerms",
            "ReleaseOffer");

    private final OfferChangeSetBuilder builder = Offers.changeSetBuilder();

    @Test
    void aTwelveMonthSaasContractForTwoBuyersIsOneReleasedChangeSet() throws Exception {
        ArrayNode changeSet = builder.create(Offers.saasContract(), SAAS, true);

        assertThat(changeSet).isEqualTo(new ObjectMapper().readTree("""
                [ {"ChangeType":"CreateOffer","ChangeName":"CreateOffer","Entity":{"Type":"Offer@1.0"},
                   "DetailsDocument":{"ProductId":"prod-saasacme00001"}},
                  {"ChangeType":"UpdateInformation","ChangeName":"UpdateInformation",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{"Name":"Acme Analytics for Example Corp",
                     "Description":"Twelve months of Acme Analytics, 10 users and 2 admins"}},
                  {"ChangeType":"UpdateTargeting","ChangeName":"UpdateTargeting",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{"PositiveTargeting":{"BuyerAccounts":["111111111111","222222222222"]}}},
                  {"ChangeType":"UpdatePricingTerms","ChangeName":"UpdatePricingTerms",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{"PricingModel":"Contract","Terms":[
                     {"Type":"ConfigurableUpfrontPricingTerm","CurrencyCode":"USD","RateCards":[
                       {"Selector":{"Type":"Duration","Value":"P12M"},
                        "RateCard":[{"DimensionKey":"Users","Price":"120"},{"DimensionKey":"Admins","Price":"200"}],
                        "Constraints":{"MultipleDimensionSelection":"Allowed","QuantityConfiguration":"Allowed"}}]}]}},
                  {"ChangeType":"UpdateLegalTerms","ChangeName":"UpdateLegalTerms",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{"Terms":[{"Type":"LegalTerm",
                     "Documents":[{"Type":"StandardEula","Version":"2022-07-14"}]}]}},
                  {"ChangeType":"UpdateAvailability","ChangeName":"UpdateAvailability",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{"AvailabilityEndDate":"2026-03-31"}},
                  {"ChangeType":"UpdateValidityTerms","ChangeName":"UpdateValidityTerms",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{"Terms":[{"Type":"ValidityTerm","AgreementDuration":"P12M"}]}},
                  {"ChangeType":"ReleaseOffer","ChangeName":"ReleaseOffer",
                   "Entity":{"Type":"Offer@1.0","Identifier":"$CreateOffer.Entity.Identifier"},
                   "DetailsDocument":{}} ]
                """));
    }

    @Test
    void savingADraftLeavesOutTheRelease() {
        ArrayNode draft = builder.create(Offers.saasContract(), SAAS, false);

        assertThat(changeTypes(draft)).doesNotContain("ReleaseOffer").hasSize(RELEASED_CONTRACT.size() - 1);
        assertThat(draft).allSatisfy(change -> assertThat(change.path("ChangeName").asText()).matches("[A-Za-z]+"));
    }

    @Test
    void aTieredSaasContractLetsTheBuyerPickOneDimensionAtItsQuantity() {
        JsonNode constraints = pricing(builder.create(Offers.tieredSaasContract(), SAAS, true))
                .at("/Terms/0/RateCards/0/Constraints");

        assertThat(constraints.path("MultipleDimensionSelection").asText()).isEqualTo("Disallowed");
        assertThat(constraints.path("QuantityConfiguration").asText()).isEqualTo("Disallowed");
    }

    @Test
    void aSaasContractWithConsumptionChargesOverageByUsage() {
        JsonNode pricing = pricing(builder.create(Offers.saasContractWithConsumption(), SAAS, true));

        assertThat(pricing.path("PricingModel").asText()).isEqualTo("Contract");
        assertThat(termTypes(pricing)).containsExactly("ConfigurableUpfrontPricingTerm", "UsageBasedPricingTerm");
        assertThat(pricing.at("/Terms/1/RateCards/0/RateCard/0/DimensionKey").asText()).isEqualTo("ApiCalls");
        assertThat(pricing.at("/Terms/1/RateCards/0/RateCard/0/Price").asText()).isEqualTo("0.015");
    }

    @Test
    void aSaasUsageOfferIsPricedPerCallForThirtyDays() {
        ArrayNode changeSet = builder.create(Offers.saasUsage(), SAAS, true);
        JsonNode pricing = pricing(changeSet);

        assertThat(pricing.path("PricingModel").asText()).isEqualTo("Usage");
        assertThat(termTypes(pricing)).containsExactly("UsageBasedPricingTerm");
        assertThat(pricing.at("/Terms/0/CurrencyCode").asText()).isEqualTo("USD");
        assertThat(pricing.at("/Terms/0/RateCards/0/RateCard/0/Price").asText()).isEqualTo("0.00012345");
        assertThat(details(changeSet, "UpdateValidityTerms").at("/Terms/0/AgreementDuration").asText())
                .isEqualTo("P30D");
    }

    @Test
    void anAmiHourlyOfferPricesEveryInstanceTypeAndRunsUntilCancelled() {
        ArrayNode changeSet = builder.create(Offers.amiHourly(), AMI, true);
        JsonNode pricing = pricing(changeSet);

        assertThat(changeTypes(changeSet)).doesNotContain("UpdateValidityTerms");
        assertThat(pricing.path("PricingModel").asText()).isEqualTo("Usage");
        assertThat(pricing.at("/Terms/0/RateCards/0/RateCard").findValuesAsText("DimensionKey"))
                .containsExactly("m5.large", "m5.xlarge");
    }

    @Test
    void anAmiHourlyAndAnnualOfferSellsAYearAndTheAgreementOutlastsTheOfferExpiry() {
        ArrayNode changeSet = builder.create(Offers.amiHourlyAndAnnual(), AMI, true);
        JsonNode pricing = pricing(changeSet);

        assertThat(pricing.path("PricingModel").asText()).isEqualTo("Usage");
        assertThat(termTypes(pricing)).containsExactly("ConfigurableUpfrontPricingTerm", "UsageBasedPricingTerm");
        assertThat(pricing.at("/Terms/0/RateCards/0/Selector/Value").asText()).isEqualTo("P365D");
        assertThat(pricing.at("/Terms/0/RateCards/0/Constraints/QuantityConfiguration").asText()).isEqualTo("Allowed");
        // 29 days until the offer expires on 2026-03-31, a year after that, and one day more.
        assertThat(details(changeSet, "UpdateValidityTerms").at("/Terms/0/AgreementDuration").asText())
                .isEqualTo("P395D");
    }

    @Test
    void anAmiContractIsTwelveMonthsOfUpfrontUnits() {
        ArrayNode changeSet = builder.create(Offers.amiContract(), AMI_CONTRACT, true);
        JsonNode pricing = pricing(changeSet);

        assertThat(changeTypes(changeSet)).containsExactlyElementsOf(RELEASED_CONTRACT);
        assertThat(pricing.at("/Terms/0/RateCards/0/Selector/Value").asText()).isEqualTo("P12M");
        assertThat(pricing.at("/Terms/0/RateCards/0/RateCard/0/Price").asText()).isEqualTo("220");
        assertThat(details(changeSet, "UpdateValidityTerms").at("/Terms/0/AgreementDuration").asText())
                .isEqualTo("P395D");
    }

    @Test
    void aContainerContractInEurosIsPricedInEuros() {
        JsonNode pricing = pricing(builder.create(Offers.containerContract(), CONTAINER, true));

        assertThat(pricing.at("/Terms/0/Type").asText()).isEqualTo("ConfigurableUpfrontPricingTerm");
        assertThat(pricing.at("/Terms/0/CurrencyCode").asText()).isEqualTo("EUR");
        assertThat(pricing.at("/Terms/0/RateCards/0/RateCard/0/DimensionKey").asText()).isEqualTo("Nodes");
    }

    @Test
    void aSaasContractInFourInstallmentsGrantsTenUsersForNothingAndSchedulesTheCharges() {
        ArrayNode changeSet = builder.create(Offers.saasContractWithInstallments(), SAAS, true);
        JsonNode pricing = pricing(changeSet);
        JsonNode schedule = details(changeSet, "UpdatePaymentScheduleTerms").at("/Terms/0");

        assertThat(changeTypes(changeSet)).containsExactly("CreateOffer", "UpdateInformation", "UpdateTargeting",
                "UpdatePricingTerms", "UpdateLegalTerms", "UpdateAvailability", "UpdateValidityTerms",
                "UpdatePaymentScheduleTerms", "ReleaseOffer");
        assertThat(termTypes(pricing)).containsExactly("FixedUpfrontPricingTerm");
        assertThat(pricing.at("/Terms/0/Price").asText()).isEqualTo("0");
        assertThat(pricing.at("/Terms/0/Duration").asText()).isEqualTo("P12M");
        assertThat(pricing.at("/Terms/0/Grants/0/DimensionKey").asText()).isEqualTo("Users");
        assertThat(pricing.at("/Terms/0/Grants/0/MaxQuantity").asInt()).isEqualTo(10);
        assertThat(schedule.path("Type").asText()).isEqualTo("PaymentScheduleTerm");
        assertThat(schedule.path("CurrencyCode").asText()).isEqualTo("USD");
        assertThat(schedule.path("Schedule").findValuesAsText("ChargeDate"))
                .containsExactly("2026-03-10", "2026-06-10", "2026-09-10", "2026-12-10");
        assertThat(schedule.path("Schedule").findValuesAsText("ChargeAmount"))
                .containsExactly("3000", "3000", "3000", "3000.5");
    }

    @Test
    void anAmiAnnualOfferInInstallmentsKeepsTheHourlyRates() {
        ArrayNode changeSet = builder.create(Offers.amiAnnualWithInstallments(), AMI, true);
        JsonNode pricing = pricing(changeSet);

        assertThat(pricing.path("PricingModel").asText()).isEqualTo("Usage");
        assertThat(termTypes(pricing)).containsExactly("FixedUpfrontPricingTerm", "UsageBasedPricingTerm");
        assertThat(pricing.at("/Terms/0/Duration").asText()).isEqualTo("P365D");
        assertThat(pricing.at("/Terms/0/Grants/0/MaxQuantity").asInt()).isEqualTo(2);
        assertThat(changeTypes(changeSet)).contains("UpdatePaymentScheduleTerms");
    }

    @Test
    void aFutureDatedSaasAgreementRunsBetweenFixedDatesAndIsPricedForThatSpan() {
        ArrayNode changeSet = builder.create(Offers.futureDatedSaas(), SAAS, true);

        assertThat(details(changeSet, "UpdateValidityTerms").at("/Terms/0").toString())
                .isEqualTo("{\"Type\":\"ValidityTerm\",\"AgreementStartDate\":\"2026-06-01\","
                        + "\"AgreementEndDate\":\"2027-05-31\"}");
        assertThat(pricing(changeSet).at("/Terms/0/RateCards/0/Selector/Value").asText()).isEqualTo("P12M");
    }

    @Test
    void aZeroDollarOfferIsFreeWithEveryPriceAtZero() {
        JsonNode pricing = pricing(builder.create(Offers.zeroDollar(), SAAS, true));

        assertThat(pricing.path("PricingModel").asText()).isEqualTo("Free");
        assertThat(pricing.at("/Terms/0/RateCards/0/RateCard").findValuesAsText("Price")).containsOnly("0");
    }

    @Test
    void aRenewalTellsAwsWhereTheBuyersCurrentAgreementCameFrom() {
        JsonNode information = details(builder.create(Offers.renewal(), SAAS, true), "UpdateInformation");

        assertThat(information.path("PreExistingAgreement").toString())
                .isEqualTo("{\"AcquisitionChannel\":\"External\",\"PricingModel\":\"Contract\"}");
        assertThat(details(builder.create(Offers.saasContract(), SAAS, true), "UpdateInformation")
                .has("PreExistingAgreement")).isFalse();
    }

    @Test
    void aCustomEulaIsPassedAsItsPresignedUrl() {
        JsonNode document = details(builder.create(Offers.customEula(), SAAS, true), "UpdateLegalTerms")
                .at("/Terms/0/Documents/0");

        assertThat(document.toString()).isEqualTo("{\"Type\":\"CustomEula\",\"Url\":\"" + Offers.EULA_URL + "\"}");
    }

    @Test
    void aCustomEulaThatWasNotStoredYetCannotBeSent() {
        PrivateOffer unstored = Offers.with(Offers.customEula(), o -> o.eulaUrl = null);

        assertThatThrownBy(() -> builder.create(unstored, SAAS, true)).hasMessageContaining("Store the custom EULA");
    }

    @Test
    void movingTheExpirationOfAReleasedOfferChangesOnlyItsAvailability() {
        ArrayNode changeSet = OfferChangeSetBuilder.updateAvailability("offer-mna63wfm5rhps", LocalDate.parse("2026-09-30"));

        assertThat(changeSet.toString()).isEqualTo("[{\"ChangeType\":\"UpdateAvailability\",\"ChangeName\":"
                + "\"UpdateAvailability\",\"Entity\":{\"Type\":\"Offer@1.0\",\"Identifier\":\"offer-mna63wfm5rhps\"},"
                + "\"DetailsDocument\":{\"AvailabilityEndDate\":\"2026-09-30\"}}]");
    }

    @Test
    void theChangeSetPrintsAsIndentedJsonForTheSeller() {
        String printed = OfferChangeSetBuilder.pretty(builder.create(Offers.saasContract(), SAAS, false));

        assertThat(printed).startsWith("[ {").contains("\n  \"ChangeType\" : \"CreateOffer\"");
    }

    @Test
    void everyChangeAfterCreateOfferActsOnTheNewOffer() {
        ArrayNode changeSet = builder.create(Offers.saasContractWithInstallments(), SAAS, true);

        assertThat(changeSet.size()).isLessThanOrEqualTo(20);
        assertThat(StreamSupport.stream(changeSet.spliterator(), false).skip(1)
                .map(change -> change.at("/Entity/Identifier").asText())).containsOnly(NEW_OFFER);
    }

    static List<String> changeTypes(ArrayNode changeSet) {
        List<String> types = new ArrayList<>();
        changeSet.forEach(change -> types.add(change.path("ChangeType").asText()));
        return types;
    }

    static JsonNode details(ArrayNode changeSet, String changeType) {
        for (JsonNode change : changeSet) {
            if (change.path("ChangeType").asText().equals(changeType)) {
                return change.path("DetailsDocument");
            }
        }
        throw new AssertionError("No " + changeType + " in " + changeSet);
    }

    private static JsonNode pricing(ArrayNode changeSet) {
        return details(changeSet, "UpdatePricingTerms");
    }

    private static List<String> termTypes(JsonNode pricing) {
        return pricing.path("Terms").findValuesAsText("Type").stream()
                .filter(type -> type.endsWith("PricingTerm")).toList();
    }

    @Test
    void anAgreementBasedOfferReplacesTheAgreementAndKeepsItsBuyer() {
        PrivateOffer offer = Offers.with(Offers.saasContract(), o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.AGREEMENT_BASED, "agmt-1111111111111111111111111", null, null));

        ArrayNode changeSet = builder.create(offer, SAAS, true);

        assertThat(changeSet.get(0).path("ChangeType").asText()).isEqualTo("CreateReplacementOffer");
        assertThat(changeSet.get(0).path("DetailsDocument").toString())
                .isEqualTo("{\"AgreementId\":\"agmt-1111111111111111111111111\"}");
        assertThat(StreamSupport.stream(changeSet.spliterator(), false).map(c -> c.path("ChangeType").asText()))
                .doesNotContain("UpdateTargeting", "CreateOffer");
        assertThat(changeSet.get(1).path("Entity").path("Identifier").asText())
                .isEqualTo("$CreateReplacementOffer.Entity.Identifier");
    }

    @Test
    void aChannelPartnerOfferStartsFromItsResaleAuthorization() {
        PrivateOffer offer = Offers.with(Offers.saasContract(), o -> o.origin = new OfferOrigin(
                OfferOrigin.Type.CHANNEL_PARTNER, null, "resaleauthz-abcdefghijklm", null));

        ArrayNode changeSet = builder.create(offer, SAAS, false);

        assertThat(changeSet.get(0).path("ChangeType").asText()).isEqualTo("CreateOfferUsingResaleAuthorization");
        assertThat(changeSet.get(0).path("DetailsDocument").path("ResaleAuthorizationId").asText())
                .isEqualTo("resaleauthz-abcdefghijklm");
        assertThat(changeSet.get(2).path("ChangeType").asText()).isEqualTo("UpdateTargeting");
        assertThat(changeSet.get(2).path("Entity").path("Identifier").asText())
                .isEqualTo("$CreateOfferUsingResaleAuthorization.Entity.Identifier");
    }
}
