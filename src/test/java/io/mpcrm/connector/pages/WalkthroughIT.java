package io.mpcrm.connector.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guided pages' walkthroughs, end to end: each file in {@code salesforce/walkthroughs/} is what a page wrote while a
 * Jest test filled it in as the seed's walkthrough says (the Jest test fails when the page writes anything else). Here
 * the same records are written into the sandbox org as the seller, with only the seller's permission set (so the
 * page's writes are ones that set allows), each request is left to the connector as the page leaves it, and the offer
 * ends Released or the resale authorization Active.
 */
class WalkthroughIT extends ConnectorOnSandbox {

    static final Path WALKTHROUGHS = Path.of("salesforce", "walkthroughs");
    private static final Pattern TODAY = Pattern.compile("\\{today([+-]\\d+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String seller = org.createUser("Walkthrough Seller " + System.nanoTime(), "Marketplace_User");

    @Test
    void anOfferWithAPaymentScheduleTheConnectorGeneratedAndTheSellerEditedIsReleased() throws IOException {
        Map<String, String> records = replay("offer-with-payment-schedule", seller, sellerRefs(seller));

        Map<String, Object> released = awaitOffer(records.get("MP_Private_Offer__c#1"), "Released");
        assertThat((String) released.get("Offer_URL__c")).contains("offerId=" + released.get("Offer_Id__c"));
        JsonNode details = SandboxMarketplace.marketplace().entityDetails((String) released.get("Offer_Id__c"))
                .orElseThrow();
        assertThat(details.toString()).contains("PaymentScheduleTerm").contains("2740").contains("2540");
    }

    @Test
    void anOfferOnAFutureDatedAgreementIsReleased() throws IOException {
        Map<String, String> records = replay("offer-future-dated", seller, sellerRefs(seller));

        Map<String, Object> released = awaitOffer(records.get("MP_Private_Offer__c#1"), "Released");
        assertThat(SandboxMarketplace.marketplace().entityDetails((String) released.get("Offer_Id__c")).orElseThrow()
                .toString()).contains(LocalDate.now(ZoneOffset.UTC).plusDays(45).toString());
    }

    @Test
    void aZeroDollarOfferIsReleased() throws IOException {
        Map<String, String> records = replay("offer-zero-dollar", seller, sellerRefs(seller));

        awaitOffer(records.get("MP_Private_Offer__c#1"), "Released");
    }

    @Test
    void anOfferWithACustomEulaUploadedInThePageIsReleasedWithTheFileStored() throws IOException {
        Map<String, String> records = replay("offer-custom-eula", seller, sellerRefs(seller));

        Map<String, Object> released = awaitOffer(records.get("MP_Private_Offer__c#1"), "Released");
        assertThat((String) released.get("EULA_Url__c")).startsWith("s3://"
                + SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER) + "/");
    }

    @Test
    void aResaleAuthorizationForAResellerBecomesActive() throws IOException {
        Map<String, String> records = replay("resale-authorization", seller, sellerRefs(seller));

        Map<String, Object> active = awaitStatus("MP_Resale_Authorization__c",
                records.get("MP_Resale_Authorization__c#1"), "Active");
        assertThat(SandboxMarketplace.marketplace().entityDetails((String) active.get("Resale_Authorization_Id__c"))
                .orElseThrow().toString()).contains(SandboxMarketplace.RESELLER).contains("api_calls");
    }

    @Test
    void aChannelPartnerOfferOnASharedResaleAuthorizationIsReleased() throws IOException {
        String partnerUser = org.createUser("Walkthrough Partner " + System.nanoTime(), "Marketplace_Channel_Partner");
        String partner = sellerAccount(partnerUser, SandboxMarketplace.CHANNEL_PARTNER);
        Map<String, Object> synced = awaitFinished(desk.press(partnerUser, "REFRESH_SHARED_RESALE_AUTHORIZATIONS",
                partner, partner, null));
        assertThat(synced.get("Status__c")).as(String.valueOf(synced.get("Error__c"))).isEqualTo("Succeeded");
        String forPartners = SandboxMarketplace.seed().resaleAuthorizationIds().get(0);
        String shared = (String) rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + forPartners + "' AND Seller_Account__c = '" + partner + "'")
                .get(0).get("Id");
        org.grantAccess(partnerUser, shared);

        Map<String, String> records = replay("channel-partner-offer", partnerUser,
                Map.of("partnerAccount", partner, "sharedResaleAuthorization", shared));

        Map<String, Object> released = awaitOffer(records.get("MP_Private_Offer__c#1"), "Released");
        assertThat(SandboxMarketplace.marketplace().entityDetails((String) released.get("Offer_Id__c")).orElseThrow()
                .toString()).contains("444455556666");
    }

    /** The records the ISV's pages read: its seller account and its synced products, one per product type. */
    private Map<String, String> sellerRefs(String user) {
        Map<String, String> refs = new HashMap<>();
        String account = sellerAccount(user, SandboxMarketplace.SELLER);
        refs.put("sellerAccount", account);
        if (productRecord(MarketplaceSandbox.ProductType.SAAS) == null) {
            assertThat(awaitFinished(desk.press(user, "REFRESH_PRODUCTS", account, account, null))
                    .get("Status__c")).isEqualTo("Succeeded");
        }
        refs.put("product.SaaS", productRecord(MarketplaceSandbox.ProductType.SAAS));
        refs.put("product.AMI", productRecord(MarketplaceSandbox.ProductType.AMI));
        refs.put("product.Container", productRecord(MarketplaceSandbox.ProductType.CONTAINER));
        return refs;
    }

    private String productRecord(MarketplaceSandbox.ProductType type) {
        String productId = SandboxMarketplace.seed().products().get(type);
        return rest.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'").stream()
                .map(r -> (String) r.get("Id")).findFirst().orElse(null);
    }

    /**
     * Writes the walkthrough's steps as the user; a request is left to the connector until it ends, as the page
     * follows it, and must succeed. Returns every record the steps named, by name.
     */
    Map<String, String> replay(String walkthrough, String user, Map<String, String> known) throws IOException {
        JsonNode steps = JSON.readTree(WALKTHROUGHS.resolve(walkthrough + ".json").toFile());
        Map<String, String> records = new LinkedHashMap<>(known);
        Function<String, String> ids = name -> {
            String id = name.startsWith("$") ? records.get(name.substring(1)) : records.get(name);
            return id != null ? id : resolveGenerated(name.startsWith("$") ? name.substring(1) : name, records, user);
        };
        for (JsonNode step : steps) {
            if (step.has("create")) {
                String name = step.path("create").asText();
                String sobject = name.substring(0, name.indexOf('#'));
                String id = as(user).create(sobject, fields(step.path("fields"), ids));
                records.put(name, id);
                if ("Marketplace_Request__c".equals(sobject)) {
                    Map<String, Object> done = awaitFinished(id);
                    assertThat(done.get("Status__c")).as(walkthrough + ": " + step.path("fields").path("Action__c")
                            + " " + done.get("Error__c")).isEqualTo("Succeeded");
                }
            } else if (step.has("update")) {
                String name = step.path("update").asText();
                as(user).update(sobjectOf(name), ids.apply(name), fields(step.path("fields"), ids));
            } else if (step.has("delete")) {
                String name = step.path("delete").asText();
                as(user).delete(sobjectOf(name), ids.apply(name));
            } else if (step.has("upload")) {
                // What lightning-file-upload does: a ContentVersion published on the record, as the user.
                byte[] file = ("%PDF-1.4\n% " + step.path("title").asText() + " " + System.nanoTime() + "\n%%EOF\n")
                        .getBytes();
                String version = org.insertAs(user, "ContentVersion", Map.of("PathOnClient",
                        step.path("title").asText(), "VersionData", Base64.getEncoder().encodeToString(file),
                        "FirstPublishLocationId", ids.apply(step.path("linkedTo").asText())));
                records.put(step.path("upload").asText(), (String) org.get("ContentVersion", version)
                        .get("ContentDocumentId"));
            } else {
                throw new IllegalArgumentException(walkthrough + ": unknown step " + step);
            }
        }
        return records;
    }

    /** "MP_Payment_Installment__c.2": the installment number 2 the connector generated on the walkthrough's record. */
    private String resolveGenerated(String name, Map<String, String> records, String user) {
        Matcher generated = Pattern.compile("(MP_Payment_Installment__c|MP_Resale_Installment__c)\\.(\\d+)").matcher(name);
        if (!generated.matches()) {
            throw new IllegalArgumentException("The walkthrough names " + name + ", which it has not made");
        }
        boolean offer = generated.group(1).equals("MP_Payment_Installment__c");
        String parent = records.get(offer ? "MP_Private_Offer__c#1" : "MP_Resale_Authorization__c#1");
        List<Map<String, Object>> found = as(user).query("SELECT Id FROM " + generated.group(1) + " WHERE "
                + (offer ? "Private_Offer__c" : "Resale_Authorization__c") + " = '" + parent
                + "' AND Installment_Number__c = " + generated.group(2));
        assertThat(found).as(name).hasSize(1);
        return (String) found.get(0).get("Id");
    }

    private static String sobjectOf(String name) {
        String plain = name.startsWith("$") ? name.substring(1) : name;
        return plain.split("[#.]")[0];
    }

    private static Map<String, Object> fields(JsonNode fields, Function<String, String> ids) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.fields().forEachRemaining(field -> values.put(field.getKey(), value(field.getValue(), ids)));
        return values;
    }

    private static Object value(JsonNode node, Function<String, String> ids) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.asText();
        if (text.startsWith("$")) {
            return ids.apply(text);
        }
        Matcher today = TODAY.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (today.find()) {
            today.appendReplacement(resolved, LocalDate.now(ZoneOffset.UTC)
                    .plusDays(Long.parseLong(today.group(1))).toString());
        }
        today.appendTail(resolved);
        return resolved.toString();
    }
}
