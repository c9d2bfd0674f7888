package io.mpcrm.connector.replica;

import org.apache.camel.cluster.CamelClusterService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Whether this replica is the connector's one active worker and may start a request now (docs/design.md, invariant 7).
 * Not once it is shutting down: the requests in flight finish, the rest stay due for whoever sweeps next. And, with
 * leader election, only while it holds the leadership: a replica that lost it stops taking requests even before its
 * routes have stopped, so two replicas never start the same request.
 */
@Component
public class ActiveWorker implements ApplicationListener<ContextClosedEvent> {

    private final ObjectProvider<CamelClusterService> cluster;
    private final String leadership;
    private volatile boolean stopping;

    public ActiveWorker(ObjectProvider<CamelClusterService> cluster,
                        @Value("${camel.clustered.controller.namespace:leader}") String leadership) {
        this.cluster = cluster;
        this.leadership = leadership;
    }

    public boolean mayStartRequests() {
        if (stopping) {
            return false;
        }
        CamelClusterService service = cluster.getIfAvailable();
        return service == null || service.isLeader(leadership);
    }

    /** Published when the context starts closing, before Camel waits for the requests in flight. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }
}
