package io.mpcrm.connector.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mpcrm.connector.request.RequestLifecycle;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.Desk;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A seller presses "Generate Payment Schedule" on an offer or resale authorization; the connector writes the
 * installments back, as children of that record.
 */
class PaymentScheduleRequestIT extends ConnectorOnSandbox {

    /** Writes requests in the org's store, for the ones the org's API would not take from the user. */
    private final Desk pastTheApi = Desk.inStore(org);

    /** Next year: the schedules below start in the future whenever the test runs (past first payments are refused). */
    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
    private static final String MONTHLY_12000 = """
            {"totalAmount":"12000.00","currency":"USD","firstPaymentDate":"%1$d-01-15","endDate":"%1$d-12-31",
             "frequencyDays":30,"remainder":"Frontload","dayCounting":"Calendar Day"}""".formatted(YEAR);

    private final String seller = org.createUser("Sam Seller " + System.nanoTime(), "Marketplace_User");

    @Test
    void aMonthlyScheduleOnAnOfferBecomesTwelveInstallmentsWrittenInOneTransaction() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        long collectionWritesBefore = org.callCounts().getOrDefault("collections.create", 0L);
        long compositesBefore = org.callCounts().getOrDefault("composite", 0L);

        String request = request(offer, MONTHLY_12000, seller);

        Map<String, Object> done = awaitFinished(request);
        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("Generated 12 installments").contains("12,000.00 USD");
        List<Map<String, Object>> rows = installments(offer);
        assertThat(rows).hasSize(12);
        assertThat(rows.get(0).get("Charge_Date__c")).isEqualTo(YEAR + "-01-15");
        assertThat(rows.get(1).get("Charge_Date__c")).isEqualTo(YEAR + "-02-14");
        assertThat(rows.stream().map(r -> new BigDecimal(r.get("Charge_Amount__c").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("12000.00");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("Currency__c")).isEqualTo("USD"));
        assertThat(org.callCounts().getOrDefault("composite", 0L) - compositesBefore).as("one composite request")
                .isEqualTo(1);
        assertThat(org.callCounts().getOrDefault("collections.create", 0L) - collectionWritesBefore)
                .as("the collection is a subrequest of it, not a call of its own").isZero();
    }

    @Test
    void aTotalNoInstallmentCanHoldIsRefusedOnTheTotalAndTheEarlierScheduleIsKept() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        assertThat(awaitFinished(request(offer, quarterly("3000.00"), seller)).get("Status__c")).isEqualTo("Succeeded");
        List<Map<String, Object>> earlier = installments(offer);
        assertThat(earlier).hasSize(3);

        // Pressed while the log is captured: the connector may take the request up at once.
        AtomicReference<String> request = new AtomicReference<>();
        List<ILoggingEvent> logged = logOf(() -> {
            request.set(request(offer, quarterly("1000000000000000"), seller));
            awaitFinished(request.get());
        });
        Map<String, Object> done = rest.get("Marketplace_Request__c", request.get());

        assertThat(installments(offer)).as("the earlier schedule is kept as it was").isEqualTo(earlier);
        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("totalAmount: The total amount 1,000,000,000,000,000.00"
                        + " USD gives 3 installments of up to 333,333,333,333,333.34 USD, but an installment's Charge"
                        + " Amount holds at most 99,999,999,999,999.99")
                .contains("Enter a total of at most 299,999,999,999,999.97 USD")
                .doesNotContain("field permissions");
        assertThat(logged).filteredOn(e -> e.getFormattedMessage().contains((String) done.get("Name")))
                .isNotEmpty().noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
    }

    @Test
    void newInstallmentsSalesforceRefusesLeaveTheEarlierScheduleAsItWas() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        assertThat(awaitFinished(request(offer, quarterly("3000.00"), seller)).get("Status__c")).isEqualTo("Succeeded");
        List<Map<String, Object>> earlier = installments(offer);
        // A validation rule of the org refuses the new rows.
        org.failNext("collections.create", 1, 400, "FIELD_CUSTOM_VALIDATION_EXCEPTION");

        Map<String, Object> done = awaitFinished(request(offer, MONTHLY_12000, seller));

        assertThat(installments(offer)).as("nothing half-replaced").isEqualTo(earlier);
        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("MP_Payment_Installment__c: Salesforce refused the new"
                        + " installments").contains("nothing was changed: the 3 earlier installments are kept")
                .contains("validation rule").doesNotContain("field permissions");
    }

    @Test
    void aBusinessDayScheduleWhoseFirstPaymentWouldMovePastTheEndDateIsRefusedOnTheFirstPaymentDate() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        LocalDate saturday =
                LocalDate.now(ZoneOffset.UTC).plusWeeks(1).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));

        Map<String, Object> done = awaitFinished(request(offer, """
                {"totalAmount":"500.00","currency":"USD","firstPaymentDate":"%s","endDate":"%s",
                 "frequencyDays":30,"remainder":"Backend","dayCounting":"Business Day"}"""
                .formatted(saturday, saturday.plusDays(1)), seller));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("firstPaymentDate: The first payment date " + saturday
                + " is a Saturday; Business Day counting moves it to Monday " + saturday.plusDays(2)
                + ", after the end date " + saturday.plusDays(1));
        assertThat(installments(offer)).isEmpty();
    }

    @Test
    void aFirstPaymentInThePastOrACurrencyTheTargetCannotBeChargedInIsRefusedByField() {
        String sellerAccount = sellerAccount(seller, SELLER_ACCOUNT_ID);
        String offer = offer(sellerAccount);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String authorization = org.insertAs(seller, "MP_Resale_Authorization__c", Map.of("Name", "Acme resale",
                "Seller_Account__c", sellerAccount, "Currency__c", "USD"));

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(MONTHLY_12000.replace(YEAR + "-01-15", yesterday.toString()), "firstPaymentDate: The first"
                + " payment date " + yesterday + " has passed (today is " + yesterday.plusDays(1) + ", UTC)");
        refused.put(MONTHLY_12000.replace("USD", "CHF"), "currency: AWS Marketplace charges private offers in USD,"
                + " EUR, GBP, AUD or JPY, not CHF");
        refused.put(MONTHLY_12000.replace("USD", "EUR"), "currency: The offer is priced in USD");
        for (var input : refused.entrySet()) {
            Map<String, Object> done = awaitFinished(request(offer, input.getKey(), seller));
            assertThat(done.get("Status__c")).as(input.getValue()).isEqualTo("Failed");
            assertThat((String) done.get("Error__c")).contains(input.getValue());
        }
        Map<String, Object> euros = awaitFinished(desk.press(seller, "GENERATE_PAYMENT_SCHEDULE", sellerAccount,
                authorization, MONTHLY_12000.replace("USD", "EUR")));
        assertThat(euros.get("Status__c")).isEqualTo("Failed");
        assertThat((String) euros.get("Error__c")).contains("currency: A resale authorization's installments are"
                + " charged in USD only, not EUR");
        assertThat(installments(offer)).isEmpty();
    }

    private static String quarterly(String total) {
        return """
                {"totalAmount":"%2$s","currency":"USD","firstPaymentDate":"%1$d-01-15","endDate":"%1$d-08-31",
                 "frequencyDays":90,"remainder":"Frontload","dayCounting":"Calendar Day"}""".formatted(YEAR, total);
    }

    /** What the connector's request lifecycle logged while {@code work} ran. */
    private static List<ILoggingEvent> logOf(Runnable work) {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Logger lifecycle = (Logger) LoggerFactory.getLogger(RequestLifecycle.class);
        lifecycle.addAppender(events);
        try {
            work.run();
        } finally {
            lifecycle.detachAppender(events);
        }
        return List.copyOf(events.list);
    }

    @Test
    void aMonthlyScheduleOnAResaleAuthorizationBecomesTwelveOfItsOwnInstallments() {
        String sellerAccount = sellerAccount(seller, SELLER_ACCOUNT_ID);
        String authorization = org.insertAs(seller, "MP_Resale_Authorization__c", Map.of("Name", "Acme resale",
                "Seller_Account__c", sellerAccount, "Currency__c", "USD"));

        Map<String, Object> done = awaitFinished(desk.press(seller, "GENERATE_PAYMENT_SCHEDULE", sellerAccount,
                authorization, MONTHLY_12000));

        assertThat(done.get("Status__c")).as(String.valueOf(done.get("Error__c"))).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("Generated 12 installments").contains("12,000.00 USD");
        List<Map<String, Object>> rows = rest.query("SELECT Installment_Number__c, Charge_Date__c, Charge_Amount__c,"
                + " Currency__c FROM MP_Resale_Installment__c WHERE Resale_Authorization__c = '" + authorization
                + "' ORDER BY Charge_Date__c");
        assertThat(rows).hasSize(12);
        assertThat(rows.get(0).get("Charge_Date__c")).isEqualTo(YEAR + "-01-15");
        assertThat(((Number) rows.get(11).get("Installment_Number__c")).intValue()).isEqualTo(12);
        assertThat(rows.stream().map(r -> new BigDecimal(r.get("Charge_Amount__c").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("12000.00");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("Currency__c")).isEqualTo("USD"));
    }

    @Test
    void generatingAgainReplacesTheEarlierInstallments() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        String first = request(offer, MONTHLY_12000, seller);
        assertThat(awaitFinished(first).get("Status__c")).isEqualTo("Succeeded");

        String quarterly = request(offer, """
                {"totalAmount":"1000.00","currency":"USD","firstPaymentDate":"%1$d-03-01","endDate":"%1$d-12-31",
                 "frequencyDays":90,"remainder":"Backend","dayCounting":"Calendar Day"}""".formatted(YEAR), seller);

        Map<String, Object> done = awaitFinished(quarterly);
        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) done.get("Result__c")).contains("replacing 12 earlier installments");
        List<Map<String, Object>> rows = installments(offer);
        assertThat(rows).extracting(r -> r.get("Charge_Date__c"))
                .containsExactly(YEAR + "-03-01", YEAR + "-05-30", YEAR + "-08-28", YEAR + "-11-26");
        assertThat(rows).extracting(r -> new BigDecimal(r.get("Charge_Amount__c").toString()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("250.00"), new BigDecimal("250.00"),
                        new BigDecimal("250.00"));
    }

    @Test
    void aMalformedScheduleFailsWithEveryFieldExplainedAndWritesNothing() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));

        String request = request(offer, """
                {"totalAmount":"-5","currency":"USD","firstPaymentDate":"%1$d-06-01","endDate":"%1$d-01-01",
                 "frequencyDays":45,"remainder":"Frontload","dayCounting":"Calendar Day"}""".formatted(YEAR), seller);

        Map<String, Object> done = awaitFinished(request);
        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c"))
                .contains("totalAmount").contains("greater than zero")
                .contains("frequencyDays").contains("45")
                .contains("endDate");
        assertThat(installments(offer)).isEmpty();
        assertThat((String) rest.get("MP_Private_Offer__c", offer).get("Last_Error__c"))
                .as("the offer shows the failure too").contains("(GENERATE_PAYMENT_SCHEDULE) failed")
                .contains("totalAmount");

        String fixed = request(offer, MONTHLY_12000, seller);
        assertThat(awaitFinished(fixed).get("Status__c")).isEqualTo("Succeeded");
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Last_Error__c")).as("cleared by the success").isNull();
    }

    @Test
    void anExpiredSessionIsRenewedAndTheRequestStillSucceeds() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        long loginsBefore = org.callCounts().getOrDefault("login", 0L);
        org.expireAllSessions();

        String request = request(offer, MONTHLY_12000, seller);

        assertThat(awaitFinished(request).get("Status__c")).isEqualTo("Succeeded");
        assertThat(installments(offer)).hasSize(12);
        assertThat(org.callCounts().getOrDefault("login", 0L)).isGreaterThan(loginsBefore);
    }

    @Test
    void aRequestForASellerAccountTheConnectorIsNotConfiguredForFails() {
        String offer = offer(sellerAccount(seller, "999988887777"));

        Map<String, Object> done = awaitFinished(request(offer, MONTHLY_12000, seller));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("999988887777").contains("not configured");
        assertThat(installments(offer)).isEmpty();
    }

    @Test
    void aUserWhoCannotSeeTheSellerAccountIsRefused() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        String stranger = org.createUser("Stranger " + System.nanoTime(), "Marketplace_User");

        // The org refuses this press over its API (the stranger cannot see the seller account), so it is written past
        // the org's sharing, as a data load could: the connector must refuse it too.
        Map<String, Object> done = awaitFinished(pastTheApi.press(stranger, requestFields(offer, MONTHLY_12000)));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("do not have access to seller account");
        assertThat(installments(offer)).isEmpty();
        assertThat(rest.get("MP_Private_Offer__c", offer).get("Last_Error__c")).as("nothing written for a stranger")
                .isNull();
    }

    @Test
    void anActionTheConnectorDoesNotHandleYetFailsWithAClearMessage() {
        String sellerAccount = sellerAccount(seller, SELLER_ACCOUNT_ID);
        String offer = offer(sellerAccount);

        Map<String, Object> done = awaitFinished(desk.press(seller, "CREATE_OFFER_SET", sellerAccount, offer, null));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("does not handle the action CREATE_OFFER_SET yet")
                .contains("GENERATE_PAYMENT_SCHEDULE");
    }

    @Test
    void aRequestWhoseTargetIsNotAnOfferOrResaleAuthorizationIsExplained() {
        String sellerAccount = sellerAccount(seller, SELLER_ACCOUNT_ID);
        offer(sellerAccount);

        Map<String, Object> done = awaitFinished(desk.press(seller, "GENERATE_PAYMENT_SCHEDULE", sellerAccount,
                sellerAccount, MONTHLY_12000));

        assertThat(done.get("Status__c")).isEqualTo("Failed");
        assertThat((String) done.get("Error__c")).contains("Target_Record_Id__c")
                .contains("is not a private offer or resale authorization");
    }

    @Test
    void aRequestLeftProcessingByAStoppedWorkerIsTakenUpAgain() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        Map<String, Object> fields = requestFields(offer, MONTHLY_12000);
        fields.put("Status__c", "Processing");
        fields.put("Attempts__c", 1);
        fields.put("Started_At__c", Instant.now().minus(Duration.ofHours(1)).toString());

        // A worker's state, not a press: no user may set these fields, so the request is written in the org's store.
        Map<String, Object> done = awaitFinished(pastTheApi.press(seller, fields));

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat(((Number) done.get("Attempts__c")).intValue()).isEqualTo(2);
        assertThat(installments(offer)).hasSize(12);
    }

    @Test
    void salesforceBeingUnavailableForAMomentOnlyDelaysTheSchedule() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        org.failNext("collections.create", 1, 503, "SERVER_UNAVAILABLE");

        Map<String, Object> done = awaitFinished(request(offer, MONTHLY_12000, seller));

        assertThat(done.get("Status__c")).isEqualTo("Succeeded");
        assertThat(((Number) done.get("Attempts__c")).intValue()).isEqualTo(2);
        assertThat(installments(offer)).as("no row written twice").hasSize(12);
    }

    @Test
    void salesforceStayingUnavailableEndsTheRequestFailedAfterTheConfiguredAttempts() {
        String offer = offer(sellerAccount(seller, SELLER_ACCOUNT_ID));
        org.failNext("collections.create", 100, 503, "SERVER_UNAVAILABLE");
        try {
            Map<String, Object> done = awaitFinished(request(offer, MONTHLY_12000, seller));

            assertThat(done.get("Status__c")).isEqualTo("Failed");
            assertThat(((Number) done.get("Attempts__c")).intValue()).isEqualTo(4);
            assertThat((String) done.get("Error__c")).contains("Gave up after 4 attempts");
            assertThat(installments(offer)).isEmpty();
        } finally {
            org.failNext(0, 0, null);
        }
    }

    private String offer(String sellerAccount) {
        return org.insertAs(seller, "MP_Private_Offer__c", Map.of("Name", "Acme annual contract", "Seller_Account__c", sellerAccount,
                "Offer_Name__c", "Acme annual contract", "Currency__c", "USD"));
    }

    private String request(String offer, String input, String user) {
        return desk.press(user, requestFields(offer, input));
    }

    /** The fields the Generate Payment Schedule button's flow sets on {@code offer}. */
    private Map<String, Object> requestFields(String offer, String input) {
        String sellerAccount = (String) org.get("MP_Private_Offer__c", offer).get("Seller_Account__c");
        return Desk.request("GENERATE_PAYMENT_SCHEDULE", sellerAccount, offer, input);
    }

    private List<Map<String, Object>> installments(String offer) {
        return rest.query("SELECT Id, Installment_Number__c, Charge_Date__c, Charge_Amount__c, Currency__c"
                + " FROM MP_Payment_Installment__c WHERE Private_Offer__c = '" + offer
                + "' ORDER BY Charge_Date__c");
    }
}
