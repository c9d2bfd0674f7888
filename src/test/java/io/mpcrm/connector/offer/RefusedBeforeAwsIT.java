package io.mpcrm.connector.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractResaleAuthorizations;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the records in Salesforce already say AWS would refuse, pressed through the real connector: the request ends
 * Failed with the field and the reason, no change set starts and no file is stored. Validate Offer runs every check
 * Create Offer runs, the attached document's content included; Modify Expiration's new date keeps the limits Create
 * Offer keeps; and a refusal is short enough to read, however many problems it has.
 */
class RefusedBeforeAwsIT extends ConnectorOnSandbox {

    private static final Pattern DRAFT = Pattern.compile("\\(record (\\w+)\\)");
    private static final int ONE_SCREEN = 5_000;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Limits Seller " + System.nanoTime(), "Marketplace_User");
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        saasProduct = syncedProduct(SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
    }

    // ------------------------------------------------------------------------------------------------ documents

    @Test
    void aMacroEnabledWordFileRenamedDocxIsRefusedByValidateAndByCreateAndNothingIsStored() throws IOException {
        String offer = offerWithEula("Terms.docx", macroEnabledWordDocument());
        Set<String> stored = storedEulas();
        long started = startedChangeSets();

        for (String action : List.of("VALIDATE_OFFER", "CREATE_OFFER")) {
            Map<String, Object> done = awaitFinished(request(action, offer, null));

            assertThat(done.get("Status__c")).as(action).isEqualTo("Failed");
            assertThat((String) done.get("Error__c")).as(action).contains("EULA_Document_Id__c: The custom EULA file"
                    + " 'Terms.docx' is a macro-enabled Office document (its [Content_Types].xml declares"
                    + " application/vnd.ms-word.document.macroEnabled.main+xml, and it holds word/vbaProject.bin),"
                    + " whatever its name says");
        }
        assertThat(storedEulas()).as("EULAs in the bucket").isEqualTo(stored);
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void validateOfferRefusesAProgramNamedPdfAndAFileOneByteOverTheLimitAsCreateOfferDoes() {
        byte[] program = new byte[4096];
        program[0] = 'M';
        program[1] = 'Z';
        byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, tooBig, 0, 9);

        Map<String, Object> exe = awaitFinished(request("VALIDATE_OFFER", offerWithEula("Terms.pdf", program), null));
        Map<String, Object> big = awaitFinished(request("VALIDATE_OFFER", offerWithEula("Big.pdf", tooBig), null));

        assertThat(exe.get("Status__c")).isEqualTo("Failed");
        assertThat((String) exe.get("Error__c")).contains("EULA_Document_Id__c: The custom EULA file 'Terms.pdf' is"
                + " not a PDF, Word (.docx) or text file: its content is a program, whatever its name says");
        assertThat(big.get("Status__c")).isEqualTo("Failed");
        assertThat((String) big.get("Error__c")).contains("EULA_Document_Id__c: The custom EULA file 'Big.pdf' is"
                + " 10.0 MB; the limit is 10 MB.");
    }

    @Test
    void validateResaleAuthorizationChecksTheBuyerEulaItWouldStore() throws IOException {
        String ra = resaleAuthorization(saasProduct);
        rest.update("MP_Resale_Authorization__c", ra, Map.of("Buyer_EULA_Type__c", "CustomEula",
                "Buyer_EULA_Document_Id__c", attach(ra, "Buyer terms.docx", macroEnabledWordDocument())));

        Map<String, Object> done = awaitFinished(request("VALIDATE_RESALE_AUTHORIZATION", ra, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("Buyer_EULA_Document_Id__c: The custom EULA file"
                + " 'Buyer terms.docx' is a macro-enabled Office document");
    }

    // ------------------------------------------------------------------------------------------------ limits

    @Test
    void anOfferOf201ContractRatesIsRefusedByFieldWithAShortMessage() {
        String product = wideProduct(201);
        String offer = ContractOffer.insertPriced(org, seller, ContractOffer.fields("Acme wide deal", "Every module",
                sellerAccount, product, today.plusDays(30)));
        long started = startedChangeSets();

        for (String action : List.of("VALIDATE_OFFER", "CREATE_OFFER")) {
            Map<String, Object> done = awaitFinished(request(action, offer, null));

            assertThat(done.get("Status__c")).as(action).isEqualTo("Failed");
            assertThat((String) done.get("Error__c")).as(action).isEqualTo("MP_Offer_Dimension__c: The offer prices"
                    + " 201 contract (Entitled) dimensions; AWS takes at most 200 in one offer: remove 1 of them.");
        }
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void twoHundredAndOneMistakesShowTheFirstTwentyAndCountTheRestOnTheRequestAndTheOffer() {
        String offer = org.insertAs(seller, "MP_Private_Offer__c", ContractOffer.fields("Acme typo deal",
                "Rates on keys the product lacks", sellerAccount, saasProduct, today.plusDays(30)));
        for (int i = 1; i <= 201; i++) {
            org.insertAs(seller, "MP_Offer_Dimension__c", Map.of("Private_Offer__c", offer, "Name", "module" + i,
                    "Dimension_Key__c", "module" + i, "Rate__c", 100, "Rate_Kind__c", "Upfront"));
        }

        Map<String, Object> done = awaitFinished(request("VALIDATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        String error = (String) done.get("Error__c");
        assertThat(error).hasSizeLessThan(ONE_SCREEN).contains("MP_Offer_Dimension__c module1.Dimension_Key__c:")
                .endsWith("... and 181 more problems (201 in all). Correct these and press the button again to see the"
                        + " rest.");
        assertThat((String) rest.get("MP_Private_Offer__c", offer).get("Last_Error__c")).hasSizeLessThan(ONE_SCREEN)
                .contains("and 181 more problems (201 in all)");
    }

    @Test
    void aServiceLengthOfFiveDigitsIsRefusedOnItsFieldNotByAwsWithARawPath() {
        Map<String, Object> fields = ContractOffer.fields("Acme forever", "A very long deal", sellerAccount,
                saasProduct, today.plusDays(30));
        fields.put("Service_Length__c", "P99999Y");
        String offer = ContractOffer.insertPriced(org, seller, fields);
        long started = startedChangeSets();

        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).isEqualTo("Service_Length__c: Service length P99999Y is longer than"
                + " AWS accepts (at most 9999 years); enter a shorter length, e.g. P12M.");
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void aDateThatHasPassedSaysWhichDayTodayIsInUtc() {
        String offer = ContractOffer.insertPriced(org, seller, ContractOffer.fields("Acme late deal", "Too late",
                sellerAccount, saasProduct, today.minusDays(1)));

        Map<String, Object> done = awaitFinished(request("VALIDATE_OFFER", offer, null));

        assertThat((String) done.get("Error__c")).isEqualTo("Expiration_Date__c: The expiration date "
                + today.minusDays(1) + " has passed (today in UTC, " + today + "); choose today or a later date.");
    }

    @Test
    void aProductRefreshProductsMarkedUnavailableIsRefusedByOffersAndResaleAuthorizations() {
        String productId = marketplace.addProduct(SandboxMarketplace.SELLER, MarketplaceSandbox.ProductType.SAAS,
                "Retired Analytics " + System.nanoTime(), "Public");
        String product = syncedProduct(productId);
        marketplace.removeProduct(SandboxMarketplace.SELLER, productId);
        assertThat(awaitFinished(request("REFRESH_PRODUCTS", null, null)).get("Status__c")).isEqualTo("Succeeded");
        assertThat(rest.get("MP_Product__c", product).get("Visibility__c")).isEqualTo("Unavailable");
        String offer = ContractOffer.insertPriced(org, seller, ContractOffer.fields("Acme retired deal",
                "On a product that is gone", sellerAccount, product, today.plusDays(30)));
        String ra = resaleAuthorization(product);
        String refused = "Product__c: Product " + productId + " is Unavailable: the last Refresh Products no longer"
                + " found it in the seller account";
        long started = startedChangeSets();

        for (String[] press : List.of(new String[] {"VALIDATE_OFFER", offer}, new String[] {"CREATE_OFFER", offer},
                new String[] {"VALIDATE_RESALE_AUTHORIZATION", ra}, new String[] {"CREATE_RESALE_AUTHORIZATION", ra})) {
            Map<String, Object> done = awaitFinished(request(press[0], press[1], null));

            assertThat(done.get("Status__c")).as(press[0]).isEqualTo("Failed");
            assertThat((String) done.get("Error__c")).as(press[0]).startsWith(refused);
        }
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void zeroDollarPricingBesideInstallmentsThatChargeIsRefusedInsteadOfReleasedCharging() {
        Map<String, Object> fields = ContractOffer.fields("Acme free deal", "Nothing to pay", sellerAccount,
                saasProduct, today.plusDays(30));
        fields.put("Zero_Dollar_Pricing__c", true);
        String offer = org.insertAs(seller, "MP_Private_Offer__c", fields);
        // Units without rates: with installments the buyer pays what the installments say, here 500 + 500.
        for (Map<String, Object> dimension : rest.query("SELECT Dimension_Key__c, Types__c FROM MP_Product_Dimension__c"
                + " WHERE Product__c = '" + saasProduct + "'")) {
            if (String.valueOf(dimension.get("Types__c")).contains("Entitled")) {
                org.insertAs(seller, "MP_Offer_Dimension__c", Map.of("Private_Offer__c", offer, "Name",
                        dimension.get("Dimension_Key__c"), "Dimension_Key__c", dimension.get("Dimension_Key__c"),
                        "Rate_Kind__c", "Upfront", "Quantity__c", 10));
            }
        }
        installments(offer, "500", today.plusDays(10), today.plusDays(100));
        long started = startedChangeSets();

        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).isEqualTo("Zero_Dollar_Pricing__c: Zero Dollar Pricing offers every"
                + " dimension at 0, but the 2 installments charge the buyer 1,000.00 USD: untick Zero Dollar Pricing"
                + " to charge them, or delete the installments and untick Installments Enabled to offer it for 0.");
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    // ------------------------------------------------------------------------------------------------ expiration

    @Test
    void modifyExpirationPastTheSecondInstallmentIsRefusedAndTheOfferKeepsItsDate() {
        // 10 users and 10 admins at 1,200 each: 24,000, paid in two installments.
        String offer = ContractOffer.insertPriced(org, seller, ContractOffer.fields("Acme paid deal", "In two parts",
                sellerAccount, saasProduct, today.plusDays(30)));
        installments(offer, "12000", today.plusDays(10), today.plusDays(200));
        released(offer);
        long started = startedChangeSets();
        LocalDate late = today.plusDays(250);

        Map<String, Object> done = awaitFinished(expiration(offer, late));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Result__c"))).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).isEqualTo("expirationDate: The expiration date " + late + " is on"
                + " or after 2 installments (" + today.plusDays(10) + ", " + today.plusDays(200) + "), and AWS charges"
                + " at most one installment on or before the day the offer expires: choose a date before "
                + today.plusDays(200) + ", or move the installments later.");
        assertThat(startedChangeSets()).isEqualTo(started);
        assertThat(rest.get("MP_Private_Offer__c", offer)).containsEntry("Status__c", "Released")
                .containsEntry("Expiration_Date__c", today.plusDays(30).toString());
    }

    @Test
    void modifyExpirationOnOrAfterAFutureStartIsRefused() {
        LocalDate expiration = today.plusDays(30);
        LocalDate start = expiration.plusDays(15);
        Map<String, Object> fields = ContractOffer.fields("Acme next year", "Starts later", sellerAccount,
                saasProduct, expiration);
        fields.remove("Service_Length__c");
        fields.put("Service_Start_Date__c", start.toString());
        fields.put("Service_End_Date__c", start.plusYears(1).minusDays(1).toString());
        String offer = ContractOffer.insertPriced(org, seller, fields);
        released(offer);
        long started = startedChangeSets();

        Map<String, Object> done = awaitFinished(expiration(offer, start));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).isEqualTo("expirationDate: The expiration date " + start + " is not"
                + " before the agreement's future start date " + start + " (Service_Start_Date__c), and AWS starts a"
                + " future dated agreement only after the offer expires: choose a date before " + start + ".");
        assertThat(startedChangeSets()).isEqualTo(started);
    }

    @Test
    void modifyExpirationOfAChannelPartnerOfferPastItsAuthorizationIsRefused() {
        String partnerUser = org.createUser("Limits Partner " + System.nanoTime(), "Marketplace_Channel_Partner");
        String partner = sellerAccount(partnerUser, SandboxMarketplace.LATE_PARTNER);
        LocalDate authorizationEnds = today.plusDays(60);
        String raId = marketplace.shareResaleAuthorization(SandboxMarketplace.SELLER, SandboxMarketplace.LATE_PARTNER,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS), "Limits deal "
                        + System.nanoTime(), "Active", false, false, List.of(),
                authorizationEnds.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(awaitFinished(request(partnerUser, "REFRESH_SHARED_RESALE_AUTHORIZATIONS", partner, partner, null))
                .get("Status__c")).isEqualTo("Succeeded");
        String shared = (String) rest.query("SELECT Id FROM MP_Shared_Resale_Authorization__c WHERE"
                + " Resale_Authorization_Id__c = '" + raId + "' AND Seller_Account__c = '" + partner + "'")
                .get(0).get("Id");
        org.grantAccess(partnerUser, shared);
        Matcher draft = DRAFT.matcher(String.valueOf(awaitFinished(request(partnerUser,
                "CREATE_CHANNEL_PARTNER_OFFER", partner, shared, null)).get("Result__c")));
        assertThat(draft.find()).isTrue();
        String offer = draft.group(1);
        Map<String, Object> completed = new HashMap<>();
        completed.put("Description__c", "Resold with onboarding");
        completed.put("Buyer_Accounts__c", ContractOffer.BUYER);
        completed.put("Markup_Percentage__c", new BigDecimal("5"));
        completed.put("Expiration_Date__c", today.plusDays(30).toString());
        completed.put("Reseller_Contract_Accepted__c", true);
        rest.update("MP_Private_Offer__c", offer, completed);
        Map<String, Object> created = awaitFinished(request(partnerUser, "CREATE_OFFER", partner, offer, null));
        assertThat(created.get("Status__c")).as(String.valueOf(created.get("Error__c"))).isEqualTo("Succeeded");
        awaitOffer(offer, "Released");
        long started = marketplace.callCounts(SandboxMarketplace.LATE_PARTNER).getOrDefault("StartChangeSet", 0L);
        LocalDate late = authorizationEnds.plusDays(1);

        Map<String, Object> done = awaitFinished(request(partnerUser, "MODIFY_OFFER_EXPIRATION", partner, offer,
                "{\"expirationDate\":\"" + late + "\"}"));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Result__c"))).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).startsWith("expirationDate: The expiration date " + late + " is"
                + " after the resale authorization ").contains("(" + raId + ") expires, on " + authorizationEnds
                + ", and a channel partner offer must expire on or before its authorization");
        assertThat(marketplace.callCounts(SandboxMarketplace.LATE_PARTNER).getOrDefault("StartChangeSet", 0L))
                .isEqualTo(started);
    }

    // ------------------------------------------------------------------------------------------------ fixture

    private void released(String offer) {
        Map<String, Object> done = awaitFinished(request("CREATE_OFFER", offer, null));
        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        awaitOffer(offer, "Released");
    }

    private String expiration(String offer, LocalDate date) {
        return request("MODIFY_OFFER_EXPIRATION", offer, "{\"expirationDate\":\"" + date + "\"}");
    }

    private void installments(String offer, String amount, LocalDate... dates) {
        rest.update("MP_Private_Offer__c", offer, Map.of("Installments_Enabled__c", true));
        for (LocalDate date : dates) {
            org.insertAs(seller, "MP_Payment_Installment__c", Map.of("Private_Offer__c", offer,
                    "Charge_Date__c", date.toString(), "Charge_Amount__c", new BigDecimal(amount), "Currency__c",
                    "USD"));
        }
    }

    /** A product of the seller account with this many Entitled dimensions, as Refresh Products would write it. */
    private String wideProduct(int dimensions) {
        String product = org.insert("MP_Product__c", Map.of("Name", "Acme Suite (SaaS)", "Product_Id__c",
                "prod-wide" + Long.toString(System.nanoTime(), 36), "Product_Type__c", "SaaS", "Visibility__c", "Public",
                "Seller_Account__c", sellerAccount));
        for (int i = 1; i <= dimensions; i++) {
            org.insert("MP_Product_Dimension__c", Map.of("Name", "module" + i, "Product__c", product,
                    "Dimension_Key__c", "module" + i, "Types__c", "Entitled"));
        }
        return product;
    }

    /** A Contract resale authorization of the product for the reseller, 800 per Entitled dimension. */
    private String resaleAuthorization(String product) {
        return ContractResaleAuthorizations.write(org, seller, sellerAccount, product,
                "Acme resale");
    }

    /** A priced offer with a custom EULA: the file attached to it as the seller does in its Files list. */
    private String offerWithEula(String fileName, byte[] content) {
        Map<String, Object> fields = ContractOffer.fields("Acme deal", "Private pricing", sellerAccount, saasProduct,
                today.plusDays(30));
        fields.put("EULA_Type__c", "CustomEula");
        String offer = ContractOffer.insertPriced(org, seller, fields);
        rest.update("MP_Private_Offer__c", offer, Map.of("EULA_Document_Id__c", attach(offer, fileName, content)));
        return offer;
    }

    private String attach(String record, String fileName, byte[] content) {
        String version = org.insertAs(seller, "ContentVersion", Map.of("PathOnClient", fileName,
                "VersionData", Base64.getEncoder().encodeToString(content), "FirstPublishLocationId", record));
        return (String) org.get("ContentVersion", version).get("ContentDocumentId");
    }

    /** A macro-enabled Word document (.docm) as Word saves its parts, whatever the file is called. */
    private static byte[] macroEnabledWordDocument() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org"
                    + "/package/2006/content-types\"><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office"
                    + ".vbaProject\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word"
                    + ".document.macroEnabled.main+xml\"/></Types>");
            put(zip, "_rels/.rels", "<Relationships/>");
            put(zip, "word/document.xml", "<w:document>Terms " + System.nanoTime() + "</w:document>");
            put(zip, "word/vbaProject.bin", "Attribute VB_Name = \"ThisDocument\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private Set<String> storedEulas() {
        return Set.copyOf(SandboxMarketplace.s3().keys(SandboxMarketplace.eulaBucket(SandboxMarketplace.SELLER)));
    }

    private long startedChangeSets() {
        return marketplace.callCounts(SandboxMarketplace.SELLER).getOrDefault("StartChangeSet", 0L);
    }

    /** The product's record, synced from AWS Marketplace by Refresh Products when it is not there yet. */
    private String syncedProduct(String productId) {
        String query = "SELECT Id FROM MP_Product__c WHERE Product_Id__c = '" + productId + "'";
        if (rest.query(query).isEmpty()) {
            assertThat(awaitFinished(request("REFRESH_PRODUCTS", null, null)).get("Status__c"))
                    .isEqualTo("Succeeded");
        }
        return (String) rest.query(query).get(0).get("Id");
    }

    private String request(String action, String target, String input) {
        return request(seller, action, sellerAccount, target, input);
    }

    private String request(String user, String action, String account, String target, String input) {
        return desk.press(user, action, account, target, input);
    }
}
