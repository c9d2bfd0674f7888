package io.mpcrm.connector.agreementoffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.marketplace.SdkJson;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import io.mpcrm.connector.sandbox.marketplace.ReplaceableAgreementsSeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seller opens an agreement, presses Create Agreement Based Offer, finds a new offer prefilled from what the buyer
 * accepted, adjusts it and creates it: AWS Marketplace gets one change set that replaces the agreement for the same
 * buyer. Agreements that cannot be replaced are explained on the agreement, with no AWS call.
 */
class AgreementBasedOfferIT extends ConnectorOnSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PREFILLED = Pattern.compile("offer ([A-Za-z0-9]{15,18}) from agreement");

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final ReplaceableAgreementsSeed agreements = SandboxMarketplace.replaceableAgreements();
    private final String seller = org.createUser("Agreement Seller " + System.nanoTime(), "Marketplace_User");

    @Autowired
    ChangeSets changeSets;

    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        saasProduct = syncedProduct(seller, sellerAccount,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
    }

    @Test
    void aDirectContractAgreementPrefillsAnOfferThatReplacesItForTheSameBuyer() throws Exception {
        String agreement = importAgreement(sellerAccount, agreements.contract());
        Map<String, Object> synced = rest.get("MP_Agreement__c", agreement);

        String offer = prefilledOffer(awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", sellerAccount,
                agreement)));

        Map<String, Object> draft = rest.get("MP_Private_Offer__c", offer);
        LocalDate agreementEnd = LocalDate.parse(((String) synced.get("End_Time__c")).substring(0, 10));
        assertThat(draft.get("Offer_Type__c")).isEqualTo("Agreement Based");
        assertThat(draft.get("Agreement__c")).isEqualTo(agreement);
        assertThat(draft.get("Seller_Account__c")).isEqualTo(sellerAccount);
        assertThat(draft.get("Product__c")).isEqualTo(saasProduct);
        assertThat(draft.get("Buyer_Accounts__c")).isEqualTo(ReplaceableAgreementsSeed.CONTRACT_BUYER);
        assertThat(draft.get("Pricing_Model__c")).isEqualTo("Contract");
        assertThat(draft.get("Currency__c")).isEqualTo("USD");
        assertThat(draft.get("Service_Length__c")).isEqualTo("P12M");
        assertThat(draft.get("Service_Start_Date__c")).isNull();
        assertThat(draft.get("Service_End_Date__c")).isEqualTo(agreementEnd.toString());
        assertThat(draft.get("Expiration_Date__c")).isEqualTo(today().plusDays(30).toString());
        assertThat(draft.get("EULA_Type__c")).isEqualTo("StandardEula");
        assertThat(draft.get("Installments_Enabled__c")).isEqualTo(false);
        assertThat(draft.get("Status__c")).isEqualTo("New");
        assertThat(draft.get("Offer_Id__c")).isNull();
        assertThat(rates(offer)).isEqualTo(acceptedUpfrontRates((String) synced.get("Terms_Json__c")));

        // The seller gives the buyer a longer agreement, then creates the offer from it.
        LocalDate longer = agreementEnd.plusMonths(6);
        rest.update("MP_Private_Offer__c", offer, Map.of("Service_End_Date__c", longer.toString()));
        Map<String, Object> created = awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", sellerAccount, offer));

        assertThat(created.get("Status__c")).as(String.valueOf(created.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        List<JsonNode> sent = changes(SandboxMarketplace.SELLER, (String) released.get("Change_Set_Id__c"));
        assertThat(sent.get(0).path("ChangeType").asText()).isEqualTo("CreateReplacementOffer");
        assertThat(sent.get(0).path("DetailsDocument").path("AgreementId").asText()).isEqualTo(agreements.contract());
        assertThat(sent).extracting(c -> c.path("ChangeType").asText()).doesNotContain("UpdateTargeting")
                .contains("ReleaseOffer");
        JsonNode entity = JSON.valueToTree(marketplace.entityDetails((String) released.get("Offer_Id__c"))
                .orElseThrow());
        assertThat(entity.path("State").asText()).isEqualTo("Released");
        assertThat(rule(entity, "TargetingRule").path("PositiveTargeting").path("BuyerAccounts").toString())
                .isEqualTo("[\"" + ReplaceableAgreementsSeed.CONTRACT_BUYER + "\"]");
        assertThat(term(entity, "ValidityTerm").path("AgreementEndDate").asText()).isEqualTo(longer.toString());
    }

    @Test
    void aChannelPartnersAgreementIsReplacedUsingTheResaleAuthorizationItsOfferUsed() {
        String partnerAccount = sellerAccount(seller, SandboxMarketplace.CHANNEL_PARTNER);
        String resale = sharedResaleAuthorizationOfferedOnce(partnerAccount);
        String agreement = importAgreement(partnerAccount, agreements.channelPartnerContract());

        String offer = prefilledOffer(awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", partnerAccount,
                agreement)));

        Map<String, Object> draft = rest.get("MP_Private_Offer__c", offer);
        assertThat(draft.get("Offer_Type__c")).isEqualTo("Channel Partner Agreement Based");
        assertThat(draft.get("Shared_Resale_Authorization__c")).isEqualTo(resale);
        assertThat(draft.get("Seller_Account__c")).isEqualTo(partnerAccount);
        assertThat(draft.get("Product__c")).isEqualTo(saasProduct);
        assertThat(draft.get("Buyer_Accounts__c")).isEqualTo(ReplaceableAgreementsSeed.CHANNEL_PARTNER_BUYER);

        Map<String, Object> created = awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", partnerAccount, offer));

        assertThat(created.get("Status__c")).as(String.valueOf(created.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        JsonNode create = changes(SandboxMarketplace.CHANNEL_PARTNER, (String) released.get("Change_Set_Id__c"))
                .get(0);
        assertThat(create.path("ChangeType").asText()).isEqualTo("CreateReplacementOfferUsingResaleAuthorization");
        assertThat(create.path("DetailsDocument").path("ResaleAuthorizationId").asText())
                .isEqualTo(agreements.resaleAuthorization());
        assertThat(create.path("DetailsDocument").path("AgreementId").asText())
                .isEqualTo(agreements.channelPartnerContract());
        JsonNode entity = JSON.valueToTree(marketplace.entityDetails((String) released.get("Offer_Id__c"))
                .orElseThrow());
        assertThat(entity.path("ResaleAuthorizationId").asText()).isEqualTo(agreements.resaleAuthorization());
        assertThat(rule(entity, "TargetingRule").path("PositiveTargeting").path("BuyerAccounts").toString())
                .isEqualTo("[\"" + ReplaceableAgreementsSeed.CHANNEL_PARTNER_BUYER + "\"]");
    }

    @Test
    void aChannelPartnersReplacementInItsOwnInstallmentsIsReleasedWithTheUnitsItGrantsBesideTheSchedule() {
        String partnerAccount = sellerAccount(seller, SandboxMarketplace.CHANNEL_PARTNER);
        String resale = sharedResaleAuthorizationOfferedOnce(partnerAccount);
        String agreement = importAgreement(partnerAccount, agreements.channelPartnerContractForInstallments());
        String offer = prefilledOffer(awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", partnerAccount,
                agreement)));
        // The partner lets the buyer pay what the prefilled units and prices come to, in two installments.
        Map<String, Integer> units = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> rate : rest.query("SELECT Dimension_Key__c, Rate__c, Quantity__c FROM"
                + " MP_Offer_Dimension__c WHERE Private_Offer__c = '" + offer + "' AND Rate_Kind__c = 'Upfront'")) {
            int quantity = ((Number) rate.get("Quantity__c")).intValue();
            units.put((String) rate.get("Dimension_Key__c"), quantity);
            total = total.add(new BigDecimal(String.valueOf(rate.get("Rate__c"))).multiply(BigDecimal.valueOf(quantity)));
        }
        assertThat(units).isNotEmpty();
        rest.update("MP_Private_Offer__c", offer, Map.of("Installments_Enabled__c", true));
        BigDecimal half = total.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
        List<String> dates = List.of(today().plusDays(40).toString(), today().plusDays(200).toString());
        org.insertAs(seller, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer, "Charge_Date__c",
                dates.get(0), "Charge_Amount__c", half, "Currency__c", "USD"));
        org.insertAs(seller, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer, "Charge_Date__c",
                dates.get(1), "Charge_Amount__c", total.subtract(half), "Currency__c", "USD"));

        Map<String, Object> created = awaitFinished(request("CREATE_OFFER", partnerAccount, offer));

        assertThat(created.get("Status__c")).as(String.valueOf(created.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        List<JsonNode> sent = changes(SandboxMarketplace.CHANNEL_PARTNER, (String) released.get("Change_Set_Id__c"));
        assertThat(sent).extracting(c -> c.path("ChangeType").asText()).contains("UpdatePricingTerms",
                "UpdatePaymentScheduleTerms").doesNotContain("UpdateMarkup");
        JsonNode entity = JSON.valueToTree(marketplace.entityDetails((String) released.get("Offer_Id__c"))
                .orElseThrow());
        JsonNode fixed = term(entity, "FixedUpfrontPricingTerm");
        assertThat(new BigDecimal(fixed.path("Price").asText())).isZero();
        assertThat(fixed.path("Duration").asText()).isEqualTo("P12M");
        Map<String, Integer> granted = new TreeMap<>();
        fixed.path("Grants").forEach(g -> granted.put(g.path("DimensionKey").asText(), g.path("MaxQuantity").asInt()));
        assertThat(granted).isEqualTo(units);
        assertThat(term(entity, "PaymentScheduleTerm").path("Schedule").findValuesAsText("ChargeAmount").stream()
                .map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(total);
    }

    @Test
    void theInstallmentsStillToBeChargedAreCarriedOverAndScheduledOnTheReplacement() throws Exception {
        String agreement = importAgreement(sellerAccount, agreements.contractInInstallments());
        Map<String, Object> synced = rest.get("MP_Agreement__c", agreement);

        String offer = prefilledOffer(awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", sellerAccount,
                agreement)));

        Map<String, BigDecimal> unpaid = new TreeMap<>();
        for (JsonNode term : JSON.readTree((String) synced.get("Terms_Json__c"))) {
            for (JsonNode charge : term.path("paymentScheduleTerm").path("schedule")) {
                LocalDate date = LocalDate.parse(charge.path("chargeDate").asText().substring(0, 10));
                if (date.isAfter(today())) {
                    unpaid.put(date.toString(), new BigDecimal(charge.path("chargeAmount").asText()));
                }
            }
        }
        assertThat(unpaid).as("the seed charges twice before today and twice after").hasSize(2);
        Map<String, BigDecimal> carried = new TreeMap<>();
        rest.query("SELECT Charge_Date__c, Charge_Amount__c FROM MP_Payment_Installment__c WHERE Private_Offer__c = '"
                + offer + "'").forEach(r -> carried.put((String) r.get("Charge_Date__c"),
                new BigDecimal(String.valueOf(r.get("Charge_Amount__c"))).setScale(2)));
        assertThat(carried).isEqualTo(unpaid);
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Installments_Enabled__c")).isEqualTo(true);
        assertThat(rest.query("SELECT Quantity__c FROM MP_Offer_Dimension__c WHERE Private_Offer__c = '" + offer
                + "'")).isNotEmpty().allSatisfy(r -> assertThat(((Number) r.get("Quantity__c")).intValue())
                .isPositive());

        // The offer buttons work on it as on any offer: validate, save as a draft, then create that draft.
        Map<String, Object> validated = awaitFinished(request("VALIDATE_OFFER", sellerAccount, offer));
        assertThat(validated.get("Status__c")).as(String.valueOf(validated.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) validated.get("Result__c")).contains("CreateReplacementOffer")
                .contains(agreements.contractInInstallments()).contains("AgreementEndDate")
                .doesNotContain("UpdateTargeting");
        assertThat(awaitFinished(request("SAVE_OFFER_DRAFT", sellerAccount, offer)).get("Status__c"))
                .isEqualTo("Succeeded");
        String draftId = (String) awaitOffer(offer, "Draft").get("Offer_Id__c");
        Map<String, Object> created = awaitFinished(request("CREATE_OFFER", sellerAccount, offer));

        assertThat(created.get("Status__c")).as(String.valueOf(created.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        assertThat(released.get("Offer_Id__c")).as("the draft is released, no second offer").isEqualTo(draftId);
        JsonNode entity = JSON.valueToTree(marketplace.entityDetails((String) released.get("Offer_Id__c"))
                .orElseThrow());
        Map<String, BigDecimal> scheduled = new TreeMap<>();
        term(entity, "PaymentScheduleTerm").path("Schedule").forEach(c -> scheduled.put(
                c.path("ChargeDate").asText().substring(0, 10), new BigDecimal(c.path("ChargeAmount").asText())
                        .setScale(2)));
        assertThat(scheduled).isEqualTo(unpaid);
    }

    @Test
    void anExpiredAgreementIsRefusedOnTheAgreementWithoutCallingAws() {
        String agreement = importAgreement(sellerAccount, agreements.expired());

        assertRefusedWithoutAwsCalls(sellerAccount, agreement, SandboxMarketplace.SELLER, "Status__c",
                "is EXPIRED: only an active agreement can be replaced");
    }

    @Test
    void aPayAsYouGoAgreementIsRefusedBecauseOnlyContractsAreReplaced() {
        String agreement = importAgreement(sellerAccount, agreements.usage());

        assertRefusedWithoutAwsCalls(sellerAccount, agreement, SandboxMarketplace.SELLER, "Pricing_Model__c",
                "is priced by Usage: AWS replaces contract agreements only");
    }

    @Test
    void anotherSellerAccountsAgreementIsRefusedWithoutCallingAws() {
        String agreement = importAgreement(sellerAccount, agreements.contract());
        String partnerAccount = sellerAccount(seller, SandboxMarketplace.CHANNEL_PARTNER);

        assertRefusedWithoutAwsCalls(partnerAccount, agreement, SandboxMarketplace.CHANNEL_PARTNER,
                "Seller_Account__c", "belongs to another seller account than the request's");
    }

    @Test
    void anAgreementBasedOfferWithoutAnAgreementEndDateIsExplainedAndNothingIsSent() {
        String agreement = importAgreement(sellerAccount, agreements.contractToMisedit());
        String offer = prefilledOffer(awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", sellerAccount,
                agreement)));
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("Service_End_Date__c", null);
        cleared.put("Pricing_Model__c", "Usage");
        rest.update("MP_Private_Offer__c", offer, cleared);
        long started = calls(SandboxMarketplace.SELLER, "StartChangeSet");

        Map<String, Object> done = awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", sellerAccount, offer));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c"))
                .contains("Service_End_Date__c: Enter the date the agreement should end under this offer")
                .contains("Pricing_Model__c: An agreement-based offer replaces a contract");
        assertThat(lastError("MP_Private_Offer__c", offer)).contains("Service_End_Date__c");
        assertThat(calls(SandboxMarketplace.SELLER, "StartChangeSet")).isEqualTo(started);
    }

    private void assertRefusedWithoutAwsCalls(String requestAccount, String agreement, String awsAccount,
                                              String field, String message) {
        Map<String, Long> before = awsCallsBesidesTheTracker(awsAccount);

        Map<String, Object> done = awaitFinished(request("CREATE_AGREEMENT_BASED_OFFER", requestAccount, agreement));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains(field + ": ").contains(message);
        assertThat(lastError("MP_Agreement__c", agreement)).contains(field).contains(message);
        assertThat(rest.query("SELECT Id FROM MP_Private_Offer__c WHERE Agreement__c = '" + agreement
                + "' AND Status__c = 'New'")).isEmpty();
        assertThat(awsCallsBesidesTheTracker(awsAccount)).isEqualTo(before);
    }

    /** The explanation on the record itself, written just after the request is marked Failed. */
    private String lastError(String sobject, String record) {
        return (String) await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> rest.get(sobject, record), r -> r.get("Last_Error__c") != null).get("Last_Error__c");
    }

    /** Every call of the account except the status tracker's reads of change sets other tests left open. */
    private Map<String, Long> awsCallsBesidesTheTracker(String account) {
        Map<String, Long> calls = new TreeMap<>(marketplace.callCounts(account));
        calls.remove("DescribeChangeSet");
        calls.remove("DescribeEntity");
        return calls;
    }

    private long calls(String account, String operation) {
        return marketplace.callCounts(account).getOrDefault(operation, 0L);
    }

    /** The channel partner made its offer on the shared resale authorization with the connector earlier. */
    private void partnerOfferMadeThroughTheConnector(String partnerAccount, String resale) {
        if (!rest.query("SELECT Id FROM MP_Private_Offer__c WHERE Offer_Id__c = '"
                + agreements.channelPartnerOffer() + "'").isEmpty()) {
            return;
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", "Partner deal");
        fields.put("Offer_Name__c", "Partner deal");
        fields.put("Description__c", "Resold analytics");
        fields.put("Offer_Type__c", "Channel Partner");
        fields.put("Seller_Account__c", partnerAccount);
        fields.put("Product__c", saasProduct);
        fields.put("Shared_Resale_Authorization__c", resale);
        fields.put("Offer_Id__c", agreements.channelPartnerOffer());
        fields.put("Buyer_Accounts__c", ReplaceableAgreementsSeed.CHANNEL_PARTNER_BUYER);
        fields.put("Status__c", "Released");
        org.insertAs(seller, "MP_Private_Offer__c", fields);
    }

    /**
     * The channel partner refreshes the resale authorizations shared with it and makes one offer on the seed's
     * through the connector; returns the shared authorization's record.
     */
    private String sharedResaleAuthorizationOfferedOnce(String partnerAccount) {
        assertThat(awaitFinished(request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partnerAccount, partnerAccount))
                .get("Status__c")).isEqualTo("Succeeded");
        String resale = (String) rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + agreements.resaleAuthorization() + "'").get(0).get("Id");
        partnerOfferMadeThroughTheConnector(partnerAccount, resale);
        return resale;
    }

    private String importAgreement(String account, String agreementId) {
        Map<String, Object> done = awaitFinished(desk.press(seller, "IMPORT_AGREEMENT", account, account,
                "{\"agreementId\":\"" + agreementId + "\"}"));
        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        String agreement = (String) rest.query("SELECT Id FROM MP_Agreement__c WHERE Agreement_Id__c = '"
                + agreementId + "'").get(0).get("Id");
        // The connector's sync owns the record; the org shares agreements with the sellers who work on them.
        org.grantAccess(seller, agreement);
        return agreement;
    }

    private static String prefilledOffer(Map<String, Object> request) {
        assertThat(request.get("Status__c")).as(String.valueOf(request.get("Error__c"))).isEqualTo("Succeeded");
        Matcher named = PREFILLED.matcher((String) request.get("Result__c"));
        assertThat(named.find()).as((String) request.get("Result__c")).isTrue();
        return named.group(1);
    }

    /** Dimension key to "price x units" as the seller sees them on the offer. */
    private Map<String, String> rates(String offer) {
        Map<String, String> rates = new TreeMap<>();
        rest.query("SELECT Dimension_Key__c, Rate__c, Rate_Kind__c, Quantity__c FROM MP_Offer_Dimension__c WHERE"
                + " Private_Offer__c = '" + offer + "'").forEach(r -> rates.put((String) r.get("Dimension_Key__c"),
                r.get("Rate_Kind__c") + " " + new BigDecimal(String.valueOf(r.get("Rate__c"))).stripTrailingZeros()
                        .toPlainString() + " x " + ((Number) r.get("Quantity__c")).intValue()));
        return rates;
    }

    /** The same from the accepted terms the agreement sync stored. */
    private static Map<String, String> acceptedUpfrontRates(String termsJson) throws Exception {
        Map<String, String> rates = new TreeMap<>();
        for (JsonNode term : JSON.readTree(termsJson)) {
            JsonNode upfront = term.path("configurableUpfrontPricingTerm");
            Map<String, Integer> units = new HashMap<>();
            upfront.path("configuration").path("dimensions").forEach(d ->
                    units.put(d.path("dimensionKey").asText(), d.path("dimensionValue").asInt()));
            upfront.path("rateCards").path(0).path("rateCard").forEach(r -> rates.put(r.path("dimensionKey").asText(),
                    "Upfront " + new BigDecimal(r.path("price").asText()).stripTrailingZeros().toPlainString()
                            + " x " + units.get(r.path("dimensionKey").asText())));
        }
        assertThat(rates).isNotEmpty();
        return rates;
    }

    private List<JsonNode> changes(String account, String changeSetId) {
        return changeSets.describe(account, changeSetId).changeSet().stream().map(c -> {
            var change = JSON.createObjectNode().put("ChangeType", c.changeType());
            change.set("DetailsDocument", SdkJson.of(c.detailsDocument()));
            return (JsonNode) change;
        }).toList();
    }

    private static JsonNode rule(JsonNode entity, String type) {
        for (JsonNode rule : entity.path("Rules")) {
            if (type.equals(rule.path("Type").asText())) {
                return rule;
            }
        }
        throw new AssertionError("No " + type + " in " + entity);
    }

    private static JsonNode term(JsonNode entity, String type) {
        for (JsonNode term : entity.path("Terms")) {
            if (type.equals(term.path("Type").asText())) {
                return term;
            }
        }
        throw new AssertionError("No " + type + " in " + entity);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private String request(String action, String account, String target) {
        return desk.press(seller, action, account, target, null);
    }
}
