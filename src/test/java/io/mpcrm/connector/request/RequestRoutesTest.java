package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.marketplace.MarketplaceEntityLocked;
import io.mpcrm.connector.marketplace.MarketplaceRejected;
import io.mpcrm.connector.marketplace.MarketplaceUnavailable;
import io.mpcrm.connector.salesforce.SalesforceRejected;
import io.mpcrm.connector.salesforce.SalesforceUnavailable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * {@code routes/requests.camel.yaml} and {@code routes/request-errors.camel.yaml} as Camel runs them: the order of the
 * steps of request-process, and what the one error policy does with a failure that may pass (the request waits) and
 * with any other (it fails). The beans the routes call are stand-ins that note each call; the sweep's timer and the
 * Pub/Sub subscription are replaced by direct endpoints (AdviceWith), so nothing is read from Salesforce.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RequestRoutesTest.RequestRoutes.class, properties = {
        "camel.main.routes-include-pattern=file:routes/requests.camel.yaml,file:routes/request-errors.camel.yaml",
        "connector.events.enabled=false",
        // The connector's readiness group names its own health checks, which this slice does not have.
        "management.endpoint.health.validate-group-membership=false"})
class RequestRoutesTest {

    /** Camel and the routes, with the stand-ins under the bean names the routes use. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RequestRoutes {
        @Bean
        Calls calls() {
            return new Calls();
        }

        @Bean
        Lifecycle requestLifecycle(Calls calls) {
            return new Lifecycle(calls);
        }

        @Bean
        Authorization requestAuthorization(Calls calls) {
            return new Authorization(calls);
        }

        @Bean
        Dispatcher actionDispatcher(Calls calls) {
            return new Dispatcher(calls);
        }

        @Bean
        Lag eventLag(Calls calls) {
            return new Lag(calls);
        }

        @Bean
        Events requestEvents() {
            return new Events();
        }
    }

    @Autowired
    private CamelContext camel;
    @Autowired
    private ProducerTemplate template;
    @Autowired
    private Calls calls;
    @Autowired
    private Dispatcher dispatcher;

    @BeforeEach
    void startWithTheSweepAndTheSubscriptionOnDirectEndpoints() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "request-sweep", route -> route.replaceFromWith("direct:sweep"));
            AdviceWith.adviceWith(camel, "request-events", route -> route.replaceFromWith("direct:events"));
            camel.start();
        }
        calls.clear();
        dispatcher.outcomes.clear();
    }

    @Test
    void aRequestIsClaimedAuthorizedPerformedThenRecordedAsSucceeded() {
        NotifyBuilder processed = new NotifyBuilder(camel).fromRoute("request-process").whenCompleted(1).create();

        template.sendBodyAndHeader("direct:request-process", "a0R000000000001", "intake", "event");

        assertThat(processed.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsExactly("claim a0R000000000001 via event", "claimed",
                "check a0R000000000001", "dispatch a0R000000000001", "succeed a0R000000000001: done a0R000000000001");
    }

    @Test
    void aRequestNotDueIsLeftAsItIs() {
        template.sendBodyAndHeader("direct:request-process", "taken-elsewhere", "intake", "event");

        assertThat(calls.list()).containsExactly("claim taken-elsewhere via event");
    }

    @Test
    void theSweepProcessesEachDueRequestInTurn() {
        NotifyBuilder swept = new NotifyBuilder(camel).fromRoute("request-sweep").whenCompleted(1).create();

        template.sendBody("direct:sweep", null);

        assertThat(swept.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.list()).containsSubsequence("due", "claim a0R00000000000A via sweep",
                "succeed a0R00000000000A: done a0R00000000000A", "claim a0R00000000000B via sweep",
                "succeed a0R00000000000B: done a0R00000000000B");
    }

    @Test
    void aFailureThatMayPassPutsTheRequestInWaitingAndAnyOtherFailsIt() {
        Map<String, RuntimeException> failures = new java.util.LinkedHashMap<>();
        failures.put("a0R0000000000T1", new TransientFailure("Salesforce asked to wait", null));
        failures.put("a0R0000000000T2", new SalesforceUnavailable("Salesforce did not complete GET /query", null));
        failures.put("a0R0000000000T3", new MarketplaceUnavailable("AWS Marketplace did not complete listing", null));
        failures.put("a0R0000000000T4", new MarketplaceEntityLocked("The entity is being changed", null));
        failures.put("a0R0000000000F1", new RequestRejected("Offer_Name__c: is missing"));
        failures.put("a0R0000000000F2", new MarketplaceRejected("AWS denied describing", null));
        failures.put("a0R0000000000F3", new SalesforceRejected(400, List.of(), "Salesforce refused PATCH"));
        failures.put("a0R0000000000F4", new IllegalStateException("a bug"));
        failures.forEach((id, failure) -> dispatcher.outcomes.put(id, request -> {
            throw failure;
        }));
        NotifyBuilder handled = new NotifyBuilder(camel).fromRoute("request-process").whenCompleted(failures.size())
                .and().whenFailed(0).create();

        failures.keySet().forEach(id -> template.sendBodyAndHeader("direct:request-process", id, "intake", "sweep"));

        assertThat(handled.matches(5, TimeUnit.SECONDS)).as("every failure handled by request-errors").isTrue();
        failures.forEach((id, failure) -> {
            String outcome = (id.contains("T") ? "retryLater " : "fail ") + id + ": " + failure.getMessage();
            assertThat(calls.list()).as(failure.getClass().getSimpleName()).contains(outcome)
                    .noneMatch(call -> call.startsWith("succeed " + id))
                    .noneMatch(call -> call.startsWith((id.contains("T") ? "fail " : "retryLater ") + id));
        });
    }

    /** Every call the routes made to the beans, in order. */
    static final class Calls {
        private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        void add(String call) {
            calls.add(call);
        }

        List<String> list() {
            return List.copyOf(calls);
        }

        void clear() {
            calls.clear();
        }
    }

    static MarketplaceRequest request(String id) {
        return new MarketplaceRequest(id, "MR-" + id, "REFRESH_PRODUCTS", RequestStatus.Processing, "005000000000001",
                "a01000000000001", "111122223333", null, null, 1, null, Instant.now());
    }

    public static final class Lifecycle {
        private final Calls calls;

        Lifecycle(Calls calls) {
            this.calls = calls;
        }

        public List<String> dueRequests() {
            calls.add("due");
            return List.of("a0R00000000000A", "a0R00000000000B");
        }

        public MarketplaceRequest claim(String requestId, String intake) {
            calls.add("claim " + requestId + " via " + intake);
            return requestId.startsWith("taken") ? null : request(requestId);
        }

        public void succeed(MarketplaceRequest request, String result) {
            calls.add("succeed " + request.id() + ": " + result);
        }

        public void retryLater(MarketplaceRequest request, Throwable failure) {
            calls.add("retryLater " + request.id() + ": " + failure.getMessage());
        }

        public void fail(MarketplaceRequest request, Throwable failure) {
            calls.add("fail " + request.id() + ": " + failure.getMessage());
        }
    }

    public static final class Authorization {
        private final Calls calls;

        Authorization(Calls calls) {
            this.calls = calls;
        }

        public void check(MarketplaceRequest request) {
            calls.add("check " + request.id());
        }
    }

    public static final class Dispatcher {
        private final Calls calls;
        final Map<String, Function<MarketplaceRequest, String>> outcomes = new ConcurrentHashMap<>();

        Dispatcher(Calls calls) {
            this.calls = calls;
        }

        public String dispatch(MarketplaceRequest request) {
            calls.add("dispatch " + request.id());
            return outcomes.getOrDefault(request.id(), r -> "done " + r.id()).apply(request);
        }
    }

    public static final class Lag {
        private final Calls calls;

        Lag(Calls calls) {
            this.calls = calls;
        }

        public Long createdAt(Object event) {
            return null;
        }

        public void claimed(Long createdAt) {
            calls.add("claimed");
        }
    }

    public static final class Events {
        public String requestId(Object event) {
            return String.valueOf(event);
        }
    }
}
