package io.mpcrm.connector.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The on-call engineer's view of a seller's day: a seller creates an offer, sends one with bad input, and refreshes
 * products; Prometheus scrapes the management port, Kubernetes probes readiness, and the log shipper reads JSON lines.
 */
class OnCallMonitoringIT extends ConnectorOnSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELLER = SandboxMarketplace.SELLER;

    @LocalManagementPort
    int managementPort;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Monitored Seller " + System.nanoTime(), "Marketplace_User");
    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSynced() {
        sellerAccount = sellerAccount(seller, SELLER);
        saasProduct = syncedProduct(seller, sellerAccount,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
    }

    @Test
    void anOfferABadRequestAndAProductRefreshShowInTheScrapedMetrics() {
        Instant start = Instant.now();
        PrometheusScrape before = PrometheusScrape.of(managementPort);

        String offer = offer(LocalDate.now().plusDays(30));
        String created = request("CREATE_OFFER", offer);
        assertThat(awaitFinished(created).get("Status__c")).isEqualTo("Succeeded");
        awaitOffer(offer, "Released");
        String badOffer = offer(LocalDate.now().minusDays(1));
        String bad = request("CREATE_OFFER", badOffer);
        assertThat(awaitFinished(bad).get("Status__c")).isEqualTo("Failed");
        // AWS throttles the refresh's first listing once; the SDK waits and tries again.
        marketplace.failNext("ListEntities", 1, 429, "ThrottlingException");
        String refresh = request("REFRESH_PRODUCTS", sellerAccount);
        assertThat(awaitFinished(refresh).get("Status__c")).isEqualTo("Succeeded");

        PrometheusScrape after = PrometheusScrape.of(managementPort);
        assertThat(after.names()).containsAll(ConnectorMetricNames.SERVED);
        Map<String, String> createSucceeded = Map.of("action", "CREATE_OFFER", "outcome", "succeeded");
        Map<String, String> createRejected = Map.of("action", "CREATE_OFFER", "outcome", "rejected");
        assertThat(increase(before, after, "mpcrm_requests_total", createSucceeded)).isEqualTo(1);
        assertThat(increase(before, after, "mpcrm_requests_total", createRejected)).isEqualTo(1);
        assertThat(increase(before, after, "mpcrm_requests_total",
                Map.of("action", "REFRESH_PRODUCTS", "outcome", "succeeded"))).isEqualTo(1);
        assertThat(increase(before, after, "mpcrm_request_duration_seconds_count", createSucceeded)).isEqualTo(1);
        assertThat(increase(before, after, "mpcrm_request_duration_seconds_sum", createSucceeded))
                .isPositive().isLessThan(Duration.between(start, Instant.now()).toSeconds() + 1);

        Map<String, String> startChangeSet = Map.of("account", SELLER, "operation", "StartChangeSet");
        assertThat(increase(before, after, "mpcrm_aws_calls_total", with(startChangeSet, "outcome", "success")))
                .as("the bad request made no AWS call").isEqualTo(1);
        assertThat(after.matching("mpcrm_aws_retries_total", startChangeSet)).isNotEmpty();
        Map<String, String> listEntities = Map.of("account", SELLER, "operation", "ListEntities");
        assertThat(increase(before, after, "mpcrm_aws_calls_total", with(listEntities, "outcome", "success")))
                .isPositive();
        assertThat(increase(before, after, "mpcrm_aws_calls_total", with(listEntities, "outcome", "throttled")))
                .isEqualTo(1);
        assertThat(increase(before, after, "mpcrm_aws_retries_total", listEntities)).isEqualTo(1);

        assertThat(increase(before, after, "mpcrm_salesforce_calls_total", Map.of("operation", "query"))).isPositive();
        assertThat(increase(before, after, "mpcrm_salesforce_calls_total", Map.of("operation", "update"))).isPositive();
        double remaining = after.sum("mpcrm_salesforce_api_remaining", Map.of());
        double limit = after.sum("mpcrm_salesforce_api_limit", Map.of());
        assertThat(remaining).isPositive().isLessThan(limit);

        assertThat(after.matching("mpcrm_changesets_open", Map.of("account", SELLER))).singleElement()
                .satisfies(open -> assertThat(open.value()).isGreaterThanOrEqualTo(0));
        assertThat(increase(before, after, "mpcrm_sync_records_total",
                Map.of("sync", "products", "account", SELLER))).isPositive();
        assertThat(after.sum("mpcrm_sync_last_success_timestamp_seconds", Map.of("sync", "products")))
                .isGreaterThanOrEqualTo(start.getEpochSecond());
        double events = increase(before, after, "mpcrm_event_lag_seconds_count", Map.of());
        assertThat(events).as("requests announced by their event").isPositive();
        assertThat(increase(before, after, "mpcrm_event_lag_seconds_sum", Map.of()) / events).isLessThan(30);

        // Bounded cardinality: no record id of this story is a label value.
        List<String> ids = List.of(created, bad, refresh, offer, badOffer, sellerAccount);
        assertThat(after.samples()).filteredOn(s -> s.name().startsWith("mpcrm_"))
                .allSatisfy(s -> assertThat(s.labels().values()).doesNotContainAnyElementsOf(ids));
    }

    @Test
    void readinessNamesEachSellerAccountAndStaysUpWhenOneAccountsRoleCannotBeAssumed() throws Exception {
        JsonNode readiness = get("/actuator/health/readiness");

        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/salesforceLogin/status").asText()).isEqualTo("UP");
        JsonNode accounts = readiness.at("/components/sellerAccounts/details");
        assertThat(accounts.path(SELLER).path("status").asText()).isEqualTo("UP");
        assertThat(accounts.path(RETIRED_SELLER).path("status").asText()).isEqualTo("DOWN");
        assertThat(accounts.path(RETIRED_SELLER).path("detail").asText()).contains("AssumeRole");

        // A second probe within the cache period asks neither STS nor Salesforce again.
        long assumed = marketplace.callCounts(SELLER).getOrDefault("AssumeRole", 0L);
        Instant probed = Instant.now();
        JsonNode again = get("/actuator/health/readiness");
        assertThat(Duration.between(probed, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(marketplace.callCounts(SELLER).getOrDefault("AssumeRole", 0L)).isEqualTo(assumed);
        assertThat(again.at("/components/sellerAccounts/details").path(SELLER).path("checkedAt"))
                .isEqualTo(accounts.path(SELLER).path("checkedAt"));
    }

    @Test
    void jsonLogLinesNameTheRequestItsRecordTheAccountAndTheChangeSet() {
        JsonLines lines = JsonLines.attach();
        String offer = offer(LocalDate.now().plusDays(30));
        String created;
        try {
            created = request("CREATE_OFFER", offer);
            assertThat(awaitFinished(created).get("Status__c")).isEqualTo("Succeeded");
            awaitOffer(offer, "Released");
        } finally {
            lines.detach();
        }

        List<JsonNode> ofRequest = lines.parsed().stream()
                .filter(line -> created.equals(line.path(LogContext.REQUEST_ID).asText())).toList();
        assertThat(ofRequest).as("JSON lines of the request").isNotEmpty().allSatisfy(line -> {
            assertThat(line.path(LogContext.RECORD_ID).asText()).isEqualTo(offer);
            assertThat(line.path(LogContext.SELLER_ACCOUNT).asText()).isEqualTo(SELLER);
        });
        String changeSetId = (String) rest.get("MP_Private_Offer__c", offer).get("Change_Set_Id__c");
        assertThat(ofRequest).as("the line saying the request succeeded").anySatisfy(line -> {
            assertThat(line.path("message").asText()).contains("succeeded");
            assertThat(line.path(LogContext.CHANGE_SET_ID).asText()).isEqualTo(changeSetId);
        });
        assertThat(lines.parsed()).as("the tracker's line about the released offer, outside the request")
                .anySatisfy(line -> {
                    assertThat(line.path("message").asText()).startsWith("Record " + offer);
                    assertThat(line.path(LogContext.RECORD_ID).asText()).isEqualTo(offer);
                    assertThat(line.path(LogContext.SELLER_ACCOUNT).asText()).isEqualTo(SELLER);
                    assertThat(line.path(LogContext.CHANGE_SET_ID).asText()).isEqualTo(changeSetId);
                    assertThat(line.has(LogContext.REQUEST_ID)).isFalse();
                });
    }

    /** The connector's log lines as the JSON encoder the Helm chart switches on (ECS) writes them. */
    private static final class JsonLines extends AppenderBase<ILoggingEvent> {
        private final StructuredLogEncoder encoder = new StructuredLogEncoder();
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private Level connectorLevel;

        static JsonLines attach() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            JsonLines appender = new JsonLines();
            // Logback is one per JVM: a test that started its own connector may have left the connector's level raised.
            Logger connector = context.getLogger("io.mpcrm.connector");
            appender.connectorLevel = connector.getLevel();
            connector.setLevel(Level.INFO);
            appender.encoder.setContext(context);
            appender.encoder.setFormat("ecs");
            appender.encoder.start();
            appender.setContext(context);
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
            return appender;
        }

        void detach() {
            LoggerContext context = (LoggerContext) getContext();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
            context.getLogger("io.mpcrm.connector").setLevel(connectorLevel);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }

        List<JsonNode> parsed() {
            return lines.stream().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }).toList();
        }
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name,
                                   Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private String offer(LocalDate expiration) {
        return ContractOffer.insertPriced(org, seller, ContractOffer.fields("Monitored deal",
                "Private pricing watched by on-call", sellerAccount, saasProduct, expiration));
    }

    private String request(String action, String target) {
        return desk.press(seller, action, sellerAccount, target, null);
    }
}
