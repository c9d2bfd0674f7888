package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.Desk;
import io.mpcrm.connector.sandbox.Presses;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two offer records that need the one thing AWS has once: a one-time resale authorization (one offer) or an agreement
 * (replaced by whichever offer its buyer accepts first). Pressed at once, only one reaches AWS; the other is refused
 * and names the offer that holds it, until the seller confirms the second on the offer.
 */
class SecondOfferIT extends ConnectorOnSandbox {

    private static final Pattern RECORD = Pattern.compile("\\b(a0[0-9A-Za-z]{13}(?:[0-9A-Za-z]{3})?)\\b");

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final String saas = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);

    @BeforeEach
    void changeSetsTakeTheirTime() {
        // Both presses are judged while the first offer is still on its way, as with AWS's minutes-long change sets.
        marketplace.setChangeSetDelays(Duration.ofSeconds(6), Duration.ofSeconds(4));
    }

    @AfterEach
    void changeSetsQuickAgain() {
        marketplace.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void twoChannelPartnerOffersOnOneOneTimeAuthorizationPressedAtOnceSendOneAndTheOtherNamesItUntilConfirmed() {
        String partnerUser = org.createUser("One-time Partner " + System.nanoTime(), "Marketplace_Channel_Partner");
        String partner = sellerAccount(partnerUser, SandboxMarketplace.CHANNEL_PARTNER);
        String name = "One time deal " + System.nanoTime();
        String resaleId = marketplace.shareResaleAuthorization(SandboxMarketplace.SELLER,
                SandboxMarketplace.CHANNEL_PARTNER, saas, name, "Active", false, true, List.of(),
                Instant.now().plus(180, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS));
        assertThat(awaitFinished(desk.press(partnerUser, request("REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, partner))).get("Status__c"))
                .isEqualTo("Succeeded");
        String authorization = (String) rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + resaleId + "' AND Seller_Account__c = '" + partner + "'")
                .get(0).get("Id");
        org.grantAccess(partnerUser, authorization);
        List<String> offers = List.of(channelPartnerDraft(partnerUser, partner, authorization),
                channelPartnerDraft(partnerUser, partner, authorization));
        long started = startedChangeSets(SandboxMarketplace.CHANNEL_PARTNER);

        List<Map<String, Object>> pressed = Presses.atOnce(as(partnerUser), List.of(
                        request("CREATE_OFFER", partner, offers.get(0)), request("CREATE_OFFER", partner, offers.get(1))))
                .stream().map(this::awaitFinished).toList();

        assertThat(startedChangeSets(SandboxMarketplace.CHANNEL_PARTNER) - started).as("one reaches AWS").isEqualTo(1);
        Map<String, Object> refused = refusedOf(pressed);
        String holder = offers.get(pressed.indexOf(refused) == 0 ? 1 : 0);
        String second = offers.get(pressed.indexOf(refused));
        assertThat((String) refused.get("Error__c")).startsWith("Shared_Resale_Authorization__c: ")
                .contains("one-time resale authorization \"" + name + "\"").contains(holder)
                .contains("Confirm Second Offer (Confirm_Second_Offer__c)");
        assertThat((String) rest.get("MP_Private_Offer__c", second).get("Last_Error__c")).contains(holder);

        // The seller knows better (say, the first will be cancelled): confirmed, the second goes to AWS too.
        as(partnerUser).update("MP_Private_Offer__c", second, Map.of("Confirm_Second_Offer__c", true));
        Map<String, Object> confirmed = awaitFinished(desk.press(partnerUser, request("CREATE_OFFER", partner, second)));

        assertThat(confirmed.get("Status__c")).as(String.valueOf(confirmed.get("Error__c"))).isEqualTo("Succeeded");
        assertThat(startedChangeSets(SandboxMarketplace.CHANNEL_PARTNER) - started).isEqualTo(2);
    }

    @Test
    void twoReplacementsOfOneAgreementPressedAtOnceSendOneAndTheOtherNamesItUntilConfirmed() {
        String seller = org.createUser("Replacing Seller " + System.nanoTime(), "Marketplace_User");
        String sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        String buyer = String.valueOf(300000000000L + (System.nanoTime() % 100000000000L));
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        String agreementId = marketplace.addAgreement(SandboxMarketplace.SELLER, buyer, saas,
                SandboxMarketplace.seed().offerId(), "ACTIVE", midnight.minus(90, ChronoUnit.DAYS),
                midnight.plus(275, ChronoUnit.DAYS), MarketplaceSandbox.AgreementPricing.CONTRACT, false);
        syncedProduct(seller, sellerAccount, saas);
        assertThat(awaitFinished(desk.press(seller, "IMPORT_AGREEMENT", sellerAccount, sellerAccount,
                "{\"agreementId\":\"" + agreementId + "\"}")).get("Status__c"))
                .isEqualTo("Succeeded");
        String agreement = (String) rest.query("SELECT Id FROM MP_Agreement__c WHERE Agreement_Id__c = '"
                + agreementId + "'").get(0).get("Id");
        org.grantAccess(seller, agreement);
        String first = recordIn(awaitFinished(desk.press(seller, request("CREATE_AGREEMENT_BASED_OFFER", sellerAccount, agreement))));
        // A second replacement, as a seller makes one: a clone of the first, for the agreement's buyer.
        String second = recordIn(awaitFinished(desk.press(seller, request("CLONE_OFFER", sellerAccount, first))));
        rest.update("MP_Private_Offer__c", second, Map.of("Buyer_Accounts__c", buyer));
        List<String> offers = List.of(first, second);
        long started = startedChangeSets(SandboxMarketplace.SELLER);

        List<Map<String, Object>> pressed = Presses.atOnce(as(seller), List.of(
                        request("CREATE_OFFER", sellerAccount, first), request("CREATE_OFFER", sellerAccount, second)))
                .stream().map(this::awaitFinished).toList();

        assertThat(startedChangeSets(SandboxMarketplace.SELLER) - started).as("one reaches AWS").isEqualTo(1);
        Map<String, Object> refused = refusedOf(pressed);
        String holder = offers.get(pressed.indexOf(refused) == 0 ? 1 : 0);
        String other = offers.get(pressed.indexOf(refused));
        assertThat((String) refused.get("Error__c")).startsWith("Agreement__c: ").contains(agreementId)
                .contains(holder).contains("Confirm Second Offer (Confirm_Second_Offer__c)");

        as(seller).update("MP_Private_Offer__c", other, Map.of("Confirm_Second_Offer__c", true));
        Map<String, Object> confirmed = awaitFinished(desk.press(seller, request("CREATE_OFFER", sellerAccount, other)));

        assertThat(confirmed.get("Status__c")).as(String.valueOf(confirmed.get("Error__c"))).isEqualTo("Succeeded");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                offers.stream().allMatch(o -> "Released".equals(rest.get("MP_Private_Offer__c", o).get("Status__c"))));
    }

    private static Map<String, Object> refusedOf(List<Map<String, Object>> pressed) {
        assertThat(pressed).extracting(p -> p.get("Status__c")).containsExactlyInAnyOrder("Succeeded", "Failed");
        Map<String, Object> sent = pressed.stream().filter(p -> "Succeeded".equals(p.get("Status__c"))).findFirst()
                .orElseThrow();
        assertThat((String) sent.get("Result__c")).startsWith("Change set");
        return pressed.stream().filter(p -> "Failed".equals(p.get("Status__c"))).findFirst().orElseThrow();
    }

    /** A draft prefilled from the authorization and completed by the partner. */
    private String channelPartnerDraft(String partnerUser, String partner, String authorization) {
        String draft = recordIn(awaitFinished(desk.press(partnerUser, request("CREATE_CHANNEL_PARTNER_OFFER", partner, authorization))));
        Map<String, Object> fields = new HashMap<>();
        fields.put("Description__c", "Resold with onboarding");
        fields.put("Buyer_Accounts__c", "444455556666");
        fields.put("Markup_Percentage__c", new BigDecimal("5"));
        fields.put("Expiration_Date__c", today.plusDays(30).toString());
        fields.put("Reseller_Contract_Accepted__c", true);
        rest.update("MP_Private_Offer__c", draft, fields);
        return draft;
    }

    /** The record a prefill or a clone made, as its request's Result names it. */
    private static String recordIn(Map<String, Object> request) {
        assertThat(request.get("Status__c")).as(String.valueOf(request.get("Error__c"))).isEqualTo("Succeeded");
        Matcher record = RECORD.matcher(String.valueOf(request.get("Result__c")).replaceAll("agmt-\\w+", ""));
        assertThat(record.find()).as(String.valueOf(request.get("Result__c"))).isTrue();
        return record.group(1);
    }

    private long startedChangeSets(String account) {
        return marketplace.callCounts(account).getOrDefault("StartChangeSet", 0L);
    }

    private static Map<String, Object> request(String action, String sellerAccount, String target) {
        return Desk.request(action, sellerAccount, target, null);
    }
}
