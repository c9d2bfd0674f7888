package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile and broken data from Salesforce, pressed through the real connector: each request ends Failed with a message
 * that names the field and says what to do, nothing reaches AWS, and the connector goes on serving the next seller.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT extends ConnectorOnSandbox {

    /** Error__c is a long text area of this many characters; a longer explanation could not be written at all. */
    private static final int ERROR_FIELD_LENGTH = 32_768;

    @Autowired
    private SalesforceRecords salesforce;

    private static String otherAccountsProduct;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Bad Input Seller " + System.nanoTime(), "Marketplace_User");
    private String sellerAccount;
    private AccountDesk accountDesk;

    /** One hostile request: what the seller did, and what the request's Error__c must then say. */
    private record Hostile(String story, Function<BadInputIT, String> request, List<String> errorSays) {
        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                new Hostile("import with Input__c that is not JSON",
                        t -> t.request("IMPORT_OFFER", null, "{\"offerId\": \"offer-abc"),
                        List.of("Input__c", "not valid JSON")),
                new Hostile("import with the offer id given as an object",
                        t -> t.request("IMPORT_OFFER", null, "{\"offerId\": {\"id\": \"offer-abc\"}}"),
                        List.of("offerId", "Give the id of the offer to import")),
                new Hostile("import with a 100 000-character offer id",
                        t -> t.request("IMPORT_OFFER", null, "{\"offerId\": \"" + "o".repeat(100_000) + "\"}"),
                        List.of("offerId", "Give the id of the offer to import", "shortened to fit the field")),
                new Hostile("import with quotes and backslashes in the offer id",
                        t -> t.request("IMPORT_OFFER", null, "{\"offerId\": \"offer-a\\\\' OR Id != '\"}"),
                        List.of("offerId", "is not one")),
                new Hostile("create an offer whose record id smuggles SOQL",
                        t -> t.request("CREATE_OFFER", "a0B' OR Id != '", null),
                        List.of("Target_Record_Id__c", "a0B' OR Id != '", "is not a Salesforce record id")),
                new Hostile("create an offer whose record id ends in an escaping backslash",
                        t -> t.request("CREATE_OFFER", "a0B\\' OR Id!=\\'", null),
                        List.of("Target_Record_Id__c", "a0B\\' OR Id!=\\'", "is not a Salesforce record id")),
                new Hostile("create an offer from a record that is not an offer",
                        t -> t.request("CREATE_OFFER", t.sellerAccount, null),
                        List.of("Target_Record_Id__c", "is not a private offer")),
                new Hostile("create an offer that has no prices",
                        t -> t.request("CREATE_OFFER", t.offer(Map.of(), false), null),
                        List.of("Pricing_Model__c", "needs at least one Upfront rate")),
                new Hostile("create an offer whose name holds a control character",
                        t -> t.request("CREATE_OFFER", t.offer(Map.of("Offer_Name__c", "Acme\u0007 deal"), true), null),
                        List.of("Offer_Name__c", "U+0007")),
                new Hostile("create an offer whose name reverses the text around it",
                        t -> t.request("CREATE_OFFER", t.offer(Map.of("Offer_Name__c", "Acme \u202Efdp.exe"), true), null),
                        List.of("Offer_Name__c", "U+202E")),
                new Hostile("create an offer whose custom EULA is a program renamed .pdf",
                        t -> t.request("CREATE_OFFER", t.offerWithEula("Terms.pdf", program()), null),
                        List.of("EULA_Document_Id__c", "Terms.pdf", "is a program")),
                new Hostile("create an offer whose custom EULA is a zip bomb named .docx",
                        t -> t.request("CREATE_OFFER", t.offerWithEula("Terms.docx", zipBomb()), null),
                        List.of("EULA_Document_Id__c", "Terms.docx", "unpacks to more than")),
                new Hostile("create an offer whose custom EULA is 11 MB",
                        t -> t.request("CREATE_OFFER", t.offerWithEula("Terms.pdf", huge()), null),
                        List.of("EULA_Document_Id__c", "the limit is 10 MB")),
                // Issue 17: 10 units at 1 200 on each of the two entitled dimensions (24 000) paid in 11 000.
                new Hostile("validate an offer whose installments disagree with its rates",
                        t -> t.request("VALIDATE_OFFER", t.offerInInstallments("5500.00", "5500.00"), null),
                        List.of("MP_Payment_Installment__c: The installments total 11,000.00 USD but the rates come"
                                + " to 24,000.00 USD", "AWS charges the buyer the installments, 11,000.00 USD")),
                new Hostile("create an offer whose installments disagree with its rates",
                        t -> t.request("CREATE_OFFER", t.offerInInstallments("5500.00", "5500.00"), null),
                        List.of("MP_Payment_Installment__c: The installments total 11,000.00 USD but the rates come"
                                + " to 24,000.00 USD", "AWS charges the buyer the installments, 11,000.00 USD")),
                new Hostile("validate an offer on a product of another seller account",
                        t -> t.request("VALIDATE_OFFER", t.offerOnAnotherAccountsProduct(), null),
                        List.of("Product__c: Product " + otherAccountsProduct() + " was synced for seller account "
                                + SandboxMarketplace.CHANNEL_PARTNER + ", not for this offer's seller account "
                                + SandboxMarketplace.SELLER)),
                new Hostile("create an offer on a product of another seller account",
                        t -> t.request("CREATE_OFFER", t.offerOnAnotherAccountsProduct(), null),
                        List.of("Product__c: Product " + otherAccountsProduct() + " was synced for seller account "
                                + SandboxMarketplace.CHANNEL_PARTNER, "choose a product of " + SandboxMarketplace.SELLER))
        ).map(Arguments::of);
    }

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        String find = "SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'";
        if (rest.query(find).isEmpty()) {
            AccountDesk sync = new AccountDesk(org, desk, sellerAccount, null);
            assertThat(sync.awaitFinished(sync.request(seller, "REFRESH_PRODUCTS", null, null)).get("Status__c"))
                    .isEqualTo("Succeeded");
        }
        accountDesk = new AccountDesk(org, desk, sellerAccount, (String) rest.query(find).get(0).get("Id"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputEndsFailedWithAClearMessageAndNothingReachesAws(Hostile hostile) {
        long started = changeSetsStarted();

        Map<String, Object> done = awaitFinished(hostile.request().apply(this));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Failed");
        String error = (String) done.get("Error__c");
        assertThat(error).contains(hostile.errorSays()).hasSizeLessThanOrEqualTo(ERROR_FIELD_LENGTH);
        assertThat(changeSetsStarted()).as("change sets started").isEqualTo(started);
        assertThat(SandboxMarketplace.s3().keys(SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER)))
                .as("EULAs stored").noneMatch(key -> key.endsWith(".exe"));
    }

    @Order(2)
    @Test
    void afterTheHostileRequestsTheConnectorStillServesAnOfferNamedInAnyScript() {
        String name = "Acme Ünïcödé 株式会社 Ωmega 🚀";
        String offer = offer(Map.of("Offer_Name__c", name), true);

        Map<String, Object> done = awaitFinished(request("VALIDATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains(name);
    }

    @Order(2)
    @Test
    void anOfferWithAGoodCustomEulaIsStillValidatedAndItsLinkStaysOutOfTheLogs() {
        byte[] pdf = ("%PDF-1.7\n% Acme terms " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        String offer = offerWithEula("Acme terms.pdf", pdf);

        Map<String, Object> done = awaitFinished(request("VALIDATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("CustomEula");
    }

    @Order(3)
    @Test
    void quotesAndBackslashesInAValueTheConnectorQueriesByMatchOnlyThatValue() {
        String tag = Long.toString(System.nanoTime(), 36);
        List<String> names = List.of("Acme " + tag, "Acme " + tag + "' OR Name != '",
                "Acme " + tag + "\\' OR Name != \\'", "Acme " + tag + "\\", "Acme " + tag + " 100%_\"");
        Map<String, String> offers = new java.util.LinkedHashMap<>();
        names.forEach(name -> offers.put(name, offer(Map.of("Name", name), false)));

        for (String name : names) {
            List<String> found = salesforce.query("SELECT Id FROM MP_Private_Offer__c WHERE Name = " + Soql.quote(name))
                    .stream().map(r -> r.path("Id").asText()).toList();

            assertThat(found).as(name).containsExactly(offers.get(name));
        }
    }

    @Order(4)
    @Test
    void theLogsOfTheseRequestsWereScannedForCredentials() {
        assertThat(LogSecretsWatch.attached()).isTrue();
        long before = LogSecretsWatch.scannedEvents();

        awaitFinished(request("IMPORT_OFFER", null, "not json"));

        assertThat(LogSecretsWatch.scannedEvents()).as("the request's outcome was logged and scanned")
                .isGreaterThan(before);
    }

    private long changeSetsStarted() {
        return marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L);
    }

    private String request(String action, String target, String input) {
        return accountDesk.request(seller, action, target, input);
    }

    private String offer(Map<String, Object> changed, boolean priced) {
        return accountDesk.offer(seller, changed, priced);
    }

    /** A priced offer (10 units at 1 200 per entitled dimension) paid in installments of these amounts. */
    private String offerInInstallments(String... amounts) {
        String offer = offer(Map.of("Installments_Enabled__c", true), true);
        java.time.LocalDate date = java.time.LocalDate.now().plusDays(10);
        for (String amount : amounts) {
            org.insertAs(seller, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer,
                    "Charge_Date__c", date.toString(), "Charge_Amount__c", new java.math.BigDecimal(amount),
                    "Currency__c", "USD"));
            date = date.plusDays(90);
        }
        return offer;
    }

    /**
     * A priced offer of the seller account on a product synced for the channel partner's seller account, which the
     * company's org also holds: the product exists in AWS, but not for this seller.
     */
    private String offerOnAnotherAccountsProduct() {
        String partnerAccount = sellerAccount(seller, SandboxMarketplace.CHANNEL_PARTNER);
        String productId = otherAccountsProduct();
        List<Map<String, Object>> synced = rest.query("SELECT Id FROM MP_Product__c WHERE Product_Id__c = '"
                + productId + "'");
        String product;
        if (synced.isEmpty()) {
            // As Refresh Products on the channel partner's seller account would have written it.
            product = org.insert("MP_Product__c", Map.of("Name", "Partner Analytics (SaaS)",
                    "Product_Id__c", productId, "Product_Type__c", "SaaS", "Seller_Account__c", partnerAccount));
            for (String key : List.of("users", "admins")) {
                org.insert("MP_Product_Dimension__c", Map.of("Name", key, "Product__c", product,
                        "Dimension_Key__c", key, "Types__c", "Entitled"));
            }
        } else {
            product = (String) synced.get(0).get("Id");
        }
        return offer(Map.of("Product__c", product), true);
    }

    private static synchronized String otherAccountsProduct() {
        if (otherAccountsProduct == null) {
            otherAccountsProduct = SandboxMarketplace.marketplace().addProduct(SandboxMarketplace.CHANNEL_PARTNER,
                    MarketplaceSandbox.ProductType.SAAS, "Partner Analytics (SaaS)", "Public");
        }
        return otherAccountsProduct;
    }

    /** A priced offer with a custom EULA: the file attached to it as the seller does in its Files list. */
    private String offerWithEula(String fileName, byte[] content) {
        String offer = offer(Map.of("EULA_Type__c", "CustomEula"), true);
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", fileName,
                "VersionData", Base64.getEncoder().encodeToString(content), "FirstPublishLocationId", offer));
        String document = (String) org.get("ContentVersion", version).get("ContentDocumentId");
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Document_Id__c", document));
        return offer;
    }

    private static byte[] program() {
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        return exe;
    }

    /** A valid-looking .docx whose one extra part unpacks to 200 MB of zeros (about 200 KB packed). */
    private static byte[] zipBomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/media/zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] huge() {
        byte[] pdf = new byte[11 * 1024 * 1024];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        return pdf;
    }
}
