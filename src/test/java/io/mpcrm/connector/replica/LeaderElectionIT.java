package io.mpcrm.connector.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two connector replicas in one namespace, as a Deployment with two pods runs them, against a Kubernetes API server
 * (fabric8's mock, in CRUD mode) that holds their pods and the Lease they compete for. One leads and does all the work;
 * the other is ready and idle, and takes over when the leader's pod is gone.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class LeaderElectionIT {

    private static final String NAMESPACE = "marketplace";
    private static final String LEASE = "marketplace-crm-connector-leader";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(3);
    private static final Duration RETRY_PERIOD = Duration.ofMillis(500);

    private static final Map<String, String> IN_CLUSTER = new HashMap<>(Map.of(
            "kubernetes.auth.tryKubeConfig", "false", "kubernetes.auth.tryServiceAccount", "false"));

    static KubernetesMockServer server;
    static KubernetesClient kubernetes;

    private final SellerOrg seller = new SellerOrg();
    private final List<ConnectorReplica> replicas = new ArrayList<>();

    /**
     * The API server and namespace as a pod finds them. Camel 4.17's cluster service ignores its master-url and
     * namespace settings, so its Kubernetes client configures itself, here from these system properties.
     */
    @BeforeEach
    void podsFindTheApiServer() {
        IN_CLUSTER.put("kubernetes.master", server.url("/"));
        IN_CLUSTER.put("kubernetes.namespace", NAMESPACE);
        IN_CLUSTER.forEach(System::setProperty);
    }

    @AfterEach
    void stopEverything() {
        replicas.forEach(ConnectorReplica::close);
        seller.close();
        IN_CLUSTER.keySet().forEach(System::clearProperty);
    }

    @Test
    void onlyTheLeaderTakesRequestsAndTheStandbyTakesOverWithinTheLeaseWhenTheLeaderIsGone() {
        ConnectorReplica first = replica("connector-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.runs("request-sweep"));
        ConnectorReplica second = replica("connector-b");

        assertThat(second.readiness().statusCode()).as("the standby is ready: it can take over at once").isEqualTo(200);
        assertThat(second.readiness().body()).contains("\"status\":\"UP\"");
        assertThat(first.readiness().statusCode()).isEqualTo(200);
        for (String route : List.of("request-events", "request-sweep", "offer-status-tracker")) {
            assertThat(first.runs(route)).as("leader runs " + route).isTrue();
            assertThat(second.runs(route)).as("standby keeps " + route + " stopped").isFalse();
        }
        assertThat(second.runs("request-process")).as("request-process is fed only by the leader's intake").isTrue();
        assertThat(seller.pubsub.openSubscriptions()).as("one subscription to the request events").isEqualTo(1);
        assertThat(leaseHolder()).isEqualTo("connector-a");

        List<String> pressed = IntStream.range(0, 5).mapToObj(i -> seller.paymentScheduleRequest()).toList();
        for (String request : pressed) {
            Map<String, Object> done = seller.awaitFinished(request, Duration.ofSeconds(20));
            assertThat(done.get("Status__c")).isEqualTo("Succeeded");
            assertThat((String) done.get("Claimed_By__c")).startsWith("connector-a via");
        }

        first.close();
        String pressedWhileNobodyLeads = seller.paymentScheduleRequest();
        long goneAt = System.nanoTime();
        kubernetes.pods().inNamespace(NAMESPACE).withName("connector-a").delete();

        await().atMost(LEASE_DURATION.plus(RETRY_PERIOD.multipliedBy(10))).pollInterval(Duration.ofMillis(50))
                .until(() -> second.runs("request-sweep") && second.runs("request-events"));
        Duration takeover = Duration.ofNanos(System.nanoTime() - goneAt);
        assertThat(takeover).as("the standby waits one lease duration, so the old leader has surely stopped")
                .isGreaterThanOrEqualTo(LEASE_DURATION);
        assertThat(leaseHolder()).isEqualTo("connector-b");

        Map<String, Object> found = seller.awaitFinished(pressedWhileNobodyLeads, Duration.ofSeconds(10));
        assertThat(found.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) found.get("Claimed_By__c")).isEqualTo("connector-b via sweep");
        assertThat(((Number) found.get("Attempts__c")).intValue()).isEqualTo(1);
        Map<String, Object> next = seller.awaitFinished(seller.paymentScheduleRequest(), Duration.ofSeconds(10));
        assertThat(next.get("Status__c")).isEqualTo("Succeeded");
        assertThat((String) next.get("Claimed_By__c")).startsWith("connector-b via");

        for (String request : pressed) {
            Map<String, Object> done = seller.request(request);
            assertThat(((Number) done.get("Attempts__c")).intValue()).as("processed once").isEqualTo(1);
            assertThat((String) done.get("Claimed_By__c")).startsWith("connector-a via");
            assertThat(seller.installments(request)).as("written once").isEqualTo(12);
        }
    }

    /** Starts a replica in its pod, which the kubelet reports Running and Ready, as a Deployment would. */
    private ConnectorReplica replica(String podName) {
        Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", "marketplace-crm-connector").endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build();
        kubernetes.pods().inNamespace(NAMESPACE).resource(pod).create();
        ConnectorReplica replica = ConnectorReplica.start(podName, seller.org, seller.pubsub, Map.of(
                "connector.leader-election.enabled", true,
                "camel.cluster.kubernetes.pod-name", podName,
                "camel.cluster.kubernetes.lease-duration-millis", LEASE_DURATION.toMillis(),
                "camel.cluster.kubernetes.renew-deadline-millis", 2000,
                "camel.cluster.kubernetes.retry-period-millis", RETRY_PERIOD.toMillis()));
        replicas.add(replica);
        return replica;
    }

    private String leaseHolder() {
        return kubernetes.leases().inNamespace(NAMESPACE).withName(LEASE).get().getSpec().getHolderIdentity();
    }
}
