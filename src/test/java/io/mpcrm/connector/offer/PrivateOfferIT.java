package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.changeset.ServerFaultRestart;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ISV builds a private offer on a record, presses Create Offer, and gets a released offer with its id and buyer
 * URL, or a precise explanation of what is wrong.
 */
class PrivateOfferIT extends ConnectorOnSandbox {

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();

    private final String seller = org.createUser("Offer Seller " + System.nanoTime(), "Marketplace_User");
    private String sellerAccount;
    private String saasProduct;
    private static String amiContractProduct;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        saasProduct = syncedProduct(seller, sellerAccount,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
    }

    @Test
    void aSaasContractWithAPaymentScheduleIsReleasedAndShowsItsIdAndBuyerUrl() {
        // 10 users and 10 admins at 1,200 each: 24,000, paid in two installments that add up to it.
        String offer = contractOffer(LocalDate.now().plusDays(30));
        installments(offer, 12000, LocalDate.now().plusDays(10), LocalDate.now().plusDays(200));

        Map<String, Object> released = createdAndReleased(offer);
        assertThat((String) released.get("Offer_Id__c")).startsWith("offer-");
        assertThat((String) released.get("Offer_URL__c")).isEqualTo("https://aws.amazon.com/marketplace/procurement"
                + "?productId=" + SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS)
                + "&offerId=" + released.get("Offer_Id__c"));
        assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).hasValueSatisfying(details ->
                assertThat(details.toString()).contains("PaymentScheduleTerm").contains("444455556666"));
    }

    @Test
    void anInvalidOfferIsExplainedFieldByFieldAndNothingIsSentToAws() {
        String offer = contractOffer(LocalDate.now().minusDays(1));
        rest.update("MP_Private_Offer__c", offer, Map.of("Buyer_Accounts__c", "12345, 444455556666"));
        long started = marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L);

        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", sellerAccount, offer));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("Buyer_Accounts__c").contains("12345")
                .contains("Expiration_Date__c");
        assertThat((String) rest.get("MP_Private_Offer__c", offer).get("Last_Error__c")).contains("Buyer_Accounts__c");
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L))
                .isEqualTo(started);
    }

    @Test
    void validatingShowsTheChangeSetThatWouldBeSent() {
        String offer = contractOffer(LocalDate.now().plusDays(30));

        Map<String, Object> done = awaitFinished(request("VALIDATE_OFFER", sellerAccount, offer));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).startsWith("The offer is valid. Buyers will see it named"
                        + " \"Acme three-year deal\". This change set would be sent:")
                .contains("\"ChangeType\" : \"CreateOffer\"").contains("ReleaseOffer").contains("444455556666");
    }

    @Test
    void anOfferNameOfSpacesCountsAsNoneSoBuyersSeeTheRecordsNameAndValidateOfferSaysSo() {
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        fields.put("Name", "Acme renewal 2027");
        fields.put("Offer_Name__c", "   ");
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, saasProduct, "Entitled", "Upfront", 1200, 10);

        Map<String, Object> done = awaitFinished(request("VALIDATE_OFFER", sellerAccount, offer));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).startsWith("The offer is valid. Buyers will see it named"
                        + " \"Acme renewal 2027\" (the record's Name, because Offer Name is empty).")
                .contains("\"Name\" : \"Acme renewal 2027\"");
    }

    @Test
    void anOfferAwsFailsInternallyIsStartedAgainByTheConnectorAndReleasedWithTwoChangeSets() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        long started = startedChangeSets();
        marketplace.failNextChangeSetWithServerFault();
        // Long enough PREPARING for the seller to see the second change set on the record.
        marketplace.setChangeSetDelays(Duration.ofSeconds(5), Duration.ofSeconds(1));
        try {
            String request = request("CREATE_OFFER", sellerAccount, offer);
            assertThat(awaitFinished(request).get("Status__c")).isEqualTo("Succeeded");
            // The token derives from the offer and its revision (the first: no change set before).
            String first = marketplace.changeSetsByToken(SandboxMarketplace.SELLER)
                    .get(new io.mpcrm.connector.request.RecordRevision(org.orgId(), offer, null).clientRequestToken()).get(0);

            Map<String, Object> startedAgain = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rest.get("MP_Private_Offer__c", offer), r -> r.get("Change_Set_Id__c") != null
                            && !first.equals(r.get("Change_Set_Id__c")));
            assertThat(marketplace.changeSetStatus(first)).isEqualTo("FAILED");
            assertThat(startedAgain.get("Status__c")).isEqualTo("PREPARING");
            assertThat(startedAgain.get("Change_Set_Id__c")).isEqualTo(marketplace.changeSetsByToken(
                    SandboxMarketplace.SELLER).get(ServerFaultRestart.token(first)).get(0));
            assertThat(startedAgain.get("Last_Error__c")).isNull();

            Map<String, Object> released = awaitOffer(offer, "Released");
            assertThat(released.get("Change_Set_Id__c")).isEqualTo(startedAgain.get("Change_Set_Id__c"));
            assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).hasValueSatisfying(details ->
                    assertThat(details.path("State").asText()).isEqualTo("Released"));
            assertThat(startedChangeSets() - started).as("StartChangeSet calls").isEqualTo(2);
        } finally {
            marketplace.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    @Test
    void anOfferAwsFailsInternallyFourTimesInARowShowsFailedAndSaysWhatToDo() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        long started = startedChangeSets();
        marketplace.failNextChangeSetsWithServerFault(4);

        assertThat(awaitFinished(request("CREATE_OFFER", sellerAccount, offer)).get("Status__c")).isEqualTo("Succeeded");

        Map<String, Object> failed = awaitOffer(offer, "FAILED");
        assertThat((String) failed.get("Last_Error__c")).contains("SERVER_FAULT")
                .contains("AWS failed internally 4 times in a row").contains("create the offer again")
                .contains((String) failed.get("Change_Set_Id__c"));
        assertThat(failed.get("Offer_Id__c")).isNull();
        assertThat(startedChangeSets() - started).as("the first and three more").isEqualTo(4);
    }

    @Test
    void aReleasedOfferCanBeCancelledAndCloned() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        createdAndReleased(offer);

        assertThat(awaitFinished(request("CANCEL_OFFER", sellerAccount, offer)).get("Status__c")).isEqualTo("Succeeded");
        awaitOffer(offer, "Cancelled");

        Map<String, Object> cloned = awaitFinished(request("CLONE_OFFER", sellerAccount, offer));
        assertThat(cloned.get("Status__c")).isEqualTo("Succeeded");
        List<Map<String, Object>> clones = as(seller).query("SELECT Id, Buyer_Accounts__c, Status__c, Offer_Id__c FROM"
                + " MP_Private_Offer__c WHERE Cloned_From__c = '" + offer + "'");
        assertThat(clones).as("the clone, as the seller who cloned sees it").singleElement().satisfies(c -> {
            assertThat((String) c.get("Buyer_Accounts__c")).contains("444455556666").contains(SandboxMarketplace.SELLER);
            assertThat(c.get("Offer_Id__c")).isNull();
        });
        assertThat(as(seller).query("SELECT Id FROM MP_Offer_Dimension__c WHERE Private_Offer__c = '"
                + clones.get(0).get("Id") + "'")).isNotEmpty();
        as(seller).update("MP_Private_Offer__c", (String) clones.get(0).get("Id"),
                Map.of("Expiration_Date__c", LocalDate.now().plusDays(60).toString()));
    }

    @Test
    void aClonedOfferWithTheSellersOwnAccountAmongTheBuyersIsCompletedAndReleasedWithItsUrl() throws Exception {
        String original = contractOffer(LocalDate.now().plusDays(30));
        installments(original, 12000, LocalDate.now().plusDays(10), LocalDate.now().plusDays(200));
        attachCustomEula(original, "acme-eula.pdf");
        assertThat(awaitFinished(request("CREATE_OFFER", sellerAccount, original)).get("Status__c"))
                .isEqualTo("Succeeded");
        String originalId = (String) awaitOffer(original, "Released").get("Offer_Id__c");

        Map<String, Object> cloned = awaitFinished(request("CLONE_OFFER", sellerAccount, original));
        assertThat(cloned.get("Status__c")).as(String.valueOf(cloned.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> clone = rest.query("SELECT Id, Buyer_Accounts__c, Last_Error__c, Status__c FROM"
                + " MP_Private_Offer__c WHERE Cloned_From__c = '" + original + "'").get(0);
        String copy = (String) clone.get("Id");
        assertThat((String) clone.get("Buyer_Accounts__c")).contains(ContractOffer.BUYER)
                .contains(SandboxMarketplace.SELLER);
        assertThat((String) clone.get("Last_Error__c")).contains("Attach the custom EULA to this offer again");
        assertThat(rest.query("SELECT Id FROM MP_Payment_Installment__c WHERE Private_Offer__c = '" + copy + "'"))
                .hasSize(2);

        // What Clone leaves to the seller: the EULA file again, and a new expiration date.
        attachCustomEula(copy, "acme-eula-2027.pdf");
        rest.update("MP_Private_Offer__c", copy, Map.of("Expiration_Date__c", LocalDate.now().plusDays(45).toString()));
        Map<String, Object> validated = awaitFinished(request("VALIDATE_OFFER", sellerAccount, copy));
        assertThat(validated.get("Status__c")).as(String.valueOf(validated.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> created = awaitFinished(request("CREATE_OFFER", sellerAccount, copy));

        assertThat(created.get("Status__c")).as(String.valueOf(created.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> ended = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("MP_Private_Offer__c", copy),
                        r -> "Released".equals(r.get("Status__c")) || "FAILED".equals(r.get("Status__c")));
        assertThat(ended.get("Status__c")).as(String.valueOf(ended.get("Last_Error__c"))).isEqualTo("Released");
        String cloneId = (String) ended.get("Offer_Id__c");
        assertThat(cloneId).startsWith("offer-").isNotEqualTo(originalId);
        assertThat((String) ended.get("Offer_URL__c")).isEqualTo("https://aws.amazon.com/marketplace/procurement"
                + "?productId=" + SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS)
                + "&offerId=" + cloneId);
        JsonNode details = marketplace.entityDetails(cloneId).orElseThrow();
        assertThat(details.path("State").asText()).isEqualTo("Released");
        JsonNode buyers = details.path("Rules").findValue("BuyerAccounts");
        assertThat(buyers).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(ContractOffer.BUYER, SandboxMarketplace.SELLER);
        assertThat(term(details, "PaymentScheduleTerm").path("Schedule")).hasSize(2);
        assertThat(term(details, "LegalTerm").path("Documents").path(0).path("Type").asText()).isEqualTo("CustomEula");
    }

    /** The seller uploads a EULA file to the offer and chooses it as the offer's custom EULA. */
    private void attachCustomEula(String offer, String fileName) {
        byte[] eula = ("%PDF-1.4\n% " + fileName + " " + System.nanoTime() + "\n%%EOF\n").getBytes();
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", fileName,
                "VersionData", java.util.Base64.getEncoder().encodeToString(eula), "FirstPublishLocationId", offer));
        String document = (String) org.get("ContentVersion", version).get("ContentDocumentId");
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Type__c", "CustomEula", "EULA_Document_Id__c", document));
    }

    @Test
    void aReleasedOfferCannotBeCreatedSavedOrValidatedAgainAndTheSellerIsToldWhatStillWorks() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        awaitFinished(request("CREATE_OFFER", sellerAccount, offer));
        String offerId = (String) awaitOffer(offer, "Released").get("Offer_Id__c");
        Map<String, Long> before = marketplace.callCounts(SandboxMarketplace.SELLER);

        for (String action : List.of("CREATE_OFFER", "SAVE_OFFER_DRAFT", "VALIDATE_OFFER")) {
            Map<String, Object> refused = awaitFinished(request(action, sellerAccount, offer));

            assertThat(refused.get("Status__c")).as(action).isEqualTo("Failed");
            assertThat((String) refused.get("Error__c")).as(action).contains("Status__c").contains(offerId)
                    .contains("only its expiration date can change")
                    .contains("MODIFY_OFFER_EXPIRATION", "CANCEL_OFFER", "CLONE_OFFER");
            Map<String, Object> record = rest.get("MP_Private_Offer__c", offer);
            assertThat((String) record.get("Last_Error__c")).as(action).contains(action).contains("CLONE_OFFER");
            assertThat(record.get("Status__c")).isEqualTo("Released");
            assertThat(record.get("Offer_Id__c")).isEqualTo(offerId);
        }
        Map<String, Long> after = marketplace.callCounts(SandboxMarketplace.SELLER);
        for (String operation : List.of("StartChangeSet", "DescribeChangeSet", "DescribeEntity", "AssumeRole")) {
            assertThat(after.get(operation)).as("no %s", operation).isEqualTo(before.get(operation));
        }
    }

    @Test
    void aCustomEulaAttachedToTheOfferIsStoredEncryptedAndSentAsAPresignedUrl() throws Exception {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        byte[] eula = ("%PDF-1.4\n% Acme custom EULA " + System.nanoTime() + "\n%%EOF\n").getBytes();
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", "acme-eula.pdf",
                "VersionData", java.util.Base64.getEncoder().encodeToString(eula), "FirstPublishLocationId", offer));
        String document = (String) org.get("ContentVersion", version).get("ContentDocumentId");
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Type__c", "CustomEula", "EULA_Document_Id__c", document));

        Map<String, Object> released = createdAndReleased(offer);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(eula));
        String bucket = SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER);
        assertThat(SandboxMarketplace.s3().keys(bucket)).contains("eulas/" + sha + ".pdf");
        assertThat(SandboxMarketplace.s3().metadata(bucket, "eulas/" + sha + ".pdf"))
                .containsEntry("x-amz-server-side-encryption", "AES256");
        assertThat(released.get("EULA_Url__c")).isEqualTo("s3://" + bucket + "/eulas/" + sha + ".pdf");
        var legal = marketplace.entityDetails((String) released.get("Offer_Id__c")).orElseThrow().path("Terms")
                .findValues("Documents").get(0).get(0);
        assertThat(legal.path("Type").asText()).isEqualTo("CustomEula");
        String url = legal.path("Url").asText();
        var fetched = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).isEqualTo(eula);
    }

    @Test
    void anAmiHourlyOfferIsReleasedWithAUsageRateOnEveryInstanceType() {
        String amiProduct = (String) rest.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '"
                + SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.AMI) + "'").get(0).get("Id");
        String offer = amiUsageOffer(amiProduct, null);
        rates(offer, amiProduct, "Metered", "Usage", 0.125, null);

        Map<String, Object> released = createdAndReleased(offer);
        assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).hasValueSatisfying(details ->
                assertThat(details.toString()).contains("UsageBasedPricingTerm").contains("0.125"));
    }

    @Test
    void anAmiOfferWithHourlyAndAnnualPricingSellsAYearOfEachInstanceTypeUpfront() {
        String amiProduct = syncedProduct(SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.AMI));
        String offer = amiUsageOffer(amiProduct, "P365D");
        rates(offer, amiProduct, "Metered", "Usage", 0.125, null);
        rates(offer, amiProduct, "Metered", "Upfront", 800, null);

        createdAndReleased(offer);
        JsonNode details = releasedDetails(offer);
        assertThat(details.get("Terms").findValues("Type")).extracting(JsonNode::asText)
                .contains("UsageBasedPricingTerm", "ConfigurableUpfrontPricingTerm");
        JsonNode annual = term(details, "ConfigurableUpfrontPricingTerm").path("RateCards").get(0);
        assertThat(annual.path("Selector").path("Value").asText()).isEqualTo("P365D");
        assertThat(annual.path("RateCard").findValuesAsText("Price")).containsOnly("800");
        assertThat(term(details, "UsageBasedPricingTerm").findValuesAsText("Price")).containsOnly("0.125");
    }

    @Test
    void anAmiContractSellsEntitledUnitsForTwelveMonths() {
        String amiContractProduct = syncedProduct(amiContractProductId());
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        fields.put("Product__c", amiContractProduct);
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, amiContractProduct, "Entitled", "Upfront", 220, 5);

        createdAndReleased(offer);
        JsonNode details = releasedDetails(offer);
        JsonNode contract = term(details, "ConfigurableUpfrontPricingTerm").path("RateCards").get(0);
        assertThat(contract.path("Selector").path("Value").asText()).isEqualTo("P12M");
        assertThat(contract.path("RateCard").get(0).path("DimensionKey").asText()).isEqualTo("ReadOnlyUsers");
        assertThat(contract.path("RateCard").get(0).path("Price").asText()).isEqualTo("220");
        assertThat(term(details, "UsageBasedPricingTerm")).as("no hourly charge on a contract").isNull();
    }

    @Test
    void anAmiAnnualOfferPaidInInstallmentsGrantsTheInstancesForZeroAndChargesTheSchedule() {
        String amiProduct = syncedProduct(SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.AMI));
        String offer = amiUsageOffer(amiProduct, "P365D");
        rates(offer, amiProduct, "Metered", "Usage", 0.125, null);
        rates(offer, amiProduct, "Metered", "Upfront", 800, 2);
        // Two of each of the three instance types at 800 a year: 4,800, in three installments.
        installments(offer, 1600, LocalDate.now().plusDays(10), LocalDate.now().plusDays(100),
                LocalDate.now().plusDays(200));

        createdAndReleased(offer);
        JsonNode details = releasedDetails(offer);
        JsonNode fixed = term(details, "FixedUpfrontPricingTerm");
        assertThat(new java.math.BigDecimal(fixed.path("Price").asText())).isZero();
        assertThat(fixed.path("Duration").asText()).isEqualTo("P365D");
        assertThat(fixed.path("Grants").findValuesAsText("MaxQuantity")).containsOnly("2");
        assertThat(term(details, "PaymentScheduleTerm").path("Schedule").findValuesAsText("ChargeDate"))
                .hasSize(3).first().asString().startsWith(LocalDate.now().plusDays(10).toString());
        assertThat(term(details, "UsageBasedPricingTerm")).isNotNull();
        assertThat(term(details, "ConfigurableUpfrontPricingTerm")).as("the schedule carries the money").isNull();
    }

    @Test
    void aFutureDatedSaasContractStartsAfterTheOfferExpires() {
        LocalDate expiration = LocalDate.now().plusDays(30);
        Map<String, Object> fields = offerFields(expiration);
        fields.remove("Service_Length__c");
        fields.put("Service_Start_Date__c", expiration.plusDays(15).toString());
        fields.put("Service_End_Date__c", expiration.plusDays(15).plusYears(1).minusDays(1).toString());
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, saasProduct, "Entitled", "Upfront", 1200, 10);

        Map<String, Object> released = createdAndReleased(offer);
        assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).hasValueSatisfying(details ->
                assertThat(details.toString()).contains("AgreementStartDate")
                        .contains(expiration.plusDays(15).toString()));
    }

    @Test
    void refreshingTheStatusReadsTheChangeSetAtOnce() throws Exception {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        whileTrackerStopped(() -> {
            awaitFinished(request("CREATE_OFFER", sellerAccount, offer));
            assertThat(rest.get("MP_Private_Offer__c", offer).get("Status__c")).as("nobody looked yet")
                    .isEqualTo("PREPARING");

            // A seller presses Refresh Offer Status until AWS has finished (about two seconds in the sandbox).
            Map<String, Object> done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> awaitFinished(request("REFRESH_OFFER_STATUS", sellerAccount, offer)),
                            r -> String.valueOf(r.get("Result__c")).contains("released; buyers open it at"));

            assertThat(done.get("Status__c")).isEqualTo("Succeeded");
            assertThat(rest.get("MP_Private_Offer__c", offer).get("Status__c")).isEqualTo("Released");
        });
    }

    @Test
    void aZeroDollarContractIsReleasedOnlyBecauseTheSellerSaidSo() {
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, saasProduct, "Entitled", "Upfront", 0, 10);

        Map<String, Object> refused = awaitFinished(request("CREATE_OFFER", sellerAccount, offer));
        assertThat(refused.get("Status__c")).isEqualTo("Failed");
        assertThat((String) refused.get("Error__c")).contains("Rate__c").contains("tick Zero Dollar Pricing");

        rest.update("MP_Private_Offer__c", offer, Map.of("Zero_Dollar_Pricing__c", true));
        createdAndReleased(offer);
    }

    @Test
    void aContractWithConsumptionChargesUpfrontAndForUsageOnTop() {
        String offer = org.insertAs(seller, "MP_Private_Offer__c", offerFields(LocalDate.now().plusDays(30)));
        rates(offer, saasProduct, "Entitled", "Upfront", 1200, 10);
        rates(offer, saasProduct, "Metered", "Usage", 0.02, null);

        Map<String, Object> released = createdAndReleased(offer);
        assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).hasValueSatisfying(details ->
                assertThat(details.toString()).contains("ConfigurableUpfrontPricingTerm")
                        .contains("UsageBasedPricingTerm"));
    }

    @Test
    void aSaasUsageOfferChargesOnlyForWhatIsMetered() {
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        fields.put("Pricing_Model__c", "Usage");
        fields.put("Service_Length__c", "P30D");
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, saasProduct, "Metered", "Usage", 0.015, null);

        createdAndReleased(offer);
    }

    @Test
    void aContainerContractIsReleased() {
        String containerProduct = (String) rest.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '"
                + SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.CONTAINER) + "'")
                .get(0).get("Id");
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        fields.put("Product__c", containerProduct);
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, containerProduct, "Entitled", "Upfront", 500, 4);

        createdAndReleased(offer);
    }

    @Test
    void aRenewalOfAnExistingSubscriptionSaysWhereItWasBought() {
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        fields.put("Renewal__c", true);
        fields.put("Renewal_Acquisition_Channel__c", "External");
        fields.put("Renewal_Pricing_Model__c", "Contract");
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        rates(offer, saasProduct, "Entitled", "Upfront", 1200, 10);

        Map<String, Object> released = createdAndReleased(offer);
        assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).hasValueSatisfying(details ->
                assertThat(details.path("PreExistingAgreement").path("AcquisitionChannel").asText())
                        .isEqualTo("External"));
    }

    @Test
    void aDraftSavedFirstIsReleasedLaterAsTheSameOffer() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        awaitFinished(request("SAVE_OFFER_DRAFT", sellerAccount, offer));
        String draftId = (String) awaitOffer(offer, "Draft").get("Offer_Id__c");
        assertThat(draftId).startsWith("offer-");

        assertThat(awaitFinished(request("CREATE_OFFER", sellerAccount, offer)).get("Status__c")).isEqualTo("Succeeded");

        assertThat(awaitOffer(offer, "Released").get("Offer_Id__c")).as("no second offer").isEqualTo(draftId);
    }

    @Test
    void aDraftSavedAgainIsStillADraft() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        awaitFinished(request("SAVE_OFFER_DRAFT", sellerAccount, offer));
        Map<String, Object> first = awaitOffer(offer, "Draft");
        rest.update("MP_Private_Offer__c", offer, Map.of("Description__c", "Private pricing for Acme Corp, revised"));

        assertThat(awaitFinished(request("SAVE_OFFER_DRAFT", sellerAccount, offer)).get("Status__c"))
                .isEqualTo("Succeeded");

        // The second change set updates the draft AWS holds: no CreateOffer, no ReleaseOffer.
        Map<String, Object> saved = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("MP_Private_Offer__c", offer), r -> !first.get("Change_Set_Id__c")
                        .equals(r.get("Change_Set_Id__c")) && !List.of("PREPARING", "APPLYING").contains(r.get("Status__c")));
        assertThat(saved.get("Status__c")).isEqualTo("Draft");
        assertThat(saved.get("Offer_Id__c")).isEqualTo(first.get("Offer_Id__c"));
        assertThat(saved.get("Offer_URL__c")).isNull();
    }

    @Test
    void anOfferMadeElsewhereIsImportedOnceHoweverOftenItIsImported() {
        String offerId = SandboxMarketplace.seed().offerId();

        for (int i = 0; i < 2; i++) {
            Map<String, Object> done = awaitFinished(importOffer(offerId));
            assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        }

        List<Map<String, Object>> imported = as(seller).query("SELECT Id, Status__c, Buyer_Accounts__c, Product__c FROM"
                + " MP_Private_Offer__c WHERE Offer_Id__c = '" + offerId + "'");
        assertThat(imported).as("the offer, as the seller who imported it sees it").singleElement().satisfies(r -> {
            assertThat(r.get("Status__c")).isEqualTo("Released");
            assertThat((String) r.get("Buyer_Accounts__c")).contains("444455556666");
            assertThat(r.get("Product__c")).isEqualTo(saasProduct);
        });
    }

    @Test
    void aCancelledOfferImportedAgainStaysCancelledWithItsPastExpirationDate() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        awaitFinished(request("CREATE_OFFER", sellerAccount, offer));
        String offerId = (String) awaitOffer(offer, "Released").get("Offer_Id__c");
        assertThat(awaitFinished(request("CANCEL_OFFER", sellerAccount, offer)).get("Status__c")).isEqualTo("Succeeded");
        String endedOn = (String) awaitOffer(offer, "Cancelled").get("Expiration_Date__c");

        Map<String, Object> imported = awaitFinished(importOffer(offerId));

        assertThat(imported.get("Status__c")).as(String.valueOf(imported.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> shown = rest.get("MP_Private_Offer__c", offer);
        assertThat(shown.get("Expiration_Date__c")).isEqualTo(endedOn);
        assertThat(LocalDate.parse(endedOn)).isBefore(LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(shown.get("Status__c")).as("its availability ended before it was last changed: the seller ended it")
                .isEqualTo("Cancelled");
    }

    @Test
    void anOfferWhoseExpirationDatePassedIsImportedAsExpired() {
        String product = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String offerId = marketplace.addOffer(SandboxMarketplace.SELLER, product, "Ran out", List.of("444455556666"));
        // Released two months ago to expire ten days ago; nobody changed it since.
        String tenDaysAgo = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(10).toString();
        com.fasterxml.jackson.databind.node.ObjectNode inAws = marketplace.entityDetails(offerId).orElseThrow();
        inAws.path("Rules").forEach(rule -> {
            if ("AvailabilityRule".equals(rule.path("Type").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) rule).put("AvailabilityEndDate",
                        tenDaysAgo + "T00:00:00.000Z");
            }
        });
        marketplace.putEntity(SandboxMarketplace.SELLER, "Offer@1.0", offerId, inAws,
                java.time.Instant.now().minus(Duration.ofDays(60)));

        Map<String, Object> imported = awaitFinished(importOffer(offerId));

        assertThat(imported.get("Status__c")).as(String.valueOf(imported.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(as(seller).query("SELECT Status__c, Expiration_Date__c FROM MP_Private_Offer__c WHERE Offer_Id__c = '"
                + offerId + "'")).singleElement().satisfies(r -> {
                    assertThat(r.get("Expiration_Date__c")).isEqualTo(tenDaysAgo);
                    assertThat(r.get("Status__c")).isEqualTo("Expired");
                });
    }

    @Test
    void anImportSalesforceRefusesKeepsTheOfferWithAllItsEarlierRatesAndInstallments() {
        String record = contractOffer(LocalDate.now().plusDays(30));
        installments(record, 12000, LocalDate.now().plusDays(10), LocalDate.now().plusDays(200));
        awaitFinished(request("CREATE_OFFER", sellerAccount, record));
        String offerId = (String) awaitOffer(record, "Released").get("Offer_Id__c");
        String rows = "SELECT Id FROM MP_Offer_Dimension__c WHERE Private_Offer__c = '" + record + "' ORDER BY Id";
        String charges = "SELECT Id FROM MP_Payment_Installment__c WHERE Private_Offer__c = '" + record + "' ORDER BY Id";
        List<Map<String, Object>> rates = rest.query(rows);
        List<Map<String, Object>> installments = rest.query(charges);
        assertThat(rates).isNotEmpty();
        assertThat(installments).hasSize(2);
        // Importing it refreshes the record from AWS; a validation rule of the org refuses the new rows.
        org.failNext("collections.create", 1, 400, "FIELD_CUSTOM_VALIDATION_EXCEPTION");

        Map<String, Object> again = awaitFinished(importOffer(offerId));

        assertThat(rest.query(rows)).as("nothing half-replaced").isEqualTo(rates);
        assertThat(rest.query(charges)).as("nothing half-replaced").isEqualTo(installments);
        assertThat(again.get("Status__c")).isEqualTo("Failed");
        assertThat((String) again.get("Error__c")).contains("Salesforce refused");
    }

    @Test
    void aCloneSalesforceRefusesLeavesNoCopyWithoutItsRates() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        org.failNext("collections.create", 1, 400, "FIELD_CUSTOM_VALIDATION_EXCEPTION");

        Map<String, Object> cloned = awaitFinished(request("CLONE_OFFER", sellerAccount, offer));

        assertThat(rest.query("SELECT Id FROM MP_Private_Offer__c WHERE Cloned_From__c = '" + offer + "'"))
                .as("no copy without its rates").isEmpty();
        assertThat(cloned.get("Status__c")).isEqualTo("Failed");
    }

    private String importOffer(String offerId) {
        return desk.press(seller, "IMPORT_OFFER", sellerAccount, sellerAccount, "{\"offerId\":\"" + offerId + "\"}");
    }

    @Test
    void anOfferLockedByAnotherChangeSetWaitsAndThenChanges() {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        awaitFinished(request("CREATE_OFFER", sellerAccount, offer));
        String offerId = (String) awaitOffer(offer, "Released").get("Offer_Id__c");

        // A change set the connector did not start (another tool, the AWS console) holds the offer for a while.
        marketplace.lockByForeignChangeSet(offerId, Duration.ofSeconds(3));
        Map<String, Object> later = awaitFinished(expiration(offer, LocalDate.now().plusDays(50)));

        assertThat(later.get("Status__c")).as(String.valueOf(later.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) later.get("Result__c")).contains("Expiration change to " + LocalDate.now().plusDays(50)
                + " sent to AWS Marketplace");
        assertThat(awaitOffer(offer, "Released").get("Expiration_Date__c"))
                .isEqualTo(LocalDate.now().plusDays(50).toString());
    }

    @Test
    void anotherDateWhileAChangeIsOnItsWayStartsNothingSoTheRecordFollowsTheChangeSetAwsHas() throws Exception {
        LocalDate first = LocalDate.now().plusDays(40);
        LocalDate second = LocalDate.now().plusDays(50);
        String offer = contractOffer(LocalDate.now().plusDays(30));
        createdAndReleased(offer);
        long started = startedChangeSets();

        whileTrackerStopped(() -> {
            assertThat(awaitFinished(expiration(offer, first)).get("Status__c")).isEqualTo("Succeeded");
            String changeSet = (String) rest.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c");

            Map<String, Object> other = awaitFinished(expiration(offer, second));
            Map<String, Object> cancel = awaitFinished(request("CANCEL_OFFER", sellerAccount, offer));

            assertThat(other.get("Status__c")).isEqualTo("Failed");
            assertThat((String) other.get("Error__c")).contains("Status__c").contains("on its way")
                    .contains(changeSet).contains("Refresh Offer Status").contains("Modify Expiration again");
            assertThat(cancel.get("Status__c")).isEqualTo("Failed");
            assertThat((String) cancel.get("Error__c")).contains("on its way").contains(changeSet)
                    .contains("Cancel Offer again");
            assertThat(startedChangeSets() - started).as("one change set").isEqualTo(1);
            assertThat(rest.get("MP_Private_Offer__c", offer).get("Requested_Expiration__c"))
                    .isEqualTo(first.toString());
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("MP_Private_Offer__c", offer),
                        r -> first.toString().equals(r.get("Expiration_Date__c")) && "Released".equals(r.get("Status__c")));
    }

    @Test
    void aNewExpirationIsShownAsRequestedUntilAwsHasItAndTheRequestSaysItWasSent() throws Exception {
        LocalDate expires = LocalDate.now().plusDays(30);
        LocalDate later = LocalDate.now().plusDays(50);
        String offer = contractOffer(expires);
        createdAndReleased(offer);

        // Nobody reads the change set while the seller looks at the record: AWS has not applied it yet.
        whileTrackerStopped(() -> {
            Map<String, Object> sent = awaitFinished(expiration(offer, later));

            assertThat(sent.get("Status__c")).as(String.valueOf(sent.get("Error__c"))).isEqualTo("Succeeded");
            assertThat((String) sent.get("Result__c")).contains("sent to AWS Marketplace").contains(later.toString())
                    .doesNotContain("changed");
            Map<String, Object> onItsWay = as(seller).get("MP_Private_Offer__c", offer);
            assertThat(onItsWay.get("Status__c")).isEqualTo("PREPARING");
            assertThat(onItsWay.get("Expiration_Date__c")).as("the date AWS has").isEqualTo(expires.toString());
            assertThat(onItsWay.get("Requested_Expiration__c")).isEqualTo(later.toString());
        });

        Map<String, Object> changed = awaitOffer(offer, "Released");
        assertThat(changed.get("Expiration_Date__c")).isEqualTo(later.toString());
        assertThat(changed.get("Requested_Expiration__c")).isNull();
        assertThat(changed.get("Last_Error__c")).isNull();
    }

    @Test
    void anExpirationAwsRefusesLeavesTheDateAwsHasAndShowsTheRequestedOneWithAwsReason() {
        LocalDate expires = LocalDate.now().plusDays(30);
        LocalDate refused = LocalDate.now().plusDays(250);
        String offer = releasedWithAScheduleOnlyAwsKnows(expires);

        Map<String, Object> sent = awaitFinished(expiration(offer, refused));
        assertThat(sent.get("Status__c")).as(String.valueOf(sent.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) sent.get("Result__c")).contains("sent to AWS Marketplace");

        Map<String, Object> record = awaitChangeSetEnded(offer);
        assertThat(record.get("Status__c")).as("the offer is still live in AWS").isEqualTo("Released");
        assertThat(record.get("Expiration_Date__c")).as("the date AWS has").isEqualTo(expires.toString());
        assertThat(record.get("Requested_Expiration__c")).as("the date AWS refused").isEqualTo(refused.toString());
        assertThat((String) record.get("Last_Error__c")).contains("TOO_MANY_BACKDATED_CHARGES")
                .contains(refused.toString()).contains("expires on " + expires)
                .contains("Modify Expiration").doesNotContain("create it again").doesNotContain("create the offer");
        assertThat(availabilityEnd(marketplace.entityDetails((String) record.get("Offer_Id__c"))
                .orElseThrow())).isEqualTo(expires.toString());
    }

    @Test
    void refreshingTheStatusPutsBackTheDateAwsHasOnARecordThatShowsARefusedOne() {
        LocalDate expires = LocalDate.now().plusDays(30);
        LocalDate refused = LocalDate.now().plusDays(250);
        String offer = releasedWithAScheduleOnlyAwsKnows(expires);
        awaitFinished(expiration(offer, refused));
        awaitChangeSetEnded(offer);
        // As earlier versions of the connector left such an offer: the refused date shown as the offer's, and FAILED.
        rest.update("MP_Private_Offer__c", offer, Map.of("Expiration_Date__c", refused.toString(),
                "Status__c", "FAILED"));

        Map<String, Object> refreshed = awaitFinished(request("REFRESH_OFFER_STATUS", sellerAccount, offer));

        assertThat(refreshed.get("Status__c")).as(String.valueOf(refreshed.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> record = rest.get("MP_Private_Offer__c", offer);
        assertThat(record.get("Status__c")).isEqualTo("Released");
        assertThat(record.get("Expiration_Date__c")).isEqualTo(expires.toString());
        assertThat((String) record.get("Last_Error__c")).contains("TOO_MANY_BACKDATED_CHARGES");
    }

    @Test
    void aModifyThatWouldChangeNothingStartsNothingAndASecondPressWhileTheFirstIsOnItsWaySaysSo() throws Exception {
        LocalDate expires = LocalDate.now().plusDays(30);
        LocalDate later = LocalDate.now().plusDays(50);
        String offer = contractOffer(expires);
        createdAndReleased(offer);
        long started = startedChangeSets();

        Map<String, Object> same = awaitFinished(expiration(offer, expires));

        assertThat(same.get("Status__c")).isEqualTo("Failed");
        assertThat((String) same.get("Error__c")).contains("Expiration_Date__c")
                .contains("already expires on " + expires);
        assertThat(startedChangeSets()).as("nothing sent").isEqualTo(started);

        whileTrackerStopped(() -> {
            assertThat(awaitFinished(expiration(offer, later)).get("Status__c")).isEqualTo("Succeeded");
            String changeSet = (String) rest.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c");

            Map<String, Object> again = awaitFinished(expiration(offer, later));

            assertThat(again.get("Status__c")).isEqualTo("Failed");
            assertThat((String) again.get("Error__c")).contains("on its way").contains(later.toString())
                    .contains(changeSet).contains("Refresh Offer Status");
            assertThat(startedChangeSets() - started).as("one change set").isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("MP_Private_Offer__c", offer),
                        r -> later.toString().equals(r.get("Expiration_Date__c")));
    }

    @Test
    void cancellingTwiceAtOnceStartsOneChangeSetAndCancellingACancelledOfferStartsNothing() throws Exception {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        createdAndReleased(offer);
        long started = startedChangeSets();

        whileTrackerStopped(() -> {
            // Pressed twice in a row: the connector takes the two requests one after the other.
            List<String> presses = List.of(request("CANCEL_OFFER", sellerAccount, offer),
                    request("CANCEL_OFFER", sellerAccount, offer));
            List<Map<String, Object>> ended = presses.stream().map(this::awaitFinished).toList();

            assertThat(ended).filteredOn(r -> "Succeeded".equals(r.get("Status__c"))).singleElement()
                    .satisfies(r -> assertThat((String) r.get("Result__c")).contains("sent to AWS Marketplace"));
            String changeSet = (String) rest.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c");
            assertThat(ended).filteredOn(r -> "Failed".equals(r.get("Status__c"))).singleElement()
                    .satisfies(r -> assertThat((String) r.get("Error__c")).contains("cancellation")
                            .contains("on its way").contains(changeSet).contains("Refresh Offer Status"));
            assertThat(startedChangeSets() - started).as("one change set").isEqualTo(1);
        });
        Map<String, Object> cancelled = awaitOffer(offer, "Cancelled");
        assertThat(cancelled.get("Expiration_Date__c")).isEqualTo(LocalDate.now().minusDays(1).toString());
        assertThat(cancelled.get("Requested_Expiration__c")).isNull();

        Map<String, Object> again = awaitFinished(request("CANCEL_OFFER", sellerAccount, offer));

        assertThat(again.get("Status__c")).isEqualTo("Failed");
        assertThat((String) again.get("Error__c")).contains("Status__c").contains("already cancelled")
                .contains("Clone Offer");
        assertThat(startedChangeSets() - started).as("still one change set").isEqualTo(1);
    }

    @Test
    void aCancellationTakenUpAgainAfterARestartEndsWithItsOwnChangeSetAndStartsNoOther() throws Exception {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        createdAndReleased(offer);
        long started = changeSetsMade();

        whileTrackerStopped(() -> {
            String cancel = request("CANCEL_OFFER", sellerAccount, offer);
            assertThat(awaitFinished(cancel).get("Status__c")).isEqualTo("Succeeded");
            String changeSet = (String) rest.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c");
            Map<String, Object> resumed = cutOffAndAwaitResumed(cancel);

            assertSucceededAgainOnItsChangeSet(resumed, changeSet, changeSetsMade() - started);
        });
        awaitOffer(offer, "Cancelled");
    }

    @Test
    void cancellingAnOfferStillOnItsWayToAwsSaysSoAndWhatToDo() throws Exception {
        String offer = contractOffer(LocalDate.now().plusDays(30));
        whileTrackerStopped(() -> {
            assertThat(awaitFinished(request("CREATE_OFFER", sellerAccount, offer)).get("Status__c"))
                    .isEqualTo("Succeeded");
            long started = startedChangeSets();

            Map<String, Object> refused = awaitFinished(request("CANCEL_OFFER", sellerAccount, offer));

            assertThat(refused.get("Status__c")).isEqualTo("Failed");
            assertThat((String) refused.get("Error__c")).contains("on its way to AWS Marketplace")
                    .contains("Refresh Offer Status").doesNotContain("create it");
            assertThat(startedChangeSets()).isEqualTo(started);
        });
        awaitOffer(offer, "Released");
    }

    @Test
    void aCancellationAwsKeepsFailingLeavesTheOfferReleasedAndSaysToPressCancelAgain() {
        LocalDate expires = LocalDate.now().plusDays(30);
        String offer = contractOffer(expires);
        createdAndReleased(offer);
        marketplace.failNextChangeSetsWithServerFault(4);

        assertThat(awaitFinished(request("CANCEL_OFFER", sellerAccount, offer)).get("Status__c"))
                .isEqualTo("Succeeded");

        Map<String, Object> record = awaitChangeSetEnded(offer);
        assertThat(record.get("Status__c")).isEqualTo("Released");
        assertThat(record.get("Expiration_Date__c")).isEqualTo(expires.toString());
        assertThat((String) record.get("Last_Error__c")).contains("SERVER_FAULT").contains("Cancel Offer")
                .doesNotContain("create the offer").doesNotContain("create it again");
    }

    /**
     * A released offer whose two installments AWS holds, while the record no longer lists them (a seller deleted the
     * rows): only AWS can tell that a later expiration would put both before it.
     */
    private String releasedWithAScheduleOnlyAwsKnows(LocalDate expires) {
        String offer = contractOffer(expires);
        installments(offer, 12000, LocalDate.now().plusDays(10), LocalDate.now().plusDays(200));
        createdAndReleased(offer);
        rest.query("SELECT Id FROM MP_Payment_Installment__c WHERE Private_Offer__c = '" + offer + "'")
                .forEach(row -> rest.delete("MP_Payment_Installment__c", (String) row.get("Id")));
        return offer;
    }

    /** The offer once no change set is on its way any more (the tracker wrote its outcome). */
    private Map<String, Object> awaitChangeSetEnded(String offer) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("MP_Private_Offer__c", offer), r -> r.get("Last_Error__c") != null
                        && !List.of("PREPARING", "APPLYING").contains(r.get("Status__c")));
    }

    /** The last day buyers can accept the offer, as its DescribeEntity says. */
    private static String availabilityEnd(JsonNode details) {
        for (JsonNode rule : details.path("Rules")) {
            if ("AvailabilityRule".equals(rule.path("Type").asText())) {
                return rule.path("AvailabilityEndDate").asText().substring(0, 10);
            }
        }
        return null;
    }

    /** The released offer's details as AWS Marketplace holds them, after checking its id and buyer URL. */
    /** The seller presses Create Offer on {@code offer}; the request succeeds; returns the offer once Released. */
    private Map<String, Object> createdAndReleased(String offer) {
        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", sellerAccount, offer));
        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        return awaitOffer(offer, "Released");
    }

    /** An AMI offer priced by the hour, sold for {@code serviceLength} (no service length when null). */
    private String amiUsageOffer(String amiProduct, String serviceLength) {
        Map<String, Object> fields = offerFields(LocalDate.now().plusDays(30));
        fields.put("Product__c", amiProduct);
        fields.put("Pricing_Model__c", "Usage");
        if (serviceLength == null) {
            fields.remove("Service_Length__c");
        } else {
            fields.put("Service_Length__c", serviceLength);
        }
        return org.insertAs(seller, "MP_Private_Offer__c", fields);
    }

    private JsonNode releasedDetails(String offer) {
        Map<String, Object> released = awaitOffer(offer, "Released");
        String offerId = (String) released.get("Offer_Id__c");
        assertThat(offerId).startsWith("offer-");
        assertThat((String) released.get("Offer_URL__c")).endsWith("&offerId=" + offerId);
        return marketplace.entityDetails(offerId).orElseThrow();
    }

    private static JsonNode term(JsonNode details, String type) {
        for (JsonNode term : details.path("Terms")) {
            if (type.equals(term.path("Type").asText())) {
                return term;
            }
        }
        return null;
    }

    /** The product's record, synced from AWS Marketplace by Refresh Products when it is not there yet. */
    private String syncedProduct(String productId) {
        return syncedProduct(seller, sellerAccount, productId);
    }

    private static synchronized String amiContractProductId() {
        if (amiContractProduct == null) {
            amiContractProduct = SandboxMarketplace.marketplace().addAmiContractProduct(SandboxMarketplace.SELLER,
                    "Example Appliance (AMI contract)");
        }
        return amiContractProduct;
    }

    private String expiration(String offer, LocalDate date) {
        return desk.press(seller, "MODIFY_OFFER_EXPIRATION", sellerAccount, offer,
                "{\"expirationDate\":\"" + date + "\"}");
    }

    private String contractOffer(LocalDate expiration) {
        String offer = org.insertAs(seller, "MP_Private_Offer__c", offerFields(expiration));
        rates(offer, saasProduct, "Entitled", "Upfront", 1200, 10);
        return offer;
    }

    /** One rate per product dimension of the given type. */
    private void rates(String offer, String product, String dimensionType, String rateKind, double rate,
                       Integer quantity) {
        for (Map<String, Object> dimension : rest.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c"
                + " WHERE Product__c = '" + product + "'")) {
            if (String.valueOf(dimension.get("Types__c")).contains(dimensionType)) {
                Map<String, Object> fields = new HashMap<>(Map.of("Private_Offer__c", offer,
                        "Name", dimension.get("Dimension_Key__c"), "Dimension_Key__c", dimension.get("Dimension_Key__c"),
                        "Rate__c", rate, "Rate_Kind__c", rateKind));
                if (quantity != null) {
                    fields.put("Quantity__c", quantity);
                }
                org.insertAs(seller, "MP_Offer_Dimension__c", fields);
            }
        }
    }

    private Map<String, Object> offerFields(LocalDate expiration) {
        return ContractOffer.fields("Acme three-year deal", "Private pricing for Acme Corp", sellerAccount, saasProduct,
                expiration);
    }

    private void installments(String offer, int amount, LocalDate... dates) {
        rest.update("MP_Private_Offer__c", offer, Map.of("Installments_Enabled__c", true));
        for (LocalDate date : dates) {
            org.insertAs(seller, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer,
                    "Charge_Date__c", date.toString(), "Charge_Amount__c", amount, "Currency__c", "USD"));
        }
    }

    private String request(String action, String sellerAccount, String target) {
        return desk.press(seller, action, sellerAccount, target, null);
    }

    private long startedChangeSets() {
        return marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L);
    }

    /** How many change sets AWS made for the seller: a StartChangeSet sent again with its token makes none. */
    private long changeSetsMade() {
        return marketplace.startedChanges(SandboxMarketplace.SELLER).stream()
                .map(MarketplaceSandbox.StartedChange::changeSetId).distinct().count();
    }
}
