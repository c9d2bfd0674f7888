package io.mpcrm.connector.channeloffer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A channel partner opens a resale authorization an ISV shared with it, presses Create Channel Partner Offer, gets a
 * draft offer prefilled with the ISV's terms, adds buyers, markup and expiry, presses the button again, and gets a
 * released offer at the marked-up price, or a precise explanation of what does not fit the authorization.
 */
class ChannelPartnerOfferIT extends ConnectorOnSandbox {

    private static final String BUYER = "444455556666";
    private static final Pattern DRAFT = Pattern.compile("\\(record (\\w+)\\)");

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final List<String> shared = SandboxMarketplace.seed().resaleAuthorizationIds();
    private final String partnerUser = org.createUser("Channel Partner " + System.nanoTime(),
            "Marketplace_Channel_Partner");
    private String partner;
    private String latePartner;

    @BeforeEach
    void sharedAuthorizationsAreSynced() {
        partner = sellerAccount(partnerUser, SandboxMarketplace.CHANNEL_PARTNER);
        sync();
    }

    @Test
    void aDraftOfferIsPrefilledWithWhatTheAuthorizationFixes() {
        String forExampleCorp = shared.get(4);
        long started = marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L);

        Map<String, Object> done = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", authorization(forExampleCorp)));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> draft = rest.get("MP_Private_Offer__c", draftOf(done));
        assertThat(draft).containsEntry("Offer_Type__c", "Channel Partner")
                .containsEntry("Shared_Resale_Authorization__c", authorization(forExampleCorp))
                .containsEntry("Seller_Account__c", partner).containsEntry("Currency__c", "USD")
                .containsEntry("Pricing_Model__c", "Contract").containsEntry("Service_Length__c", "P12M")
                .containsEntry("EULA_Type__c", "StandardEula").containsEntry("Reseller_Contract_Accepted__c", false);
        assertThat((String) draft.get("Buyer_Accounts__c")).contains(BUYER).contains("123412341234");
        assertThat(rates(draftOf(done))).containsExactlyInAnyOrderEntriesOf(wholesale(forExampleCorp));
        assertThat(marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L))
                .as("prefilling calls no AWS change").isEqualTo(started);
    }

    @Test
    void aPaymentScheduleAuthorizationPrefillsTheIsvInstallments() {
        String applianceDeal = shared.get(1);

        String draft = draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", authorization(applianceDeal))));

        assertThat(rest.get("MP_Private_Offer__c", draft)).containsEntry("Installments_Enabled__c", true);
        List<Map<String, Object>> installments = rest.query("SELECT Charge_Date__c, Charge_Amount__c FROM"
                + " MP_Payment_Installment__c WHERE Private_Offer__c = '" + draft + "' ORDER BY Charge_Date__c");
        JsonNode schedule = term(marketplace.entityDetails(applianceDeal).orElseThrow(), "ResalePaymentScheduleTerm")
                .path("Schedule");
        assertThat(installments).hasSize(schedule.size());
        for (int i = 0; i < schedule.size(); i++) {
            assertThat(installments.get(i).get("Charge_Date__c"))
                    .isEqualTo(schedule.get(i).path("ChargeDate").asText().substring(0, 10));
            assertThat(new BigDecimal(installments.get(i).get("Charge_Amount__c").toString()))
                    .isEqualByComparingTo(schedule.get(i).path("ChargeAmount").asText());
        }
    }

    @Test
    void thePartnersOwnInstallmentsKeepTheIsvsDatesAndAmountsOrAreRefusedByFieldWithNoAwsCall() {
        String applianceDeal = shared.get(1);
        String offer = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                authorization(applianceDeal)))), "0");
        List<Map<String, Object>> installments = rest.query("SELECT Id, Charge_Date__c FROM MP_Payment_Installment__c"
                + " WHERE Private_Offer__c = '" + offer + "' ORDER BY Charge_Date__c");
        String isvDate = (String) installments.get(0).get("Charge_Date__c");
        String moved = LocalDate.parse(isvDate).plusDays(10).toString();
        String lowered = (String) installments.get(1).get("Charge_Date__c");
        rest.update("MP_Payment_Installment__c", (String) installments.get(0).get("Id"), Map.of("Charge_Date__c", moved));
        rest.update("MP_Payment_Installment__c", (String) installments.get(1).get("Id"), Map.of("Charge_Amount__c", 2000));
        long started = marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L);

        for (String action : List.of("VALIDATE_OFFER", "CREATE_OFFER")) {
            Map<String, Object> done = awaitFinished(request(action, offer));

            assertThat(done.get("Status__c")).as(action).isEqualTo("Failed");
            assertThat((String) done.get("Error__c")).as(action)
                    .contains("MP_Payment_Installment__c " + moved + ": The installment of " + moved + " is not on one"
                            + " of the resale authorization's charge dates")
                    .contains("Installments_Enabled__c: The resale authorization charges 2500.00 on " + isvDate)
                    .contains("MP_Payment_Installment__c " + lowered + ": The installment of " + lowered + " is 2000")
                    .contains("less than the resale authorization's 2500.00 on that date");
        }
        assertThat(marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L))
                .isEqualTo(started);
    }

    @Test
    void aMarkedUpOfferIsReleasedAtTheMarkedUpPriceAndShowsItsBuyerUrl() {
        String multiUse = shared.get(0);
        String offer = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                authorization(multiUse)))), "10");

        Map<String, Object> validated = awaitFinished(request("VALIDATE_OFFER", offer));
        assertThat((String) validated.get("Result__c"))
                .contains("\"ChangeType\" : \"CreateOfferUsingResaleAuthorization\"").contains("\"Percentage\" : \"10\"").doesNotContain("UpdatePricingTerms");

        Map<String, Object> done = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", offer));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        String offerId = (String) released.get("Offer_Id__c");
        String product = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        assertThat((String) released.get("Offer_URL__c")).isEqualTo("https://aws.amazon.com/marketplace/procurement"
                + "?productId=" + product + "&offerId=" + offerId);
        JsonNode entity = marketplace.entityDetails(offerId).orElseThrow();
        assertThat(entity.path("ResaleAuthorizationId").asText()).isEqualTo(multiUse);
        assertThat(entity.path("MarkupPercentage").asText()).isEqualTo("10");
        assertThat(term(entity, "ConfigurableUpfrontPricingTerm").path("RateCards").path(0).path("RateCard"))
                .allSatisfy(rate -> assertThat(rate.path("Price").asText()).as("800.00 wholesale + 10%")
                        .isEqualTo("880"));
        assertThat(entity.path("Rules").toString()).contains(BUYER);
    }

    @Test
    void aSavedDraftIsReleasedLaterAsTheSameOffer() {
        String offer = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                authorization(shared.get(0))))), "7.5");

        assertThat(awaitFinished(request("SAVE_OFFER_DRAFT", offer)).get("Status__c")).isEqualTo("Succeeded");
        String draftId = (String) awaitOffer(offer, "Draft").get("Offer_Id__c");
        assertThat(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", offer)).get("Status__c"))
                .isEqualTo("Succeeded");

        assertThat(awaitOffer(offer, "Released").get("Offer_Id__c")).as("no second offer").isEqualTo(draftId);
        assertThat(term(marketplace.entityDetails(draftId).orElseThrow(), "ConfigurableUpfrontPricingTerm")
                .path("RateCards").path(0).path("RateCard").path(0).path("Price").asText()).isEqualTo("860");
    }

    @Test
    void thePartnersOwnEulaIsStoredAndSentAsAPresignedUrl() throws Exception {
        String offer = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                authorization(shared.get(3))))), "0");
        byte[] eula = ("%PDF-1.4\n% Reseller terms " + System.nanoTime() + "\n%%EOF\n").getBytes();
        String version = org.insertAs(partnerUser, "ContentVersion", Map.of("PathOnClient", "reseller-eula.pdf",
                "VersionData", Base64.getEncoder().encodeToString(eula), "FirstPublishLocationId", offer));
        String document = (String) org.get("ContentVersion", version).get("ContentDocumentId");
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Type__c", "CustomEula", "EULA_Document_Id__c", document));

        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", offer));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = awaitOffer(offer, "Released");
        String key = "eulas/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(eula)) + ".pdf";
        String bucket = SandboxMarketplace.eulaBucket(SandboxMarketplace.CHANNEL_PARTNER);
        assertThat(SandboxMarketplace.s3().keys(bucket)).contains(key);
        assertThat(released.get("EULA_Url__c")).isEqualTo("s3://" + bucket + "/" + key);
        JsonNode legal = term(marketplace.entityDetails((String) released.get("Offer_Id__c")).orElseThrow(),
                "LegalTerm").path("Documents").path(0);
        assertThat(legal.path("Type").asText()).isEqualTo("CustomEula");
        assertThat(legal.path("Url").asText()).contains(bucket).contains(key).contains("X-Amz-Signature");
    }

    @Test
    void aOneTimeAuthorizationGivesOneOfferAndTheSecondIsRefusedWithTheReason() {
        String oneTime = shared.get(2);
        String first = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                authorization(oneTime)))), "5");
        String second = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                authorization(oneTime)))), "5");

        assertThat(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", first)).get("Status__c"))
                .isEqualTo("Succeeded");
        awaitOffer(first, "Released");
        long started = marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L);
        Map<String, Object> refused = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", second));

        // The record did not know yet, but the connector reads the authorization from AWS before it sends.
        assertThat(refused.get("Status__c")).isEqualTo("Failed");
        assertThat((String) refused.get("Error__c")).contains("Shared_Resale_Authorization__c")
                .contains("already has its offer (Completed-Used)");
        assertThat(marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L))
                .isEqualTo(started);

        sync();
        Map<String, Object> used = rest.get("MP_Shared_Resale_Authorization__c", authorization(oneTime));
        assertThat(used.get("Offer_Status__c")).isEqualTo("Completed-Used");
        assertThat(used.get("Offers_Created__c")).as("AWS's OfferDetails.OfferCreatedCount").isNotNull()
                .satisfies(count -> assertThat(((Number) count).intValue()).isEqualTo(1));
        Map<String, Object> third = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", authorization(oneTime)));
        assertThat(third.get("Status__c")).isEqualTo("Failed");
        assertThat((String) third.get("Error__c")).contains("Offer_Status__c").contains("already has its offer");
        assertThat((String) rest.get("MP_Shared_Resale_Authorization__c", authorization(oneTime))
                .get("Last_Error__c")).contains("already has its offer");
    }

    @Test
    void anOfferThatDoesNotFitItsAuthorizationIsExplainedAndNothingIsSentToAws() {
        String forExampleCorp = shared.get(4);
        String offer = draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", authorization(forExampleCorp))));
        rest.update("MP_Private_Offer__c", offer, Map.of("Buyer_Accounts__c", "777700001111",
                "Description__c", "Resold", "Expiration_Date__c", LocalDate.now().plusDays(30).toString()));
        long started = marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L);

        Map<String, Object> done = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", offer));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c"))
                .contains("Buyer_Accounts__c: Buyer account 777700001111 is not one the resale authorization allows")
                .contains("Markup_Percentage__c: Enter your markup")
                .contains("Reseller_Contract_Accepted__c: Tick Reseller Contract Accepted");
        assertThat((String) rest.get("MP_Private_Offer__c", offer).get("Last_Error__c"))
                .contains("Buyer_Accounts__c").contains("Markup_Percentage__c");
        assertThat(marketplace.callCounts(SandboxMarketplace.CHANNEL_PARTNER).getOrDefault("StartChangeSet", 0L))
                .isEqualTo(started);
    }

    @Test
    void anOfferOnAnAuthorizationTheIsvRestrictedSinceTheLastSyncIsRefusedOnItsFieldAndNothingIsSent() {
        String restricted = lateAuthorization("Analytics deal restricted later", LocalDate.now().plusDays(90));
        String offer = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                lateRecord(restricted), latePartner))), "10");
        // The ISV restricts it in AWS Marketplace; Salesforce still shows the last sync.
        ObjectNode inAws = marketplace.entityDetails(restricted).orElseThrow();
        inAws.put("Status", "Restricted");
        marketplace.putEntity(SandboxMarketplace.SELLER, "ResaleAuthorization@1.0", restricted, inAws, Instant.now());
        assertThat(rest.get("MP_Shared_Resale_Authorization__c", lateRecord(restricted)).get("Status__c"))
                .isEqualTo("Active");
        long started = startedChangeSets(SandboxMarketplace.LATE_PARTNER);

        Map<String, Object> validated = awaitFinished(request("VALIDATE_OFFER", offer, latePartner));
        Map<String, Object> done = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", offer, latePartner));

        for (Map<String, Object> refused : List.of(validated, done)) {
            assertThat(refused.get("Status__c")).isEqualTo("Failed");
            assertThat((String) refused.get("Error__c")).contains("Shared_Resale_Authorization__c: The resale"
                    + " authorization Analytics deal restricted later (" + restricted + ") is Restricted")
                    .contains("Ask the ISV for a new resale authorization");
        }
        assertThat(startedChangeSets(SandboxMarketplace.LATE_PARTNER)).as("no StartChangeSet").isEqualTo(started);
        assertThat((String) rest.get("MP_Private_Offer__c", offer).get("Last_Error__c")).contains("is Restricted");
        assertThat(rest.get("MP_Shared_Resale_Authorization__c", lateRecord(restricted)).get("Status__c"))
                .as("refreshed as a sync would").isEqualTo("Restricted");
    }

    @Test
    void anOfferOnAnAuthorizationTheIsvEndedEarlySinceTheLastSyncIsRefusedOnItsFieldAndNothingIsSent() {
        String ended = lateAuthorization("Analytics deal ended early", LocalDate.now().plusDays(90));
        String offer = completed(draftOf(awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER",
                lateRecord(ended), latePartner))), "10");
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        ObjectNode inAws = marketplace.entityDetails(ended).orElseThrow();
        for (JsonNode rule : inAws.path("Rules")) {
            if ("AvailabilityRule".equals(rule.path("Type").asText())) {
                ((ObjectNode) rule).put("AvailabilityEndDate", yesterday + "T00:00:00.000Z");
            }
        }
        marketplace.putEntity(SandboxMarketplace.SELLER, "ResaleAuthorization@1.0", ended, inAws, Instant.now());
        long started = startedChangeSets(SandboxMarketplace.LATE_PARTNER);

        Map<String, Object> done = awaitFinished(request("CREATE_CHANNEL_PARTNER_OFFER", offer, latePartner));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("Shared_Resale_Authorization__c: The resale"
                + " authorization Analytics deal ended early (" + ended + ") expired on " + yesterday);
        assertThat(startedChangeSets(SandboxMarketplace.LATE_PARTNER)).as("no StartChangeSet").isEqualTo(started);
        Map<String, Object> shared = rest.get("MP_Shared_Resale_Authorization__c", lateRecord(ended));
        assertThat(shared.get("Status__c")).isEqualTo("Expired");
        assertThat(shared.get("Expiration_Date__c")).isEqualTo(yesterday.toString());
    }

    @Test
    void aChannelPartnerOfferImportedBeforeItsAuthorizationWasSyncedIsLinkedByTheNextRefresh() {
        latePartner = sellerAccount(partnerUser, SandboxMarketplace.LATE_PARTNER);
        String product = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String authorization = marketplace.shareResaleAuthorization(SandboxMarketplace.SELLER,
                SandboxMarketplace.LATE_PARTNER, product, "Analytics deal resold elsewhere", "Active", false, false,
                List.of(), LocalDate.now().plusDays(90).atStartOfDay(ZoneOffset.UTC).toInstant());
        // The partner made an offer on it in the AWS Marketplace Management Portal.
        String offerId = marketplace.addOffer(SandboxMarketplace.LATE_PARTNER, product, "Resold in the portal",
                List.of(BUYER));
        ObjectNode inAws = marketplace.entityDetails(offerId).orElseThrow();
        inAws.put("ResaleAuthorizationId", authorization);
        inAws.put("MarkupPercentage", "5");
        marketplace.putEntity(SandboxMarketplace.LATE_PARTNER, "Offer@1.0", offerId, inAws, Instant.now());

        Map<String, Object> imported = awaitFinished(importOffer(offerId, latePartner));

        assertThat(imported.get("Status__c")).as(String.valueOf(imported.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) imported.get("Result__c")).contains("its resale authorization " + authorization
                + " is not synced yet: refresh shared resale authorizations, which links it");
        String offer = (String) rest.query("SELECT Id FROM MP_Private_Offer__c WHERE Offer_Id__c = '" + offerId + "'")
                .get(0).get("Id");
        assertThat(rest.get("MP_Private_Offer__c", offer)).containsEntry("Offer_Type__c", "Channel Partner")
                .containsEntry("Resale_Authorization_Id__c", authorization)
                .containsEntry("Shared_Resale_Authorization__c", null);

        Map<String, Object> synced = awaitFinished(request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", latePartner,
                latePartner));

        assertThat(synced.get("Status__c")).as(String.valueOf(synced.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) synced.get("Result__c")).contains("1 channel partner offer linked to its authorization");
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Shared_Resale_Authorization__c"))
                .isEqualTo(lateRecord(authorization));
        Map<String, Object> again = awaitFinished(request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", latePartner,
                latePartner));
        assertThat((String) again.get("Result__c")).as("linked once").doesNotContain("linked");
    }

    private String importOffer(String offerId, String sellerAccount) {
        return desk.press(partnerUser, "IMPORT_OFFER", sellerAccount, sellerAccount,
                "{\"offerId\":\"" + offerId + "\"}");
    }

    /** An authorization the ISV shares with the late partner only, synced into Salesforce. */
    private String lateAuthorization(String name, LocalDate expires) {
        latePartner = sellerAccount(partnerUser, SandboxMarketplace.LATE_PARTNER);
        String id = marketplace.shareResaleAuthorization(SandboxMarketplace.SELLER, SandboxMarketplace.LATE_PARTNER,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS), name, "Active", false,
                false, List.of(), expires.atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, Object> synced = awaitFinished(request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", latePartner,
                latePartner));
        assertThat(synced.get("Status__c")).as(String.valueOf(synced.get("Error__c"))).isEqualTo("Succeeded");
        return id;
    }

    private String lateRecord(String resaleAuthorizationId) {
        String record = (String) rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + resaleAuthorizationId + "' AND Seller_Account__c = '"
                + latePartner + "'").get(0).get("Id");
        org.grantAccess(partnerUser, record);
        return record;
    }

    private long startedChangeSets(String account) {
        return marketplace.callCounts(account).getOrDefault("StartChangeSet", 0L);
    }

    /** What the partner adds to the prefilled draft. */
    private String completed(String draft, String markup) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Description__c", "Resold with onboarding by Example Reseller");
        fields.put("Buyer_Accounts__c", BUYER);
        fields.put("Markup_Percentage__c", new BigDecimal(markup));
        fields.put("Expiration_Date__c", LocalDate.now().plusDays(30).toString());
        fields.put("Reseller_Contract_Accepted__c", true);
        rest.update("MP_Private_Offer__c", draft, fields);
        return draft;
    }

    private void sync() {
        Map<String, Object> synced = awaitFinished(request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner));
        assertThat(synced.get("Status__c")).as(String.valueOf(synced.get("Error__c"))).isEqualTo("Succeeded");
    }

    /** The synced record of a shared authorization, which the partner's users may work on (a sharing rule). */
    private String authorization(String resaleAuthorizationId) {
        String record = (String) rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + resaleAuthorizationId + "' AND Seller_Account__c = '" + partner
                + "'").get(0).get("Id");
        org.grantAccess(partnerUser, record);
        return record;
    }

    private static String draftOf(Map<String, Object> request) {
        Matcher record = DRAFT.matcher(String.valueOf(request.get("Result__c")));
        assertThat(record.find()).as("the result names the draft: %s", request).isTrue();
        return record.group(1);
    }

    /** Dimension and kind to rate, as the draft's MP_Offer_Dimension__c rows hold them. */
    private Map<String, BigDecimal> rates(String offer) {
        Map<String, BigDecimal> rates = new HashMap<>();
        rest.query("SELECT Dimension_Key__c, Rate_Kind__c, Rate__c FROM MP_Offer_Dimension__c WHERE Private_Offer__c = '"
                + offer + "'").forEach(r -> rates.put(r.get("Rate_Kind__c") + " " + r.get("Dimension_Key__c"),
                new BigDecimal(r.get("Rate__c").toString()).stripTrailingZeros()));
        return rates;
    }

    /** The same, read from the authorization in the Catalog sandbox. */
    private Map<String, BigDecimal> wholesale(String resaleAuthorizationId) {
        JsonNode ra = marketplace.entityDetails(resaleAuthorizationId).orElseThrow();
        Map<String, BigDecimal> rates = new HashMap<>();
        term(ra, "ResaleConfigurableUpfrontPricingTerm").path("RateCards").path(0).path("RateCard").forEach(r ->
                rates.put("Upfront " + r.path("DimensionKey").asText(), new BigDecimal(r.path("Price").asText())
                        .stripTrailingZeros()));
        term(ra, "ResaleUsageBasedPricingTerm").path("RateCards").path(0).path("RateCard").forEach(r ->
                rates.put("Usage " + r.path("DimensionKey").asText(), new BigDecimal(r.path("Price").asText())
                        .stripTrailingZeros()));
        return rates;
    }

    private static JsonNode term(JsonNode details, String type) {
        for (JsonNode term : details.path("Terms")) {
            if (type.equals(term.path("Type").asText())) {
                return term;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private String request(String action, String target) {
        return request(action, target, partner);
    }

    private String request(String action, String target, String sellerAccount) {
        return desk.press(partnerUser, action, sellerAccount, target, null);
    }
}
