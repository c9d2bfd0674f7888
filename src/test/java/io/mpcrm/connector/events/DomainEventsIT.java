package io.mpcrm.connector.events;

import io.mpcrm.connector.offer.ExpiringOffers;
import io.mpcrm.connector.sandbox.LoopbackHttpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import io.mpcrm.connector.sandbox.ContractResaleAuthorizations;
import io.mpcrm.connector.sandbox.ContractOffer;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandbox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator acts on what happens in the seller's business with their own Camel route: the connector hands
 * every domain event to seda:mpcrm-domain-events, once, as JSON; the example route in routes/examples/ posts released
 * offers and failed requests to a webhook.
 */
class DomainEventsIT extends ConnectorOnSandbox {

    private static final String EXAMPLE = "file:routes/examples/domain-events-webhook.camel.yaml";
    private static final String OFFER = "MP_Private_Offer__c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;
    @Autowired
    ExpiringOffers expiringOffers;

    private final MarketplaceSandbox marketplace = SandboxMarketplace.marketplace();
    private final String seller = org.createUser("Events Seller " + System.nanoTime(), "Marketplace_User");
    private final List<JsonNode> heard = new CopyOnWriteArrayList<>();
    private final List<String> heardTypeHeaders = new CopyOnWriteArrayList<>();
    private String sellerAccount;
    private String saasProduct;

    @BeforeEach
    void productsAreSyncedAndAnAdminRouteListens() throws Exception {
        sellerAccount = sellerAccount(seller, SandboxMarketplace.SELLER);
        saasProduct = syncedProduct(seller, sellerAccount,
                SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(DomainEvents.ENDPOINT).routeId("test-listener").process(exchange -> {
                    heardTypeHeaders.add(exchange.getMessage().getHeader(DomainEvents.TYPE_HEADER, String.class));
                    heard.add(JSON.readTree(exchange.getMessage().getBody(String.class)));
                });
            }
        });
    }

    @AfterEach
    void adminRoutesAreRemoved() throws Exception {
        for (String route : List.of("test-listener", "admin-domain-events-webhook")) {
            if (camel.getRoute(route) != null) {
                camel.getRouteController().stopRoute(route);
                camel.removeRoute(route);
            }
        }
    }

    @Test
    void theExampleRoutePostsAReleasedOfferAndAFailedRequestToTheWebhookAndNothingElse() throws Exception {
        List<JsonNode> posted = new CopyOnWriteArrayList<>();
        HttpServer webhook = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hooks/marketplace", call -> {
            posted.add(JSON.readTree(new String(call.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            assertThat(call.getRequestMethod()).isEqualTo("POST");
            call.sendResponseHeaders(204, -1);
            call.close();
        });
        webhook.start();
        try {
            // What the admin does: set the webhook's address, and put the example where routes are loaded from.
            camel.getPropertiesComponent().addOverrideProperty("admin-routes.webhook-url",
                    "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/marketplace");
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, EXAMPLE));

            String offer = contractOffer(LocalDate.now(ZoneOffset.UTC).plusDays(30));
            assertThat(awaitFinished(request("CREATE_OFFER", sellerAccount, offer, null)).get("Status__c"))
                    .isEqualTo("Succeeded");
            Map<String, Object> released = awaitOffer(offer, "Released");
            String invalid = contractOffer(LocalDate.now(ZoneOffset.UTC).minusDays(1));
            String failedRequest = request("CREATE_OFFER", sellerAccount, invalid, null);
            Map<String, Object> failed = awaitFinished(failedRequest);
            assertThat(failed.get("Status__c")).isEqualTo("Failed");

            JsonNode releasedEvent = awaitEvent(posted, "OFFER_RELEASED", offer);
            assertThat(releasedEvent.path("sellerAccount").asText()).isEqualTo(SandboxMarketplace.SELLER);
            assertThat(releasedEvent.path("sobject").asText()).isEqualTo(OFFER);
            assertThat(releasedEvent.path("status").asText()).isEqualTo("Released");
            assertThat(releasedEvent.path("marketplaceIds").path("offerId").asText())
                    .isEqualTo(released.get("Offer_Id__c"));
            assertThat(releasedEvent.path("marketplaceIds").path("changeSetId").asText())
                    .isEqualTo(released.get("Change_Set_Id__c"));
            assertThat(releasedEvent.path("message").asText()).contains((String) released.get("Offer_URL__c"));
            assertThat(Instant.parse(releasedEvent.path("occurredAt").asText()))
                    .isCloseTo(Instant.now(), within(2, ChronoUnit.MINUTES));

            JsonNode failedEvent = awaitEvent(posted, "REQUEST_FAILED", failedRequest);
            assertThat(failedEvent.path("sobject").asText()).isEqualTo("Marketplace_Request__c");
            assertThat(failedEvent.path("status").asText()).isEqualTo("Failed");
            assertThat(failedEvent.path("action").asText()).isEqualTo("CREATE_OFFER");
            assertThat(failedEvent.path("targetRecordId").asText()).isEqualTo(invalid);
            assertThat(failedEvent.path("message").asText()).isEqualTo(failed.get("Error__c"))
                    .contains("Expiration_Date__c");
            assertThat(failedEvent.path("marketplaceIds").has("offerId")).as("the shape is stable").isTrue();

            // The sweep runs every second: the failed request is not announced again, and only the two kinds the
            // example filters for reach the webhook, while the other admin route hears everything.
            awaitEvent(heard, "REQUEST_FAILED", failedRequest);
            await("the failed request announced once, across three sweeps").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> posted.stream().filter(e -> failedRequest.equals(e.path("recordId").asText()))
                            .count() == 1);
            assertThat(posted).extracting(e -> e.path("type").asText())
                    .containsOnly("OFFER_RELEASED", "REQUEST_FAILED");
        } finally {
            webhook.stop(0);
        }
    }

    @Test
    void aChangeSetAwsFailsIsAnnouncedOnceEvenWhenTheSellerRefreshesTheStatus() {
        String offer = contractOffer(LocalDate.now(ZoneOffset.UTC).plusDays(30));
        // AWS fails the change set internally, and each of the connector's 3 restarts too: then the offer fails.
        marketplace.failNextChangeSetsWithServerFault(4);
        awaitFinished(request("CREATE_OFFER", sellerAccount, offer, null));
        Map<String, Object> failed = awaitOffer(offer, "FAILED");

        JsonNode event = awaitEvent(heard, "OFFER_FAILED", offer);
        assertThat(event.path("message").asText()).isEqualTo(failed.get("Last_Error__c")).contains("SERVER_FAULT");
        assertThat(event.path("marketplaceIds").path("changeSetId").asText()).isEqualTo(failed.get("Change_Set_Id__c"));
        assertThat(heardTypeHeaders).contains("OFFER_FAILED");

        assertThat(awaitFinished(request("REFRESH_OFFER_STATUS", sellerAccount, offer, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        assertThat(heard).filteredOn(e -> offer.equals(e.path("recordId").asText())).hasSize(1);
    }

    @Test
    void aNewAgreementAndALaterChangeAreAnnouncedAndARefreshThatFindsNothingNewAnnouncesNothing() {
        String productId = SandboxMarketplace.seed().products().get(MarketplaceSandbox.ProductType.SAAS);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        String agreement = marketplace.addAgreement(SandboxMarketplace.SELLER, "444455556666", productId,
                SandboxMarketplace.seed().offerId(), "ACTIVE", start, start.plus(Duration.ofDays(365)),
                MarketplaceSandbox.AgreementPricing.CONTRACT, false);

        assertThat(awaitFinished(request("REFRESH_AGREEMENTS", sellerAccount, null, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        JsonNode isNew = awaitEvent(heard, "AGREEMENT_NEW", agreementRecord(agreement));
        assertThat(isNew.path("marketplaceIds").path("agreementId").asText()).isEqualTo(agreement);
        assertThat(isNew.path("sellerAccount").asText()).isEqualTo(SandboxMarketplace.SELLER);
        assertThat(isNew.path("status").asText()).isEqualTo("ACTIVE");

        heard.clear();
        assertThat(awaitFinished(request("REFRESH_AGREEMENTS", sellerAccount, null, null)).get("Status__c"))
                .isEqualTo("Succeeded");
        assertThat(heard).as("nothing changed, nothing announced")
                .noneMatch(e -> e.path("type").asText().startsWith("AGREEMENT_"));

        marketplace.setAgreementStatus(agreement, "TERMINATED");
        awaitFinished(request("REFRESH_AGREEMENTS", sellerAccount, null, null));
        JsonNode changed = awaitEvent(heard, "AGREEMENT_CHANGED", agreementRecord(agreement));
        assertThat(changed.path("status").asText()).isEqualTo("TERMINATED");
        assertThat(changed.path("message").asText()).contains(agreement).contains("TERMINATED");
    }

    @Test
    void restrictingAResaleAuthorizationIsAnnounced() {
        String ra = resaleAuthorization();
        awaitFinished(request("CREATE_RESALE_AUTHORIZATION", sellerAccount, ra, null));
        String id = (String) awaitStatus("MP_Resale_Authorization__c", ra, "Active").get("Resale_Authorization_Id__c");

        assertThat(awaitFinished(request("DEACTIVATE_RESALE_AUTHORIZATION", sellerAccount, ra,
                "{\"confirmRestrict\":\"RESTRICT\"}")).get("Status__c")).isEqualTo("Succeeded");
        awaitStatus("MP_Resale_Authorization__c", ra, "Restricted");

        JsonNode event = awaitEvent(heard, "RESALE_AUTHORIZATION_RESTRICTED", ra);
        assertThat(event.path("marketplaceIds").path("resaleAuthorizationId").asText()).isEqualTo(id);
        assertThat(event.path("status").asText()).isEqualTo("Restricted");
        assertThat(heard).filteredOn(e -> ra.equals(e.path("recordId").asText())).hasSize(1);
    }

    @Test
    void theDailyCheckAnnouncesReleasedOffersThatExpireWithinAWeekOnly() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String soon = contractOffer(today.plusDays(3));
        String later = contractOffer(today.plusDays(30));
        awaitFinished(request("CREATE_OFFER", sellerAccount, soon, null));
        awaitFinished(request("CREATE_OFFER", sellerAccount, later, null));
        String offerId = (String) awaitOffer(soon, "Released").get("Offer_Id__c");
        awaitOffer(later, "Released");

        expiringOffers.check();

        JsonNode event = awaitEvent(heard, "OFFER_EXPIRING", soon);
        assertThat(event.path("message").asText()).isEqualTo("Offer " + offerId + " expires on " + today.plusDays(3)
                + ", in 3 days.");
        assertThat(event.path("marketplaceIds").path("offerId").asText()).isEqualTo(offerId);
        assertThat(heard).filteredOn(e -> "OFFER_EXPIRING".equals(e.path("type").asText()))
                .noneMatch(e -> later.equals(e.path("recordId").asText()));
    }

    // ------------------------------------------------------------------------------------------- fixture

    private JsonNode awaitEvent(List<JsonNode> events, String type, String recordId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> events.stream().filter(e -> type.equals(e.path("type").asText())
                        && recordId.equals(e.path("recordId").asText())).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private String agreementRecord(String agreementId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> rest.query(
                "SELECT Id FROM MP_Agreement__c WHERE Agreement_Id__c = '" + agreementId + "'"), r -> !r.isEmpty())
                .get(0).get("Id").toString();
    }

    private String contractOffer(LocalDate expiration) {
        return ContractOffer.insertPriced(org, seller, ContractOffer.fields("Events deal",
                "Private pricing for Example Corp", sellerAccount, saasProduct, expiration));
    }

    private String resaleAuthorization() {
        return ContractResaleAuthorizations.write(org, seller, sellerAccount, saasProduct, "Events resale",
                Map.of("Description__c", "Wholesale terms for the reseller"));
    }

    private String request(String action, String sellerAccount, String target, String input) {
        return desk.press(seller, action, sellerAccount, target, input);
    }
}
