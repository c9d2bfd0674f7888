package io.mpcrm.connector.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpcrm.connector.events.DomainEvent.MarketplaceIds;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.QueueReference;
import org.apache.camel.component.seda.SedaComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands the connector's domain events to admins' own routes: each event, as JSON with its type in the
 * {@value #TYPE_HEADER} header, goes to {@value #ENDPOINT}, where every route consuming that endpoint gets its own
 * copy. The hand-over never waits and never fails the connector's own work: with no admin route listening nothing is
 * queued, and a full queue (admin routes too slow) drops the event with a warning.
 */
@Component
public class DomainEvents {

    /** The one endpoint admins' routes consume; multipleConsumers gives each of them every event. */
    public static final String ENDPOINT = "seda:mpcrm-domain-events?multipleConsumers=true";
    public static final String TYPE_HEADER = "eventType";
    private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);

    private final CamelContext camel;
    private final ObjectMapper json;
    private final Clock clock;
    private ProducerTemplate producer;

    public DomainEvents(CamelContext camel, ObjectMapper json, Clock clock) {
        this.camel = camel;
        this.json = json;
        this.clock = clock;
    }

    public void publish(DomainEvent.Type type, String sellerAccount, String sobject, String recordId, String status,
                        String message, MarketplaceIds ids) {
        publish(new DomainEvent(type, clock.instant(), sellerAccount, sobject, recordId, status, message, ids, null,
                null));
    }

    public void publish(DomainEvent event) {
        try {
            if (!anyoneListens()) {
                return;
            }
            producer().sendBodyAndHeader(ENDPOINT, ExchangePattern.InOnly, json.writeValueAsString(event),
                    TYPE_HEADER, event.type().name());
            log.debug("Domain event {} for record {} published", event.type(), event.recordId());
        } catch (JsonProcessingException | RuntimeException e) {
            // The record already shows what happened; an admin route missing it must not undo the seller's work.
            log.warn("Domain event {} for record {} not handed to admin routes: {}", event.type(), event.recordId(),
                    e.getMessage());
        }
    }

    private boolean anyoneListens() {
        if (!camel.isStarted()) {
            return false;
        }
        SedaComponent seda = camel.getComponent("seda", SedaComponent.class);
        // Admins' routes may add consumer options to the URI; all of them share the queue named by the URI's path.
        QueueReference queue = seda.getQueueReference(seda.getQueueKey(camel.getEndpoint(ENDPOINT).getEndpointUri()));
        return queue != null && queue.hasConsumers();
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }
}
