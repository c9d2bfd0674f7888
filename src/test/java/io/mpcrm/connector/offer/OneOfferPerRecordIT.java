package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.Presses;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seller presses Create Offer (or Save as Draft) twice or three times, at once or a moment apart, as people do:
 * AWS Marketplace gets one offer, and every later press says the offer is already on its way and where to look.
 * Imports of one offer made at once through the API leave it with exactly its rates and installments.
 */
class OneOfferPerRecordIT extends ConnectorOnSandbox {

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Double Presser " + System.nanoTime(), "Marketplace_User");
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSyncedAndChangeSetsTakeTheirTime() {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        saasProduct = syncedProduct(seller, sellerAccount,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
        // As in AWS, a change set takes longer than a second press: the later presses find the offer on its way.
        marketplace.setChangeSetDelays(Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @AfterEach
    void changeSetsQuickAgain() {
        marketplace.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0} ms apart")
    @ValueSource(ints = {0, 100, 2000})
    void createOfferPressedTwiceMakesOneOfferAndTheSecondPressSaysItIsOnItsWay(int apart) {
        String name = "Pressed twice " + apart + " ms apart " + System.nanoTime();
        String offer = offer(name);

        List<Map<String, Object>> presses = Presses.repeated(as(seller), request("CREATE_OFFER", offer), 2, apart)
                .stream().map(this::awaitFinished).toList();

        assertThat(presses).allSatisfy(p -> assertThat(p.get("Status__c")).as(String.valueOf(p.get("Error__c")))
                .isEqualTo("Succeeded"));
        String changeSet = (String) rest.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c");
        assertThat(presses).extracting(p -> (String) p.get("Result__c")).filteredOn(r -> r.startsWith("Change set"))
                .as("one press started the change set").singleElement().asString().contains(changeSet);
        assertThat(presses).extracting(p -> (String) p.get("Result__c")).filteredOn(r -> r.startsWith("Nothing sent"))
                .as("the other says it is on its way and where to look").singleElement().asString()
                .contains("Change Set ID");
        String offerId = (String) awaitOffer(offer, "Released").get("Offer_Id__c");
        assertThat(marketplace.entitiesNamed(SandboxMarketplace.SELLER, "Offer", name)).containsExactly(offerId);
    }

    @Test
    void saveAsDraftPressedThreeTimesAtOnceThenCreateOfferTwiceMakeOneOffer() {
        String name = "Pressed three times " + System.nanoTime();
        String offer = offer(name);

        List<Map<String, Object>> drafts = Presses.repeated(as(seller), request("SAVE_OFFER_DRAFT", offer), 3, 0)
                .stream().map(this::awaitFinished).toList();
        assertThat(drafts).allSatisfy(p -> assertThat(p.get("Status__c")).isEqualTo("Succeeded"));
        assertThat(drafts).extracting(p -> (String) p.get("Result__c")).filteredOn(r -> r.startsWith("Nothing sent"))
                .hasSize(2);
        String draftId = (String) awaitOffer(offer, "Draft").get("Offer_Id__c");

        List<Map<String, Object>> creates = Presses.repeated(as(seller), request("CREATE_OFFER", offer), 2, 100)
                .stream().map(this::awaitFinished).toList();

        assertThat(creates).allSatisfy(p -> assertThat(p.get("Status__c")).isEqualTo("Succeeded"));
        assertThat(creates).extracting(p -> (String) p.get("Result__c")).filteredOn(r -> r.startsWith("Nothing sent"))
                .hasSize(1);
        assertThat(awaitOffer(offer, "Released").get("Offer_Id__c")).isEqualTo(draftId);
        assertThat(marketplace.entitiesNamed(SandboxMarketplace.SELLER, "Offer", name)).containsExactly(draftId);
    }

    @Test
    void createOfferPressedWhileADraftIsBeingSavedSaysToPressItAgainOnceTheDraftIsThere() {
        String name = "Draft then create " + System.nanoTime();
        String offer = offer(name);

        List<String> pressed = Presses.atOnce(as(seller), List.of(request("SAVE_OFFER_DRAFT", offer),
                request("CREATE_OFFER", offer)));
        Map<String, Object> draft = awaitFinished(pressed.get(0));
        Map<String, Object> create = awaitFinished(pressed.get(1));

        assertThat(draft.get("Status__c")).isEqualTo("Succeeded");
        assertThat(create.get("Status__c")).isEqualTo("Failed");
        assertThat((String) create.get("Error__c")).startsWith("Status__c: ").contains("as a draft")
                .contains("Press Create Offer again once").contains("Draft");
        String draftId = (String) awaitOffer(offer, "Draft").get("Offer_Id__c");
        assertThat(marketplace.entitiesNamed(SandboxMarketplace.SELLER, "Offer", name)).containsExactly(draftId);
    }

    @Test
    void fiveImportsOfOneOfferMadeAtOnceThroughTheApiLeaveExactlyItsRatesAndInstallments() {
        marketplace.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
        String made = offer("Made elsewhere " + System.nanoTime());
        org.update("MP_Private_Offer__c", made, Map.of("Installments_Enabled__c", true));
        for (LocalDate date : List.of(today.plusDays(10), today.plusDays(200))) {
            org.insertAs(seller, "MP_Payment_Installment__c", Map.of("Private_Offer__c", made,
                    "Charge_Date__c", date.toString(), "Charge_Amount__c", 12000, "Currency__c", "USD"));
        }
        assertThat(awaitFinished(desk.press(seller, request("CREATE_OFFER", made)))
                .get("Status__c")).isEqualTo("Succeeded");
        String offerId = (String) awaitOffer(made, "Released").get("Offer_Id__c");
        // The offer now exists in AWS only, as if made in the portal.
        org.delete("MP_Private_Offer__c", made);
        Map<String, Object> importing = Desk.request("IMPORT_OFFER", sellerAccount, null,
                "{\"offerId\":\"" + offerId + "\"}");

        List<Map<String, Object>> imports = Presses.atOnce(as(seller), java.util.Collections.nCopies(5, importing))
                .stream().map(this::awaitFinished).toList();

        assertThat(imports).allSatisfy(i -> assertThat(i.get("Status__c")).as(String.valueOf(i.get("Error__c")))
                .isEqualTo("Succeeded"));
        List<Map<String, Object>> records = rest.query("SELECT Id FROM MP_Private_Offer__c WHERE Offer_Id__c = '"
                + offerId + "'");
        assertThat(records).hasSize(1);
        String record = (String) records.get(0).get("Id");
        List<Object> entitled = rest.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c WHERE"
                + " Product__c = '" + saasProduct + "'").stream()
                .filter(d -> String.valueOf(d.get("Types__c")).contains("Entitled")).map(d -> d.get("Dimension_Key__c"))
                .toList();
        assertThat(rest.query("SELECT Dimension_Key__c FROM MP_Offer_Dimension__c WHERE Private_Offer__c = '" + record
                + "'")).extracting(r -> r.get("Dimension_Key__c")).as("one rate per dimension the offer prices")
                .containsExactlyInAnyOrderElementsOf(entitled);
        assertThat(rest.query("SELECT Charge_Date__c, Charge_Amount__c FROM MP_Payment_Installment__c WHERE"
                + " Private_Offer__c = '" + record + "' ORDER BY Charge_Date__c")).extracting(
                r -> r.get("Charge_Date__c") + " " + new BigDecimal(r.get("Charge_Amount__c").toString())
                        .stripTrailingZeros().toPlainString())
                .containsExactly(today.plusDays(10) + " 12000", today.plusDays(200) + " 12000");
    }

    private String offer(String name) {
        return ContractOffer.insertPriced(org, seller, ContractOffer.fields(name, "Private pricing for Acme Corp",
                sellerAccount, saasProduct, today.plusDays(30)));
    }

    private Map<String, Object> request(String action, String target) {
        return Desk.request(action, sellerAccount, target, null);
    }
}
