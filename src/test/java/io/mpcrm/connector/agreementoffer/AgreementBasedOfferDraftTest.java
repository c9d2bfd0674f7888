package io.mpcrm.connector.agreementoffer;

import io.mpcrm.connector.offer.OfferChangeSetBuilder;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.Offers;
import io.mpcrm.connector.offer.PrivateOffer;
import io.mpcrm.connector.offer.ProductDimension;
import io.mpcrm.connector.terms.OfferDimension;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offer an agreement suggests, read from the accepted terms the agreement sync stored. */
class AgreementBasedOfferDraftTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A contract with consumption: 10 users and 2 admins for a year, API calls metered on top. */
    private static final String CONTRACT_WITH_CONSUMPTION = """
            [{"legalTerm":{"type":"LegalTerm","documents":[{"type":"StandardEula","version":"2022-07-14"}]}},
             {"configurableUpfrontPricingTerm":{"type":"ConfigurableUpfrontPricingTerm","currencyCode":"USD",
               "rateCards":[{"selector":{"type":"Duration","value":"P12M"},
                 "constraints":{"multipleDimensionSelection":"Allowed","quantityConfiguration":"Allowed"},
                 "rateCard":[{"dimensionKey":"users","price":"1200.00"},{"dimensionKey":"admins","price":"300.00"}]}],
               "configuration":{"selectorValue":"P12M","dimensions":[{"dimensionKey":"users","dimensionValue":10},
                 {"dimensionKey":"admins","dimensionValue":2}]}}},
             {"usageBasedPricingTerm":{"type":"UsageBasedPricingTerm","currencyCode":"USD",
               "rateCards":[{"rateCard":[{"dimensionKey":"api_calls","price":"0.015"}]}]}},
             {"validityTerm":{"type":"ValidityTerm","agreementDuration":"P365D"}}]
            """;

    /** Paid in four installments, two of them before today. */
    private static final String IN_INSTALLMENTS = """
            [{"legalTerm":{"type":"LegalTerm","documents":[{"type":"CustomEula","url":"https://example.com/e.pdf"}]}},
             {"fixedUpfrontPricingTerm":{"type":"FixedUpfrontPricingTerm","currencyCode":"EUR","duration":"P12M",
               "price":"0.0","grants":[{"dimensionKey":"users","maxQuantity":25}]}},
             {"paymentScheduleTerm":{"type":"PaymentScheduleTerm","currencyCode":"EUR","schedule":[
               {"chargeDate":"2025-11-01T00:00:00Z","chargeAmount":"3000.00"},
               {"chargeDate":"2026-02-01T00:00:00Z","chargeAmount":"3000.00"},
               {"chargeDate":"2026-05-01T00:00:00Z","chargeAmount":"3000.00"},
               {"chargeDate":"2026-08-01T00:00:00Z","chargeAmount":"3500.50"}]}}]
            """;

    private static ReplaceableAgreement agreement(String terms, LocalDate end, boolean channelPartner)
            throws Exception {
        JsonNode accepted = JSON.readTree(terms);
        return new ReplaceableAgreement("a04000000000001AAA", "agmt-1111111111111111111111111",
                "a00000000000001AAA", "ACTIVE", "Contract", "210987654321", end, null, "a02000000000001AAA", "SaaS",
                "offer-abcdefghijklm", channelPartner ? "a03000000000009AAA" : null, channelPartner,
                channelPartner ? "a05000000000001AAA" : null, "ISV", accepted);
    }

    @Test
    void aContractWithConsumptionSuggestsTheSameBuyerProductRatesAndUnitsUntilTheAgreementEnds() throws Exception {
        LocalDate end = TODAY.plusMonths(9);

        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement(CONTRACT_WITH_CONSUMPTION, end,
                false), TODAY);

        Map<String, Object> offer = draft.offer();
        assertThat(offer).containsEntry("Offer_Type__c", "Agreement Based")
                .containsEntry("Agreement__c", "a04000000000001AAA")
                .containsEntry("Seller_Account__c", "a00000000000001AAA")
                .containsEntry("Product__c", "a02000000000001AAA")
                .containsEntry("Buyer_Accounts__c", "210987654321")
                .containsEntry("Pricing_Model__c", "Contract")
                .containsEntry("Currency__c", "USD")
                .containsEntry("Service_Length__c", "P12M")
                .containsEntry("Service_End_Date__c", end.toString())
                .containsEntry("Expiration_Date__c", TODAY.plusDays(30).toString())
                .containsEntry("EULA_Type__c", "StandardEula")
                .containsEntry("Installments_Enabled__c", false)
                .containsEntry("Status__c", "New")
                .doesNotContainKey("Shared_Resale_Authorization__c")
                .doesNotContainKey("Service_Start_Date__c");
        assertThat(offer.get("Description__c")).isEqualTo("Replaces agreement agmt-1111111111111111111111111 of"
                + " buyer 210987654321.");
        assertThat(draft.rates()).containsExactly(
                Map.of("Name", "users", "Dimension_Key__c", "users", "Rate__c", new BigDecimal("1200.00"),
                        "Rate_Kind__c", "Upfront", "Quantity__c", 10),
                Map.of("Name", "admins", "Dimension_Key__c", "admins", "Rate__c", new BigDecimal("300.00"),
                        "Rate_Kind__c", "Upfront", "Quantity__c", 2),
                Map.of("Name", "api_calls", "Dimension_Key__c", "api_calls", "Rate__c", new BigDecimal("0.015"),
                        "Rate_Kind__c", "Usage"));
        assertThat(draft.installments()).isEmpty();
    }

    @Test
    void onlyTheInstallmentsStillToBeChargedAreCarriedOverWithTheUnitsTheyPayFor() throws Exception {
        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement(IN_INSTALLMENTS,
                LocalDate.parse("2026-10-31"), false), TODAY);

        assertThat(draft.installments()).containsExactly(
                Map.of("Charge_Date__c", "2026-05-01", "Charge_Amount__c", new BigDecimal("3000.00"),
                        "Currency__c", "EUR", "Installment_Number__c", 1),
                Map.of("Charge_Date__c", "2026-08-01", "Charge_Amount__c", new BigDecimal("3500.50"),
                        "Currency__c", "EUR", "Installment_Number__c", 2));
        assertThat(draft.offer()).containsEntry("Installments_Enabled__c", true)
                .containsEntry("Currency__c", "EUR")
                .containsEntry("Service_Length__c", "P12M");
        assertThat(draft.rates()).containsExactly(Map.of("Name", "users", "Dimension_Key__c", "users",
                "Rate_Kind__c", "Upfront", "Quantity__c", 25));
    }

    @Test
    void aCustomEulaIsAskedForAgainBecauseOnlyTheSellerHasTheFile() throws Exception {
        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement(IN_INSTALLMENTS,
                LocalDate.parse("2026-10-31"), false), TODAY);

        assertThat(draft.offer()).containsEntry("EULA_Type__c", "CustomEula");
        assertThat((String) draft.offer().get("Last_Error__c")).contains("attach it to this offer");
    }

    @Test
    void anAgreementEndingWithinAMonthMakesTheOfferExpireTheDayBefore() throws Exception {
        LocalDate end = TODAY.plusDays(12);

        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement(CONTRACT_WITH_CONSUMPTION, end,
                false), TODAY);

        assertThat(draft.offer()).containsEntry("Expiration_Date__c", end.minusDays(1).toString());
    }

    @Test
    void aChannelPartnersAgreementSuggestsAnOfferOnTheSameResaleAuthorization() throws Exception {
        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement(CONTRACT_WITH_CONSUMPTION,
                TODAY.plusMonths(9), true), TODAY);

        assertThat(draft.offer()).containsEntry("Offer_Type__c", "Channel Partner Agreement Based")
                .containsEntry("Shared_Resale_Authorization__c", "a05000000000001AAA");
    }

    @Test
    void thePrefilledOfferPassesValidationAndReplacesTheAgreementWithItsEndDate() throws Exception {
        LocalDate end = TODAY.plusMonths(9);
        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement(CONTRACT_WITH_CONSUMPTION, end,
                false), TODAY);
        Map<String, Object> o = draft.offer();
        PrivateOffer offer = new PrivateOffer("a01000000000001AAA", null, (String) o.get("Offer_Name__c"),
                (String) o.get("Description__c"), "prod-saasacme00001", List.of((String) o.get("Buyer_Accounts__c")),
                (String) o.get("Pricing_Model__c"), (String) o.get("Currency__c"), (String) o.get("Service_Length__c"),
                null, LocalDate.parse((String) o.get("Service_End_Date__c")),
                LocalDate.parse((String) o.get("Expiration_Date__c")), false, false, (String) o.get("EULA_Type__c"),
                null, false, false, null, null, draft.rates().stream().map(r -> new OfferDimension(
                        (String) r.get("Dimension_Key__c"), (BigDecimal) r.get("Rate__c"),
                        (String) r.get("Rate_Kind__c"), (Integer) r.get("Quantity__c"))).toList(), List.of(), false,
                new OfferOrigin(OfferOrigin.Type.AGREEMENT_BASED, "agmt-1111111111111111111111111", null, null));
        OfferProduct product = new OfferProduct("prod-saasacme00001", "SaaS", List.of(
                new ProductDimension("users", java.util.Set.of("Entitled")),
                new ProductDimension("admins", java.util.Set.of("Entitled")),
                new ProductDimension("api_calls", java.util.Set.of("ExternallyMetered"))));

        assertThat(Offers.validator().problems(offer, product, TODAY, true)).isEmpty();
        var changes = Offers.changeSetBuilder().create(offer, product, true);
        assertThat(changes.get(0).path("ChangeType").asText()).isEqualTo("CreateReplacementOffer");
        JsonNode validity = null;
        for (JsonNode change : changes) {
            if (change.path("ChangeType").asText().equals("UpdateValidityTerms")) {
                validity = change.path("DetailsDocument").path("Terms").path(0);
            }
        }
        assertThat(validity).as("%s", changes).isNotNull();
        assertThat(validity.toString()).isEqualTo("{\"Type\":\"ValidityTerm\",\"AgreementEndDate\":\"" + end + "\"}");
    }
}
