package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.ChannelPartnerOfferRules.keepsTheIsvsInstallments;
import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferValidator.AGREEMENT;
import static io.mpcrm.connector.offer.OfferValidator.BUYER_ACCOUNTS;
import static io.mpcrm.connector.offer.OfferValidator.CHOICES_SHOWN;
import static io.mpcrm.connector.offer.OfferValidator.CURRENCY;
import static io.mpcrm.connector.offer.OfferValidator.MARKUP;
import static io.mpcrm.connector.offer.OfferValidator.PRICING_MODEL;
import static io.mpcrm.connector.offer.OfferValidator.PRODUCT;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_END;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_LENGTH;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_START;
import static io.mpcrm.connector.offer.OfferValidator.SHARED_RESALE_AUTHORIZATION;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import io.mpcrm.connector.terms.OfferDimension;
import java.math.BigDecimal;
import java.util.List;

/**
 * What an agreement-based offer must be to replace its agreement (contract, SaaS, its buyer, an
 * end date), and what a channel partner's one must keep of the resale authorization behind it.
 */
final class AgreementBasedOfferRules {

    private AgreementBasedOfferRules() {
    }

    /**
     * An agreement-based offer replaces a contract agreement: AWS fixes its buyer, needs the agreement's new end
     * date (AgreementEndDate, on Service_End_Date__c) and accepts contract pricing on SaaS products only.
     */
    static void check(PrivateOffer offer, OfferProduct product, OfferProblems problems) {
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

    /**
     * A channel partner's agreement-based offer sells the authorization's prices with the markup, so its own rates are
     * not sent. With installments of its own it grants the Upfront units for 0 and charges the installments, which AWS
     * refuses beside a markup ("PaymentScheduleTerm isn't supported when MarkupPercentage is greater than zero",
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#update-payment-schedule-terms-cppo)
     * and whose duration and currency must be the authorization's (same page, #update-pricing-terms-cppo).
     */
    static void resoldReplacement(PrivateOffer offer, OfferProduct product,
            SharedResaleAuthorization authorization, OfferProblems problems) {
        BigDecimal markup = offer.origin().markupPercentage();
        if (markup != null && markup.signum() < 0) {
            problems.add(MARKUP, "The markup " + markup.toPlainString() + "% is negative; enter 0 or more.");
        }
        if (!offer.flexiblePaymentSchedule()) {
            return;
        }
        if (markup != null && markup.signum() > 0) {
            problems.add(MARKUP, "With installments of its own, this offer charges the buyer the installments as"
                    + " they are, and AWS refuses a markup beside them: set the markup to 0, or untick Installments"
                    + " Enabled (and delete the installments) to sell the authorization's prices marked up.");
        }
        List<OfferDimension> upfront = offer.upfrontDimensions();
        if (upfront.isEmpty()) {
            problems.add(PRICING_MODEL, "With installments, list the Upfront dimensions the buyer gets, each with"
                    + " its Quantity: AWS grants them for 0 beside the installments.");
        }
        for (OfferDimension dimension : upfront) {
            String field = OfferFields.RATE + " " + (blank(dimension.key()) ? "(no key)" : dimension.key());
            if (blank(dimension.key())) {
                problems.add(field + "." + OfferFields.RATE_KEY, "Choose the product dimension this rate is for.");
                continue;
            }
            if (product != null && product.dimension(dimension.key()).filter(ProductDimension::entitled).isEmpty()) {
                problems.add(field + "." + OfferFields.RATE_KEY, "Product " + product.productId() + " has no Entitled"
                        + " dimension " + dimension.key() + "; choose one of: " + ErrorText.list(product.dimensions()
                        .stream().filter(ProductDimension::entitled).map(ProductDimension::key).toList(),
                        CHOICES_SHOWN) + ".");
            }
            if (dimension.quantity() == null || dimension.quantity() < 1) {
                problems.add(field + "." + OfferFields.RATE_QUANTITY, "With installments, enter how many units of "
                        + dimension.key() + " the buyer gets (1 or more).");
            }
        }
        if (authorization == null) {
            return;
        }
        String duration = authorization.duration();
        if (duration != null && offer.serviceLength() != null && !duration.equals(offer.serviceLength())) {
            problems.add(SERVICE_LENGTH, "The resale authorization prices a " + duration + " agreement, and the"
                    + " units are granted for that long: set Service Length to " + duration + ".");
        }
        if (!authorization.schedule().isEmpty()) {
            keepsTheIsvsInstallments(offer.schedule(), authorization.schedule(), problems);
        }
        if (!blank(offer.currency()) && authorization.currency() != null
                && !authorization.currency().equals(offer.currency())) {
            problems.add(CURRENCY, "The authorization is priced in " + authorization.currency() + "; set the"
                    + " currency to " + authorization.currency() + ".");
        }
    }
}
