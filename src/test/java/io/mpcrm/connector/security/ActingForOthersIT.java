package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector acts with its own powerful credentials, so it checks who pressed the button: nobody makes it publish an
 * offer for a seller account they cannot see in Salesforce, or change a record they cannot edit, and it acts for no AWS
 * account its administrator did not configure. Refused requests make no AWS call at all, not even AssumeRole.
 * Seller accounts and offers are Private records: a user reaches them as owner or by sharing, Read or Edit.
 */
class ActingForOthersIT extends ConnectorOnSandbox {

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Offer Owner " + System.nanoTime(), "Marketplace_User");
    private AccountDesk accountDesk;
    private String account;
    private String offer;

    @BeforeEach
    void theSellerHasAPricedOffer() {
        account = sellerAccount(seller, SandboxMarketplace.SELLER);
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String find = "SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'";
        if (rest.query(find).isEmpty()) {
            AccountDesk sync = new AccountDesk(org, desk, account, null);
            assertThat(sync.awaitFinished(sync.request(seller, "REFRESH_PRODUCTS", null, null)).get("Status__c"))
                    .isEqualTo("Succeeded");
        }
        accountDesk = new AccountDesk(org, desk, account, (String) rest.query(find).get(0).get("Id"));
        offer = accountDesk.offer(seller, Map.of(), true);
    }

    @Test
    void aUserWhoCannotSeeTheSellerAccountCannotPublishItsOffer() {
        String stranger = org.createUser("Stranger " + System.nanoTime(), "Marketplace_User");
        Map<String, Long> before = marketplace.callCounts(SandboxMarketplace.SELLER);

        Map<String, Object> done = accountDesk.awaitFinished(
                accountDesk.requestPastTheApi(stranger, "CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("do not have access to seller account 111122223333")
                .contains("Ask your administrator");
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER)).as("AWS calls").isEqualTo(before);
        Map<String, Object> record = rest.get("MP_Private_Offer__c", offer);
        assertThat(record.get("Offer_Id__c")).isNull();
        assertThat(record.get("Last_Error__c")).as("nothing written on a record the stranger cannot see").isNull();
    }

    @Test
    void aColleagueWhoSeesTheSellerAccountCannotPublishAnOfferTheyCannotEdit() {
        String colleague = org.createUser("Colleague " + System.nanoTime(), "Marketplace_User");
        sellerAccount(colleague, SandboxMarketplace.SELLER);
        Map<String, Long> before = marketplace.callCounts(SandboxMarketplace.SELLER);

        Map<String, Object> done = accountDesk.awaitFinished(
                accountDesk.request(colleague, "CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("cannot edit record").contains(offer.substring(0, 15));
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER)).as("AWS calls").isEqualTo(before);
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Offer_Id__c")).isNull();
    }

    @Test
    void aColleagueTheOfferIsSharedWithReadOnlyCannotPublishIt() {
        String colleague = org.createUser("Read-only Colleague " + System.nanoTime(), "Marketplace_User");
        org.share(account, colleague, "Read");
        org.share(offer, colleague, "Read");
        Map<String, Long> before = marketplace.callCounts(SandboxMarketplace.SELLER);

        Map<String, Object> done = accountDesk.awaitFinished(
                accountDesk.request(colleague, "CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("cannot edit record").contains(offer.substring(0, 15))
                .contains("Ask its owner");
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER)).as("AWS calls").isEqualTo(before);
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Offer_Id__c")).isNull();
    }

    @Test
    void aColleagueTheOfferIsSharedWithForEditingPublishesIt() {
        String colleague = org.createUser("Editing Colleague " + System.nanoTime(), "Marketplace_User");
        org.share(account, colleague, "Read");
        org.share(offer, colleague, "Edit");

        Map<String, Object> done = accountDesk.awaitFinished(
                accountDesk.request(colleague, "CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        Map<String, Object> released = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rest.get("MP_Private_Offer__c", offer), r -> "Released".equals(r.get("Status__c")));
        assertThat((String) released.get("Offer_Id__c")).startsWith("offer-");
        assertThat(marketplace.entityDetails((String) released.get("Offer_Id__c"))).isPresent();
    }

    @Test
    void aColleagueWhoMayEditTheOfferButCannotSeeItsPrivateSellerAccountCannotPublishIt() {
        String colleague = org.createUser("Colleague Of Another Account " + System.nanoTime(), "Marketplace_User");
        org.share(offer, colleague, "Edit");
        Map<String, Long> before = marketplace.callCounts(SandboxMarketplace.SELLER);

        Map<String, Object> done = accountDesk.awaitFinished(
                accountDesk.requestPastTheApi(colleague, "CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("do not have access to seller account 111122223333");
        assertThat(marketplace.callCounts(SandboxMarketplace.SELLER)).as("AWS calls").isEqualTo(before);
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Offer_Id__c")).isNull();
    }

    @Test
    void anOfferOfASellerAccountTheConnectorIsNotConfiguredForIsNotPublished() {
        String unconfigured = sellerAccount(seller, "999911112222");
        rest.update("MP_Private_Offer__c", offer, Map.of("Seller_Account__c", unconfigured));
        AccountDesk elsewhere = new AccountDesk(org, desk, unconfigured, null);
        int credentialsBefore = marketplace.issuedCredentials();

        Map<String, Object> done = elsewhere.awaitFinished(elsewhere.request(seller, "CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("999911112222").contains("not configured")
                .contains("connector.seller-accounts");
        assertThat(marketplace.issuedCredentials()).as("AssumeRole calls").isEqualTo(credentialsBefore);
        assertThat(marketplace.callCounts("999911112222")).isEmpty();
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Offer_Id__c")).isNull();
    }
}
