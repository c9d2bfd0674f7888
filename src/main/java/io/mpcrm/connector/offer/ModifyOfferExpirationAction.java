package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import java.util.Set;
import org.springframework.stereotype.Component;

/** MODIFY_OFFER_EXPIRATION: UpdateAvailability with the new date from the request. */
@Component
public class ModifyOfferExpirationAction implements RequestAction {

    private final OfferAvailability availability;

    public ModifyOfferExpirationAction(OfferAvailability availability) {
        this.availability = availability;
    }

    @Override
    public String action() {
        return "MODIFY_OFFER_EXPIRATION";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        return availability.modify(request);
    }
}
