package io.mpcrm.connector.resale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mpcrm.connector.changeset.ServerFaultRestart;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.ContractResaleAuthorizations;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ISV authorizes a channel partner to resell a product: fills in a resale authorization with wholesale rates,
 * presses Create Resale Authorization and sees it become Active (the reseller then sees it shared), or is told
 * precisely what to fix; later deactivates it for good, or clones it to change its terms.
 */
class ResaleAuthorizationIT extends ConnectorOnSandbox {

    private static final String RA = "MP_Resale_Authorization__c";
    private static final String RESELLER = SandboxMarketplace.RESELLER;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String isv = org.createUser("Resale ISV " + System.nanoTime(), "Marketplace_User");
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(isv, SandboxMarketplace.SELLER);
        saasProduct = syncedProduct(isv, sellerAccount,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
    }

    @Test
    void aOneTimeAuthorizationWithAnExpiryBecomesActiveAndIsSharedWithTheReseller() {
        String ra = authorization(Map.of("Usage__c", "One-time", "Expiration_Date__c", today.plusDays(60).toString()));

        Map<String, Object> done = awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) rest.get(RA, ra).get("Change_Set_Id__c")).isNotBlank();
        Map<String, Object> active = awaitStatus(ra, "Active");
        String id = (String) active.get("Resale_Authorization_Id__c");
        assertThat(id).startsWith("resaleauthz-");
        assertThat(active.get("Last_Error__c")).isNull();
        JsonNode details = marketplace.entityDetails(id).orElseThrow();
        assertThat(details.path("Status").asText()).isEqualTo("Active");
        assertThat(rule(details, "AvailabilityRule").path("OffersMaxQuantity").asInt()).isEqualTo(1);
        assertThat(rule(details, "AvailabilityRule").path("AvailabilityEndDate").asText())
                .startsWith(today.plusDays(60).toString());
        assertThat(rule(details, "PartnerTargetingRule").path("ResellerAccountId").asText()).isEqualTo(RESELLER);
        assertThat(details.path("Terms")).allSatisfy(t -> assertThat(t.path("Id").asText()).startsWith("term-"));
        assertThat(term(details, "ResaleConfigurableUpfrontPricingTerm").toString()).contains("\"Price\":\"800\"");

        String reseller = sellerAccount(isv, RESELLER);
        assertThat(awaitFinished(request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", reseller, null, null))
                .get("Status__c")).isEqualTo("Succeeded");
        assertThat(rest.query("SELECT Usage__c, Status__c, ISV_Account_Id__c, Expiration_Date__c FROM"
                + " MP_Shared_Resale_Authorization__c WHERE Resale_Authorization_Id__c = '" + id + "'"))
                .singleElement().satisfies(shared -> {
                    assertThat(shared.get("Usage__c")).isEqualTo("One-time");
                    assertThat(shared.get("Status__c")).isEqualTo("Active");
                    assertThat(shared.get("ISV_Account_Id__c")).isEqualTo(SandboxMarketplace.SELLER);
                    assertThat(shared.get("Expiration_Date__c")).isEqualTo(today.plusDays(60).toString());
                });
    }

    @Test
    void aMultiUseAuthorizationWithoutExpiryCanBeUsedForAnyNumberOfOffers() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));

        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        JsonNode details = entity(awaitStatus(ra, "Active"));
        assertThat(rule(details, "AvailabilityRule").path("Usage").asText()).isEqualTo("Unlimited");
        assertThat(rule(details, "AvailabilityRule").has("AvailabilityEndDate")).isFalse();
        assertThat(rule(details, "AvailabilityRule").has("OffersMaxQuantity")).isFalse();
    }

    @Test
    void aMultiUseAuthorizationWithAnExpiryEndsOnThatDate() {
        String ra = authorization(Map.of("Usage__c", "Multi-use", "Expiration_Date__c", today.plusDays(45).toString()));

        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        JsonNode rule = rule(entity(awaitStatus(ra, "Active")), "AvailabilityRule");
        assertThat(rule.path("AvailabilityEndDate").asText()).startsWith(today.plusDays(45).toString());
        assertThat(rule.has("OffersMaxQuantity")).isFalse();
    }

    @Test
    void customBuyerEulaAndResellerContractAreStoredEncryptedAndSentAsPresignedUrls() throws Exception {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        byte[] eula = ("%PDF-1.4\n% Acme buyer EULA " + System.nanoTime() + "\n%%EOF\n").getBytes();
        byte[] contract = ("%PDF-1.4\n% Acme reseller contract " + System.nanoTime() + "\n%%EOF\n").getBytes();
        rest.update(RA, ra, Map.of("Buyer_EULA_Type__c", "CustomEula", "Buyer_EULA_Document_Id__c",
                attach(ra, "buyer-eula.pdf", eula), "Reseller_Contract_Type__c", "CustomResellerContract",
                "Reseller_Contract_Document_Id__c", attach(ra, "reseller-contract.pdf", contract)));

        Map<String, Object> done = awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> active = awaitStatus(ra, "Active");
        String bucket = SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER);
        for (byte[] file : List.of(eula, contract)) {
            String key = "eulas/" + sha256(file) + ".pdf";
            assertThat(SandboxMarketplace.s3().keys(bucket)).contains(key);
            assertThat(SandboxMarketplace.s3().metadata(bucket, key)).containsEntry("x-amz-server-side-encryption",
                    "AES256");
        }
        assertThat(active.get("Buyer_EULA_Url__c")).isEqualTo("s3://" + bucket + "/eulas/" + sha256(eula) + ".pdf");
        assertThat(active.get("Reseller_Contract_Url__c"))
                .isEqualTo("s3://" + bucket + "/eulas/" + sha256(contract) + ".pdf");
        JsonNode details = entity(active);
        JsonNode buyerDocument = term(details, "BuyerLegalTerm").path("Documents").path(0);
        JsonNode resellerDocument = term(details, "ResaleLegalTerm").path("Documents").path(0);
        assertThat(buyerDocument.path("Type").asText()).isEqualTo("CustomEula");
        assertThat(buyerDocument.path("Url").asText()).contains(sha256(eula)).contains("X-Amz-Signature=");
        assertThat(resellerDocument.path("Type").asText()).isEqualTo("CustomResellerContract");
        assertThat(resellerDocument.path("Url").asText()).contains(sha256(contract)).contains("X-Amz-Signature=");
    }

    @Test
    void aOneTimeContractPaidInInstallmentsCarriesItsPaymentSchedule() {
        String ra = authorization(Map.of("Usage__c", "One-time", "Expiration_Date__c", today.plusDays(30).toString(),
                "Installments_Enabled__c", true));
        org.query("SELECT Id FROM MP_Resale_Dimension__c WHERE Resale_Authorization__c = '" + ra + "'")
                .forEach(r -> rest.update("MP_Resale_Dimension__c", (String) r.get("Id"), Map.of("Quantity__c", 25)));
        for (LocalDate date : List.of(today.plusDays(10), today.plusDays(100), today.plusDays(190))) {
            org.insertAs(isv, "MP_Resale_Installment__c", Map.of("Resale_Authorization__c", ra,
                    "Charge_Date__c", date.toString(), "Charge_Amount__c", 4000, "Currency__c", "USD"));
        }

        Map<String, Object> done = awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        JsonNode details = entity(awaitStatus(ra, "Active"));
        JsonNode schedule = term(details, "ResalePaymentScheduleTerm").path("Schedule");
        assertThat(schedule).hasSize(3);
        assertThat(schedule.get(0).path("ChargeDate").asText()).startsWith(today.plusDays(10).toString());
        assertThat(schedule.get(0).path("ChargeAmount").asText()).isEqualTo("4000");
        JsonNode fixed = term(details, "ResaleFixedUpfrontPricingTerm");
        assertThat(fixed.path("Price").asText()).isEqualTo("0.0");
        assertThat(fixed.path("Grants").get(0).path("MaxQuantity").asInt()).isEqualTo(25);
    }

    @Test
    void aRenewalOfABuyersExistingAgreementNamesThatAgreementAndItsBuyer() {
        String ra = authorization(Map.of("Usage__c", "One-time", "Buyer_Accounts__c", "444455556666",
                "Renewal__c", true, "Renewal_Acquisition_Channel__c", "External", "Renewal_Pricing_Model__c",
                "Contract", "Maximum_Agreement_Start_Date__c", today.plusMonths(3).toString()));

        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        JsonNode details = entity(awaitStatus(ra, "Active"));
        assertThat(details.path("PreExistingBuyerAgreement").toString())
                .isEqualTo("{\"AcquisitionChannel\":\"External\",\"PricingModel\":\"Contract\"}");
        assertThat(term(details, "BuyerTargetingTerm").path("PositiveTargeting").path("BuyerAccounts").toString())
                .isEqualTo("[{\"AwsAccountId\":\"444455556666\"}]");
        assertThat(term(details, "BuyerValidityTerm").path("MaximumAgreementStartDate").asText())
                .startsWith(today.plusMonths(3).toString());
    }

    @Test
    void aNameAwsWouldRefuseIsExplainedOnTheNameBeforeAnyAwsCall() {
        String dotted = authorization(Map.of("Usage__c", "Multi-use", "Name", "Acme resale 2.0"));
        String spaced = authorization(Map.of("Usage__c", "Multi-use"));
        long started = startedChangeSets();

        Map<String, Object> created = awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, dotted, null));
        Map<String, Object> saved = awaitFinished(request("SAVE_RESALE_AUTHORIZATION_DRAFT", sellerAccount, spaced, null));

        assertThat(created.get("Status__c")).isEqualTo("Failed");
        assertThat((String) created.get("Error__c")).contains("Name: Use only letters, digits and spaces in the name:"
                + " AWS refuses other characters");
        assertThat(saved.get("Status__c")).isEqualTo("Failed");
        assertThat((String) saved.get("Error__c")).contains("Name: A resale authorization kept as a draft in AWS gets"
                + " its name again when it is activated, and AWS then takes letters and digits only");
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void aSavedDraftStaysADraftAndCreatingItLaterActivatesTheSameAuthorization() {
        // A draft is named again when it is activated, and AWS then takes letters and digits only.
        String ra = authorization(Map.of("Usage__c", "Multi-use", "Name", "AcmeResaleDraft" + System.nanoTime()));

        awaitFinished(request("SAVE_RESALE_AUTHORIZATION_DRAFT", sellerAccount, ra, null));
        String draftId = (String) awaitStatus(ra, "Draft").get("Resale_Authorization_Id__c");
        assertThat(marketplace.entityDetails(draftId).orElseThrow().path("Status").asText()).isEqualTo("Draft");

        assertThat(awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        assertThat(awaitStatus(ra, "Active").get("Resale_Authorization_Id__c")).as("no second authorization")
                .isEqualTo(draftId);
    }

    @Test
    void deactivatingNeedsAnExplicitConfirmationAndThenRestrictsTheAuthorizationForGood() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        String id = (String) awaitStatus(ra, "Active").get("Resale_Authorization_Id__c");
        long started = startedChangeSets();

        Map<String, Object> refused = awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                null));

        assertThat(refused.get("Status__c")).isEqualTo("Failed");
        assertThat((String) refused.get("Error__c")).contains("confirmRestrict").contains("Type RESTRICT to confirm");
        assertThat((String) rest.get(RA, ra).get("Last_Error__c")).contains("confirmRestrict");
        assertThat(startedChangeSets()).as("nothing sent without confirmation").isEqualTo(started);
        assertThat(marketplace.entityDetails(id).orElseThrow().path("Status").asText()).isEqualTo("Active");

        Map<String, Object> done = awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                "{\"confirmRestrict\":\"RESTRICT\"}"));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(awaitStatus(ra, "Restricted").get("Last_Error__c")).isNull();
        assertThat(marketplace.entityDetails(id).orElseThrow().path("Status").asText()).isEqualTo("Restricted");
    }

    @Test
    void deactivatingTwiceStartsOneChangeSetAndTheSecondPressSaysTheFirstIsOnItsWay() throws Exception {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        awaitStatus(ra, "Active");
        long started = startedChangeSets();

        // Nobody reads the change set in between: the first deactivation is still on its way.
        whileTrackerStopped(() -> {
            Map<String, Object> first = awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                    "{\"confirmRestrict\":\"RESTRICT\"}"));
            assertThat(first.get("Status__c")).as(String.valueOf(first.get("Error__c"))).isEqualTo("Succeeded");
            String changeSet = (String) rest.get(RA, ra).get("Change_Set_Id__c");

            Map<String, Object> again = awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                    "{\"confirmRestrict\":\"RESTRICT\"}"));

            assertThat(again.get("Status__c")).isEqualTo("Failed");
            assertThat((String) again.get("Error__c")).contains("on its way").contains(changeSet)
                    .contains("Refresh Status");
            assertThat(startedChangeSets() - started).as("one change set").isEqualTo(1);
        });
        awaitStatus(ra, "Restricted");
    }

    @Test
    void aDeactivationTakenUpAgainAfterARestartEndsWithItsOwnChangeSetAndStartsNoOther() throws Exception {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        awaitStatus(ra, "Active");
        long started = changeSetsMade();

        whileTrackerStopped(() -> {
            String deactivate = request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                    "{\"confirmRestrict\":\"RESTRICT\"}");
            assertThat(awaitFinished(deactivate).get("Status__c")).isEqualTo("Succeeded");
            String changeSet = (String) rest.get(RA, ra).get("Change_Set_Id__c");
            Map<String, Object> resumed = cutOffAndAwaitResumed(deactivate);

            assertSucceededAgainOnItsChangeSet(resumed, changeSet, changeSetsMade() - started);
        });
        awaitStatus(ra, "Restricted");
    }

    @Test
    void aDeactivationAwsKeepsFailingLeavesTheAuthorizationActiveAndSaysToPressDeactivateAgain() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        awaitStatus(ra, "Active");
        marketplace.failNextChangeSetsWithServerFault(4);

        assertThat(awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                "{\"confirmRestrict\":\"RESTRICT\"}")).get("Status__c")).isEqualTo("Succeeded");

        Map<String, Object> record = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get(RA, ra), r -> r.get("Last_Error__c") != null);
        assertThat(record.get("Status__c")).isEqualTo("Active");
        assertThat((String) record.get("Last_Error__c")).contains("SERVER_FAULT").contains("press Deactivate again")
                .doesNotContain("create the resale authorization").doesNotContain("create it again");

        Map<String, Object> refreshed = awaitFinished(request("REFRESH_RESALE_AUTHORIZATION_STATUS", sellerAccount, ra,
                null));

        assertThat(refreshed.get("Status__c")).isEqualTo("Succeeded");
        assertThat(rest.get(RA, ra)).as("what AWS holds, and why the deactivation did not happen")
                .containsEntry("Status__c", "Active").containsEntry("Last_Error__c", record.get("Last_Error__c"));
    }

    @Test
    void aButtonOfAnotherKindOfRecordWritesItsErrorOnlyOnTheRequest() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        String offer = org.insertAs(isv, "MP_Private_Offer__c", Map.of("Name", "Acme offer " + System.nanoTime(),
                "Seller_Account__c", sellerAccount));

        Map<String, Object> offerActionOnAnAuthorization = awaitFinished(request("CANCEL_OFFER", sellerAccount, ra,
                null));
        Map<String, Object> authorizationActionOnAnOffer = awaitFinished(request("VALIDATE_RESALE_AUTHORIZATION",
                sellerAccount, offer, null));

        assertThat(offerActionOnAnAuthorization.get("Status__c")).isEqualTo("Failed");
        assertThat((String) offerActionOnAnAuthorization.get("Error__c")).contains("not a private offer");
        assertThat(authorizationActionOnAnOffer.get("Status__c")).isEqualTo("Failed");
        assertThat(as(isv).get(RA, ra).get("Last_Error__c")).as("the authorization's Last Error").isNull();
        assertThat(as(isv).get("MP_Private_Offer__c", offer).get("Last_Error__c")).as("the offer's Last Error")
                .isNull();
    }

    @Test
    void anExpiredAuthorizationCannotBeDeactivatedAndNothingIsSent() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        rest.update(RA, ra, Map.of("Resale_Authorization_Id__c", "resaleauthz-expired000001", "Status__c", "Active",
                "Expiration_Date__c", today.minusDays(2).toString()));
        long started = startedChangeSets();

        Map<String, Object> refused = awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                "{\"confirmRestrict\":\"RESTRICT\"}"));

        assertThat(refused.get("Status__c")).isEqualTo("Failed");
        assertThat((String) refused.get("Error__c")).contains("Expiration_Date__c").contains("expired on "
                + today.minusDays(2));
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void cloningCopiesTermsRatesAndInstallmentsIntoANewDraftAndAsksForTheLegalFilesAgain() {
        String ra = authorization(Map.of("Usage__c", "One-time", "Expiration_Date__c", today.plusDays(30).toString(),
                "Installments_Enabled__c", true, "Buyer_EULA_Type__c", "CustomEula", "Buyer_EULA_Document_Id__c",
                "069000000000001AAA", "Resale_Authorization_Id__c", "resaleauthz-original00001", "Status__c", "Active"));
        org.insertAs(isv, "MP_Resale_Installment__c", Map.of("Resale_Authorization__c", ra,
                "Charge_Date__c", today.plusDays(10).toString(), "Charge_Amount__c", 9000, "Currency__c", "USD"));

        Map<String, Object> done = awaitFinished(request("CLONE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        List<Map<String, Object>> clones = as(isv).query("SELECT Id, Name, Status__c, Resale_Authorization_Id__c,"
                + " Reseller_Account_Id__c, Usage__c, Expiration_Date__c, Buyer_EULA_Type__c, Buyer_EULA_Document_Id__c,"
                + " Last_Error__c, OwnerId FROM " + RA + " WHERE Cloned_From__c = '" + ra + "'");
        assertThat(clones).as("the clone, as the ISV who cloned sees it").singleElement().satisfies(c -> {
            assertThat(c.get("Status__c")).isEqualTo("New");
            assertThat(((String) c.get("OwnerId")).substring(0, 15)).as("the seller who cloned it can complete it")
                    .isEqualTo(isv.substring(0, 15));
            assertThat(c.get("Resale_Authorization_Id__c")).isNull();
            assertThat(c.get("Reseller_Account_Id__c")).isEqualTo(RESELLER);
            assertThat(c.get("Usage__c")).isEqualTo("One-time");
            assertThat(c.get("Buyer_EULA_Type__c")).isEqualTo("CustomEula");
            assertThat(c.get("Buyer_EULA_Document_Id__c")).isNull();
            assertThat((String) c.get("Last_Error__c")).contains("Attach the custom buyer EULA");
        });
        String clone = (String) clones.get(0).get("Id");
        assertThat(rest.query("SELECT Dimension_Key__c, Rate__c FROM MP_Resale_Dimension__c WHERE"
                + " Resale_Authorization__c = '" + clone + "'")).hasSameSizeAs(rest.query("SELECT Id FROM"
                + " MP_Resale_Dimension__c WHERE Resale_Authorization__c = '" + ra + "'")).isNotEmpty();
        assertThat(rest.query("SELECT Charge_Amount__c FROM MP_Resale_Installment__c WHERE Resale_Authorization__c = '"
                + clone + "'")).singleElement().satisfies(i -> assertThat(((Number) i.get("Charge_Amount__c"))
                .intValue()).isEqualTo(9000));
    }

    @Test
    void anInvalidAuthorizationIsExplainedFieldByFieldAndNothingIsSentToAws() {
        String ra = authorization(Map.of("Usage__c", "Multi-use", "Reseller_Account_Id__c", "5555-6666",
                "Buyer_Accounts__c", "444455556666, 12345", "Expiration_Date__c", today.minusDays(1).toString()));
        long started = startedChangeSets();

        Map<String, Object> done = awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("Reseller_Account_Id__c: Reseller account 5555-6666")
                .contains("Buyer_Accounts__c: Buyer account 12345").contains("Expiration_Date__c");
        assertThat((String) rest.get(RA, ra).get("Last_Error__c")).contains("Reseller_Account_Id__c");
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void validatingShowsTheChangeSetThatWouldBeSentWithoutSendingIt() {
        String ra = authorization(Map.of("Usage__c", "One-time", "Expiration_Date__c", today.plusDays(20).toString()));
        long started = startedChangeSets();

        Map<String, Object> done = awaitFinished(request("VALIDATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("\"ChangeType\" : \"CreateResaleAuthorization\"")
                .contains("\"OffersMaxQuantity\" : 1").contains("ReleaseResaleAuthorization").contains(RESELLER);
        assertThat(startedChangeSets()).isEqualTo(started);
        assertThat(rest.get(RA, ra).get("Change_Set_Id__c")).isNull();
    }

    @Test
    void anAuthorizationAwsFailsInternallyIsStartedAgainByTheConnectorAndActiveWithTwoChangeSets() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        long started = startedChangeSets();
        marketplace.failNextChangeSetWithServerFault();

        String request = request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null);
        assertThat(awaitFinished(request).get("Status__c")).isEqualTo("Succeeded");

        Map<String, Object> active = awaitStatus(ra, "Active");
        // The token derives from the authorization and its revision (the first: no change set before).
        String first = marketplace.changeSetsByToken(SandboxMarketplace.SELLER)
                .get(new io.mpcrm.connector.request.RecordRevision(org.orgId(), ra, null).clientRequestToken()).get(0);
        assertThat(marketplace.changeSetStatus(first)).isEqualTo("FAILED");
        assertThat(active.get("Change_Set_Id__c")).as("the change set the connector started again")
                .isEqualTo(marketplace.changeSetsByToken(SandboxMarketplace.SELLER)
                        .get(ServerFaultRestart.token(first)).get(0));
        assertThat(active.get("Last_Error__c")).isNull();
        assertThat(entity(active).path("Status").asText()).isEqualTo("Active");
        assertThat(startedChangeSets() - started).as("StartChangeSet calls").isEqualTo(2);
    }

    @Test
    void aChangeSetAwsFailsInternallyFourTimesInARowIsExplainedOnTheRecord() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        marketplace.failNextChangeSetsWithServerFault(4);

        assertThat(awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null)).get("Status__c"))
                .isEqualTo("Succeeded");

        Map<String, Object> failed = awaitStatus(ra, "FAILED");
        assertThat((String) failed.get("Last_Error__c")).contains("SERVER_FAULT")
                .contains("AWS failed internally 4 times in a row")
                .contains("create the resale authorization again");
        assertThat(failed.get("Resale_Authorization_Id__c")).isNull();
    }

    @Test
    void changesAwsRefusesAreExplainedChangeByChangeWithTheFieldsToCorrect() {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        awaitStatus(ra, "Active");
        // As if the record had missed the activation: it still says Draft, so the connector sends the terms again
        // (and the name, which a draft takes in letters and digits only).
        rest.update(RA, ra, Map.of("Status__c", "Draft", "Description__c", "New wholesale terms",
                "Name", "AcmeResale" + System.nanoTime()));

        assertThat(awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null)).get("Status__c"))
                .isEqualTo("Succeeded");

        Map<String, Object> refused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get(RA, ra), r -> r.get("Last_Error__c") != null);
        assertThat(refused.get("Status__c")).as("AWS keeps it as it was").isEqualTo("Active");
        assertThat((String) refused.get("Last_Error__c")).contains("CLIENT_ERROR")
                .contains("UpdateLegalTerms: INCOMPATIBLE_STATUS")
                .contains("can't be performed after the resale authorization is released")
                .contains("UpdateLegalTerms comes from the legal documents (Buyer_EULA_Type__c");
    }

    @Test
    void refreshingTwentyTimesAtOnceUpdatesTheOneRecordAndSharingTwentyTimesAtOnceMakesOneCopy() throws Exception {
        String ra = authorization(Map.of("Usage__c", "Multi-use"));
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        String id = (String) awaitStatus(ra, "Active").get("Resale_Authorization_Id__c");
        String reseller = sellerAccount(isv, RESELLER);

        List<Map<String, Object>> refreshes = concurrently(20, () -> request("REFRESH_RESALE_AUTHORIZATION_STATUS",
                sellerAccount, ra, null));
        List<Map<String, Object>> shares = concurrently(20, () -> request("REFRESH_SHARED_RESALE_AUTHORIZATIONS",
                reseller, null, null));

        assertThat(refreshes).allSatisfy(r -> assertThat(r.get("Status__c")).as(String.valueOf(r.get("Error__c")))
                .isEqualTo("Succeeded"));
        assertThat(shares).allSatisfy(r -> assertThat(r.get("Status__c")).as(String.valueOf(r.get("Error__c")))
                .isEqualTo("Succeeded"));
        assertThat(rest.query("SELECT Id, Status__c FROM " + RA + " WHERE Resale_Authorization_Id__c = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r.get("Status__c")).isEqualTo("Active"));
        List<Map<String, Object>> shared = rest.query("SELECT Resale_Authorization_Id__c FROM"
                + " MP_Shared_Resale_Authorization__c WHERE Seller_Account__c = '" + reseller + "'");
        assertThat(shared).extracting(r -> r.get("Resale_Authorization_Id__c")).contains(id).doesNotHaveDuplicates();
    }

    @Test
    void createPressedTwiceAtOnceAndSaveAsDraftOnTopMakeOneAuthorizationAndTheLaterPressesSayWhereToLook() {
        // Letters and digits only, as a draft's name must be: the draft press is refused for what is on its way.
        String name = "PressedTwice" + System.nanoTime();
        String ra = authorization(Map.of("Usage__c", "Multi-use", "Name", name));
        marketplace.setChangeSetDelays(Duration.ofSeconds(5), Duration.ofSeconds(3));
        List<Map<String, Object>> pressed;
        try {
            Map<String, Object> create = Desk.request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null);
            Map<String, Object> draft = Desk.request("SAVE_RESALE_AUTHORIZATION_DRAFT", sellerAccount, ra, null);
            pressed = io.mpcrm.connector.sandbox.Presses.atOnce(as(isv), List.of(create, create, draft)).stream()
                    .map(this::awaitFinished).toList();
        } finally {
            marketplace.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        assertThat(pressed.subList(0, 2)).extracting(p -> p.get("Status__c")).containsOnly("Succeeded");
        assertThat(pressed.subList(0, 2)).extracting(p -> (String) p.get("Result__c"))
                .anySatisfy(r -> assertThat(r).startsWith("Change set"))
                .anySatisfy(r -> assertThat(r).startsWith("Nothing sent").contains("Change Set ID"));
        assertThat(pressed.get(2).get("Status__c")).as("a draft of what is being activated").isEqualTo("Failed");
        assertThat((String) pressed.get(2).get("Error__c")).startsWith("Status__c: ")
                .contains("releases it: there is nothing to save as a draft");
        String id = (String) awaitStatus(ra, "Active").get("Resale_Authorization_Id__c");
        assertThat(marketplace.entitiesNamed(SandboxMarketplace.SELLER, "ResaleAuthorization", name))
                .containsExactly(id);
    }

    // ------------------------------------------------------------------------------------------- fixture

    /** A Contract resale authorization of the SaaS product for the reseller, $800 per Entitled dimension. */
    private String authorization(Map<String, Object> overrides) {
        Map<String, Object> fields = new HashMap<>(Map.of("Description__c", "Wholesale terms for the reseller"));
        fields.putAll(overrides);
        return ContractResaleAuthorizations.write(org, isv, sellerAccount, saasProduct, "Acme resale", fields);
    }

    private String attach(String record, String fileName, byte[] content) {
        String version = org.insertAs(isv, "ContentVersion", Map.of("PathOnClient", fileName,
                "VersionData", Base64.getEncoder().encodeToString(content), "FirstPublishLocationId", record));
        return (String) org.get("ContentVersion", version).get("ContentDocumentId");
    }

    private String request(String action, String seller, String target, String input) {
        return desk.press(isv, action, seller, target, input);
    }

    /** Creates the requests from as many threads at once, then waits for each to finish. */
    private List<Map<String, Object>> concurrently(int n, Callable<String> create) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(create);
            }
            List<Map<String, Object>> finished = new ArrayList<>();
            for (Future<String> id : pool.invokeAll(tasks)) {
                finished.add(awaitFinished(id.get(), Duration.ofSeconds(120)));
            }
            return finished;
        } finally {
            pool.shutdownNow();
        }
    }

    private long startedChangeSets() {
        return marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L);
    }

    /** How many change sets AWS made for the seller: a StartChangeSet sent again with its token makes none. */
    private long changeSetsMade() {
        return marketplace.startedChanges(SandboxMarketplace.SELLER).stream()
                .map(MarketplaceSandbox.StartedChange::changeSetId).distinct().count();
    }

    private JsonNode entity(Map<String, Object> record) {
        return marketplace.entityDetails((String) record.get("Resale_Authorization_Id__c")).orElseThrow();
    }

    private static JsonNode rule(JsonNode details, String type) {
        for (JsonNode rule : details.path("Rules")) {
            if (type.equals(rule.path("Type").asText())) {
                return rule;
            }
        }
        throw new AssertionError("no " + type + " in " + details);
    }

    private static JsonNode term(JsonNode details, String type) {
        for (JsonNode term : details.path("Terms")) {
            if (type.equals(term.path("Type").asText())) {
                return term;
            }
        }
        throw new AssertionError("no " + type + " in " + details);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private Map<String, Object> awaitStatus(String ra, String status) {
        return awaitStatus(RA, ra, status);
    }
}
