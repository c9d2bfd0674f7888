package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** CANCEL_OFFER: UpdateAvailability to yesterday, the documented way to end an offer. */
@Component
public class CancelOfferAction implements RequestAction {

    private final OfferAvailability availability;

    public CancelOfferAction(OfferAvailability availability) {
        this.availability = availability;
    }

    @Override
    public String action() {
        return "CANCEL_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return availability.cancel(request);
    }
}
