package io.mpcrm.connector.offer;

import io.mpcrm.connector.events.DomainEvent;
import io.mpcrm.connector.events.DomainEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.events.DomainEvent.MarketplaceIds;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily look at released offers: each one whose expiration date is within
 * {@code connector.domain-events.offer-expiring.within-days} becomes an OFFER_EXPIRING event, once per check, so an
 * admin route can remind the seller while the buyer can still accept it.
 */
@Component
public class ExpiringOffers {

    private static final Logger log = LoggerFactory.getLogger(ExpiringOffers.class);
    private final SalesforceRecords salesforce;
    private final DomainEvents events;
    private final OfferExpiringSettings settings;
    private final Clock clock;

    public ExpiringOffers(SalesforceRecords salesforce, DomainEvents events, OfferExpiringSettings settings,
                          Clock clock) {
        this.salesforce = salesforce;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Publishes one event per released offer expiring soon; returns how many. */
    public int check() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<ObjectNode> offers = salesforce.query("SELECT Id, " + OfferFields.OFFER_ID + ", " + OfferFields.EXPIRATION
                + ", " + OfferFields.STATUS + ", " + OfferFields.SELLER.path(RequestFields.SELLER_ACCOUNT_ID) + " FROM "
                + OfferFields.OFFER + " WHERE " + OfferFields.STATUS + " = " + Soql.quote("Released") + " AND "
                + OfferFields.EXPIRATION + " >= " + Soql.date(today) + " AND " + OfferFields.EXPIRATION + " <= "
                + Soql.date(today.plusDays(settings.withinDays())));
        for (ObjectNode offer : offers) {
            LocalDate expires = FieldValues.date(offer, OfferFields.EXPIRATION.name());
            long days = ChronoUnit.DAYS.between(today, expires);
            String offerId = FieldValues.text(offer, OfferFields.OFFER_ID);
            events.publish(DomainEvent.Type.OFFER_EXPIRING,
                    FieldValues.parentText(offer, OfferFields.SELLER, RequestFields.SELLER_ACCOUNT_ID),
                    OfferFields.OFFER, offer.path("Id").asText(), FieldValues.text(offer, OfferFields.STATUS),
                    "Offer " + offerId + " expires on " + expires + (days == 0 ? ", today." : ", in " + days
                            + (days == 1 ? " day." : " days.")), MarketplaceIds.offer(offerId, null));
        }
        log.info("{} released offers expire within {} days", offers.size(), settings.withinDays());
        return offers.size();
    }
}
