package io.mpcrm.connector.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.apache.camel.cluster.CamelClusterService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/** When a replica may start requests: always alone, only as leader among several, never once it stops. */
class ActiveWorkerTest {

    private final CamelClusterService cluster = mock(CamelClusterService.class);

    @Test
    void aSingleReplicaStartsRequestsUntilItStops() {
        ActiveWorker alone = new ActiveWorker(new StaticListableBeanFactory().getBeanProvider(CamelClusterService.class),
                "leader");
        assertThat(alone.mayStartRequests()).isTrue();

        alone.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        assertThat(alone.mayStartRequests()).isFalse();
    }

    @Test
    void withLeaderElectionOnlyTheLeaderStartsRequests() {
        ActiveWorker replica = new ActiveWorker(withCluster(), "leader");

        when(cluster.isLeader("leader")).thenReturn(false);
        assertThat(replica.mayStartRequests()).as("standby, or leadership just lost").isFalse();

        when(cluster.isLeader("leader")).thenReturn(true);
        assertThat(replica.mayStartRequests()).as("leader").isTrue();

        replica.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        assertThat(replica.mayStartRequests()).as("a leader that is stopping").isFalse();
    }

    private ObjectProvider<CamelClusterService> withCluster() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("kubernetes-cluster-service", cluster);
        return beans.getBeanProvider(CamelClusterService.class);
    }
}
