package io.mpcrm.connector.agreementoffer;

import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferScheduleRules.keepsTheIsvsInstallments;
import static io.mpcrm.connector.offer.OfferValidator.CHOICES_SHOWN;
import static io.mpcrm.connector.offer.OfferValidator.CURRENCY;
import static io.mpcrm.connector.offer.OfferValidator.MARKUP;
import static io.mpcrm.connector.offer.OfferValidator.PRICING_MODEL;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_LENGTH;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.offer.OfferCheck;
import io.mpcrm.connector.offer.OfferChangeSetBuilder;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferProblems;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.PrivateOffer;
import io.mpcrm.connector.offer.ProductDimension;
import io.mpcrm.connector.offer.ResoldOfferChanges;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import io.mpcrm.connector.terms.OfferDimension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A channel partner's agreement-based offer: an agreement-based offer ({@link AgreementBasedOfferKind}: its buyer,
 * its checks) whose terms are the resale authorization's behind the agreement, marked up. Made, like every
 * agreement-based offer, with Create Agreement Based Offer on the agreement it replaces ({@link ReplaceableAgreement}),
 * so this package owns its rules; what it shares with a channel partner offer (keeping the ISV's installments, what a
 * resold offer sends: {@link io.mpcrm.connector.offer.ResoldOfferChanges}) is in offer/.
 */
@Component
public class ChannelPartnerAgreementBasedOfferKind extends AgreementBasedOfferKind implements ResoldOfferChanges {

    @Override
    public Set<OfferOrigin.Type> types() {
        return Set.of(OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED);
    }

    @Override
    public void creation(PrivateOffer offer, ObjectNode details) {
        details.put("ResaleAuthorizationId", offer.origin().resaleAuthorizationId());
        super.creation(offer, details);
    }

    /**
     * Without installments of its own the offer inherits the authorization's wholesale pricing, which only the markup
     * changes. A replacement with installments of its own also grants the units, as AWS's example does: a
     * FixedUpfrontPricingTerm priced 0 with the duration and grants beside the schedule (without it the release fails
     * MISSING_MANDATORY_TERMS), and only that term, which is all a channel partner may send
     * (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#update-pricing-terms-cppo;
     * https://docs.aws.amazon.com/code-library/latest/ug/marketplace-catalog_example_marketplace-catalog_CreateResaleAuthorizationReplacementOffer_section.html).
     */
    @Override
    public ObjectNode pricing(PrivateOffer offer, OfferProduct product) {
        if (!offer.flexiblePaymentSchedule()) {
            return ResoldOfferChanges.super.pricing(offer, product);
        }
        ObjectNode pricing = JsonNodeFactory.instance.objectNode().put("PricingModel", PrivateOffer.CONTRACT);
        pricing.putArray("Terms").add(OfferChangeSetBuilder.grantedForNothing(offer));
        return pricing;
    }

    /**
     * The markup applies to every wholesale price and installment the offer inherits from the authorization. A
     * replacement with its own units and installments inherits neither, and AWS refuses a markup on terms the
     * authorization does not have (INCOMPATIBLE_RESALE_AUTHORIZATION, work-with-cppos.html#update-markup).
     */
    @Override
    public BigDecimal markup(PrivateOffer offer) {
        if (offer.flexiblePaymentSchedule()) {
            return null;
        }
        return ResoldOfferChanges.super.markup(offer);
    }

    /** Its own dimensions are sent, and counted, only with installments of its own. */
    @Override
    public boolean countsDimensions(PrivateOffer offer) {
        return offer.flexiblePaymentSchedule();
    }

    @Override
    public void terms(OfferCheck check, OfferProblems problems) {
        resoldReplacement(check.offer(), check.product(), check.authorization(), problems);
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
