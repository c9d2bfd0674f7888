package io.mpcrm.connector.sandbox;

import io.mpcrm.connector.sandbox.salesforce.SandboxOrg;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selling-through-partners stories of the sandbox run, pressed as users would press the buttons: the ISV authorizes
 * the channel partner to resell its product, the partner makes a marked-up offer on that authorization, and the ISV
 * replaces a buyer's agreement with an agreement-based offer.
 */
final class SandboxJourneys {

    private static final Logger log = LoggerFactory.getLogger(SandboxJourneys.class);
    private static final Pattern NEW_RECORD = Pattern.compile("\\(record (\\w+)\\)");
    private static final String BUYER = "444455556666";

    private final SandboxOrg org;
    private final SandboxSeed seed;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    SandboxJourneys(SandboxOrg org, SandboxSeed seed) {
        this.org = org;
        this.seed = seed;
    }

    void run() {
        String authorizationId = authorizeTheChannelPartner();
        if (authorizationId != null) {
            resellWithMarkup(authorizationId);
        }
        replaceAnAgreement(SandboxMarketplace.replaceableAgreements().contract());
    }

    /** The ISV gives a buyer six more months: an agreement-based offer prefilled from the agreement replaces it. */
    private void replaceAnAgreement(String agreementId) {
        List<Map<String, Object>> synced = org.query("SELECT Id FROM MP_Agreement__c WHERE Agreement_Id__c = '"
                + agreementId + "'");
        if (synced.isEmpty()) {
            log.warn("Agreement {} was not brought in by Refresh Agreements", agreementId);
            return;
        }
        String agreement = (String) synced.get(0).get("Id");
        org.grantAccess(seed.userId(), agreement); // as the org's sharing rule for synced records would
        if (!succeeded(press("CREATE_AGREEMENT_BASED_OFFER", seed.sellerAccount(), agreement))) {
            return;
        }
        Map<String, Object> offer = org.query("SELECT Id, Service_End_Date__c FROM MP_Private_Offer__c WHERE"
                + " Agreement__c = '" + agreement + "'").get(0);
        LocalDate longer = LocalDate.parse((String) offer.get("Service_End_Date__c")).plusMonths(6);
        org.update("MP_Private_Offer__c", (String) offer.get("Id"), Map.of("Service_End_Date__c", longer.toString()));
        if (succeeded(press("CREATE_AGREEMENT_BASED_OFFER", seed.sellerAccount(), (String) offer.get("Id")))) {
            logReleased("Agreement-based offer (replaces " + agreementId + ", now ending " + longer + ")",
                    (String) offer.get("Id"));
        }
    }

    /** The ISV authorizes the channel partner to resell the SaaS product at $800 per contract dimension. */
    private String authorizeTheChannelPartner() {
        Map<String, Object> fields = ContractResaleAuthorizations.fields("Example Reseller annual resale",
                seed.sellerAccount(), seed.product());
        fields.put("Description__c", "Wholesale terms for Example Reseller LLC");
        fields.put("Reseller_Account_Id__c", SandboxMarketplace.CHANNEL_PARTNER);
        fields.put("Expiration_Date__c", today.plusDays(90).toString());
        String authorization = ContractResaleAuthorizations.write(org, seed.userId(), fields);
        if (!succeeded(press("CREATE_RESALE_AUTHORIZATION", seed.sellerAccount(), authorization))) {
            return null;
        }
        Map<String, Object> active = awaitRecord("MP_Resale_Authorization__c", authorization,
                r -> "Active".equals(r.get("Status__c")) || "FAILED".equals(r.get("Status__c")));
        log.info("Resale authorization {} for channel partner {}: {} {}", active.get("Resale_Authorization_Id__c"),
                SandboxMarketplace.CHANNEL_PARTNER, active.get("Status__c"),
                active.get("Last_Error__c") == null ? "" : active.get("Last_Error__c"));
        return "Active".equals(active.get("Status__c")) ? (String) active.get("Resale_Authorization_Id__c") : null;
    }

    /** The channel partner syncs what it was shared, prefills an offer from it, adds a 10 % markup and releases it. */
    private void resellWithMarkup(String authorizationId) {
        if (!succeeded(press("REFRESH_SHARED_RESALE_AUTHORIZATIONS", seed.channelPartnerAccount(),
                seed.channelPartnerAccount()))) {
            return;
        }
        List<Map<String, Object>> shared = org.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + authorizationId + "'");
        if (shared.isEmpty()) {
            log.warn("The channel partner does not see resale authorization {} after its refresh", authorizationId);
            return;
        }
        String sharedRecord = (String) shared.get(0).get("Id");
        org.grantAccess(seed.userId(), sharedRecord); // as the org's sharing rule for synced records would
        Map<String, Object> prefilled = press("CREATE_CHANNEL_PARTNER_OFFER", seed.channelPartnerAccount(),
                sharedRecord);
        Matcher draft = NEW_RECORD.matcher(String.valueOf(prefilled.get("Result__c")));
        if (!succeeded(prefilled) || !draft.find()) {
            return;
        }
        String offer = draft.group(1);
        Map<String, Object> fields = new HashMap<>();
        fields.put("Description__c", "Example Analytics with onboarding by Example Reseller");
        fields.put("Buyer_Accounts__c", BUYER);
        fields.put("Markup_Percentage__c", new BigDecimal("10"));
        fields.put("Expiration_Date__c", today.plusDays(30).toString());
        fields.put("Reseller_Contract_Accepted__c", true);
        org.update("MP_Private_Offer__c", offer, fields);
        if (succeeded(press("CREATE_CHANNEL_PARTNER_OFFER", seed.channelPartnerAccount(), offer))) {
            logReleased("Channel partner offer (10 % markup)", offer);
        }
    }

    private void logReleased(String what, String offer) {
        Map<String, Object> released = awaitRecord("MP_Private_Offer__c", offer,
                o -> "Released".equals(o.get("Status__c")) || "FAILED".equals(o.get("Status__c")));
        log.info("{} {}: {} {}", what, released.get("Offer_Id__c"), released.get("Status__c"),
                "Released".equals(released.get("Status__c")) ? "- buyers open it at " + released.get("Offer_URL__c")
                        : released.get("Last_Error__c"));
    }

    /** Inserts the request a button makes and waits for its outcome, which it logs. */
    private Map<String, Object> press(String action, String sellerAccount, String target) {
        Desk desk = Desk.inStore(org);
        Map<String, Object> request = desk.awaitEnded(desk.press(seed.userId(), action, sellerAccount, target, null),
                Duration.ofMinutes(2));
        log.info("Sandbox request {} {} {}: {}", request.get("Name"), action, request.get("Status__c"),
                succeeded(request) ? request.get("Result__c") : request.get("Error__c"));
        return request;
    }

    private Map<String, Object> awaitRecord(String sobject, String id, Predicate<Map<String, Object>> done) {
        return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> org.get(sobject, id), done::test);
    }

    private static boolean succeeded(Map<String, Object> request) {
        return "Succeeded".equals(request.get("Status__c"));
    }
}
