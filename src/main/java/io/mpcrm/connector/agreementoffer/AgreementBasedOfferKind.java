package io.mpcrm.connector.agreementoffer;

import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferValidator.AGREEMENT;
import static io.mpcrm.connector.offer.OfferValidator.BUYER_ACCOUNTS;
import static io.mpcrm.connector.offer.OfferValidator.PRICING_MODEL;
import static io.mpcrm.connector.offer.OfferValidator.PRODUCT;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_END;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_START;
import static io.mpcrm.connector.offer.OfferValidator.SHARED_RESALE_AUTHORIZATION;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.offer.OfferCheck;
import io.mpcrm.connector.offer.OfferKindChanges;
import io.mpcrm.connector.offer.OfferKindRules;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferProblems;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.PrivateOffer;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What an agreement-based offer must be to replace its agreement (contract, SaaS, its buyer, an end date). AWS fixes
 * its buyer, the agreement's, so the seller targets none. A channel partner's agreement-based offer must be so too,
 * and keep the resale authorization behind it ({@link ChannelPartnerAgreementBasedOfferKind}).
 */
@Component
public class AgreementBasedOfferKind implements OfferKindRules, OfferKindChanges {

    @Override
    public Set<OfferOrigin.Type> types() {
        return Set.of(OfferOrigin.Type.AGREEMENT_BASED);
    }

    /** A replacement offer is fixed to the agreement's buyer; AWS refuses targeting on it. */
    @Override
    public boolean targetsBuyers() {
        return false;
    }

    @Override
    public void creation(PrivateOffer offer, ObjectNode details) {
        details.put("AgreementId", offer.origin().agreementId());
    }

    @Override
    public void check(OfferCheck check, OfferProblems problems) {
        replacesItsAgreement(check.offer(), check.product(), problems);
    }

    /**
     * An agreement-based offer replaces a contract agreement: AWS fixes its buyer, needs the agreement's new end
     * date (AgreementEndDate, on Service_End_Date__c) and accepts contract pricing on SaaS products only.
     */
    static void replacesItsAgreement(PrivateOffer offer, OfferProduct product, OfferProblems problems) {
        OfferOrigin origin = offer.origin();
        if (blank(origin.agreementId())) {
            problems.add(AGREEMENT, "Choose the agreement this offer replaces: an active agreement brought in by"
                    + " Refresh Agreements or Import Agreement.");
        }
        if (origin.type() == OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED
                && blank(origin.resaleAuthorizationId())) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "Choose the shared resale authorization the channel partner"
                    + " offer behind this agreement used; AWS replaces a channel partner agreement only with one.");
        }
        if (offer.buyerAccounts().size() > 1) {
            problems.add(BUYER_ACCOUNTS, "An agreement-based offer goes to the buyer of the agreement only (AWS fixes"
                    + " its targeting): keep that one account, or make a private offer for the others.");
        }
        if (offer.pricingModel() != null && !PrivateOffer.CONTRACT.equals(offer.pricingModel())) {
            problems.add(PRICING_MODEL, "An agreement-based offer replaces a contract: choose Contract pricing (AWS"
                    + " accepts no other pricing model for it).");
        }
        if (product != null && !product.isSaaS()) {
            problems.add(PRODUCT, "Agreement-based offers are available for SaaS products only; make a new private"
                    + " offer for " + product.productType() + " products.");
        }
        if (offer.serviceStart() != null) {
            problems.add(SERVICE_START, "An agreement-based offer takes effect when the buyer accepts it: clear the"
                    + " service start date and keep the end date.");
        }
        if (offer.agreementEndDate() == null) {
            problems.add(SERVICE_END, "Enter the date the agreement should end under this offer; AWS requires an"
                    + " agreement end date on agreement-based offers.");
        }
    }
}
