package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.AgreementBasedOfferRules.resoldReplacement;
import static io.mpcrm.connector.offer.OfferFieldRules.blank;
import static io.mpcrm.connector.offer.OfferFieldRules.buyers;
import static io.mpcrm.connector.offer.OfferFieldRules.currency;
import static io.mpcrm.connector.offer.OfferFieldRules.eula;
import static io.mpcrm.connector.offer.OfferFieldRules.expiration;
import static io.mpcrm.connector.offer.OfferFieldRules.information;
import static io.mpcrm.connector.offer.OfferFieldRules.ownProduct;
import static io.mpcrm.connector.offer.OfferFieldRules.product;
import static io.mpcrm.connector.offer.OfferFieldRules.renewal;
import static io.mpcrm.connector.offer.OfferFieldRules.serviceTerm;
import static io.mpcrm.connector.offer.OfferPricingRules.dimensionCounts;
import static io.mpcrm.connector.offer.OfferPricingRules.pricing;
import static io.mpcrm.connector.offer.OfferScheduleRules.schedule;
import static io.mpcrm.connector.offer.OfferScheduleRules.totals;
import static io.mpcrm.connector.offer.OfferScheduleRules.zeroDollarSchedule;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import io.mpcrm.connector.terms.ScheduledCharge;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a seller must fix before an offer can be sent to AWS, each problem on the Salesforce field where it is
 * fixed. Collects every problem, so one round trip shows the whole list. Rules follow the Catalog API's own
 * validation for private offers; what AWS only reports after release (for example an unreleased product) is left
 * to AWS. {@link OfferTerm}'s table says which check covers each term the change set sends. This class says which
 * rules an offer of each kind must pass; the rules are in {@link OfferFieldRules} (every kind), {@link OfferPricingRules}
 * and {@link OfferScheduleRules} (an offer's own rates and installments), {@link ChannelPartnerOfferRules} and
 * {@link AgreementBasedOfferRules} (what those kinds add).
 */
public final class OfferValidator {

    static final String BUYER_ACCOUNTS = OfferFields.BUYER_ACCOUNTS.name();
    static final String NAME = OfferFields.OFFER_NAME.name();
    static final String DESCRIPTION = OfferFields.DESCRIPTION.name();
    static final String PRODUCT = OfferFields.PRODUCT.name();
    static final String EXPIRATION = OfferFields.EXPIRATION.name();
    static final String SERVICE_LENGTH = OfferFields.SERVICE_LENGTH.name();
    static final String SERVICE_START = OfferFields.SERVICE_START.name();
    static final String SERVICE_END = OfferFields.SERVICE_END.name();
    static final String PRICING_MODEL = OfferFields.PRICING_MODEL.name();
    static final String CURRENCY = OfferFields.CURRENCY_CODE.name();
    static final String ZERO_DOLLAR = OfferFields.ZERO_DOLLAR.name();
    static final String INSTALLMENTS = OfferFields.INSTALLMENTS_ENABLED.name();
    static final String TIERED = OfferFields.TIERED.name();
    static final String EULA_TYPE = OfferFields.EULA_TYPE.name();
    static final String EULA_DOCUMENT = OfferFields.EULA_DOCUMENT.name();
    static final String RENEWAL_CHANNEL = OfferFields.RENEWAL_CHANNEL.name();
    static final String RENEWAL_PRICING = OfferFields.RENEWAL_PRICING.name();
    static final String SHARED_RESALE_AUTHORIZATION = OfferFields.SHARED_RESALE_AUTHORIZATION.name();
    static final String MARKUP = OfferFields.MARKUP.name();
    static final String RESELLER_CONTRACT = OfferFields.RESELLER_CONTRACT_ACCEPTED.name();
    static final String AGREEMENT = OfferFields.AGREEMENT.name();

    static final int MAX_BUYERS = 26;
    static final int MAX_CHANNEL_PARTNER_BUYERS = 25;
    static final int MAX_NAME = 150;
    static final int MAX_DESCRIPTION = 255;
    static final int MAX_INSTALLMENTS = 60;
    /**
     * Unique contract (Entitled) dimensions, and unique usage (ExternallyMetered) dimensions, in one offer: 200 in the
     * Catalog API's service quotas as they stand (https://docs.aws.amazon.com/marketplace/latest/developerguide/catalog-service-quotas.md
     * and the restructured API Reference's page of the same name); an older copy of the API Reference's page
     * (https://docs.aws.amazon.com/marketplace/latest/APIReference/catalog-service-quotas.html) still says 24.
     */
    static final int MAX_DIMENSIONS = 200;
    /** How many choices a message names before it counts the rest. */
    static final int CHOICES_SHOWN = 10;
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "AUD", "JPY");
    static final Set<String> PRICING_MODELS = Set.of(PrivateOffer.CONTRACT, PrivateOffer.USAGE, PrivateOffer.BYOL,
            PrivateOffer.FREE);
    static final Set<String> PRODUCT_TYPES = Set.of(OfferProduct.SAAS, OfferProduct.AMI, OfferProduct.CONTAINER);
    static final Set<String> CHANNELS = Set.of("AwsMarketplace", "External");

    static final Pattern ACCOUNT = Pattern.compile(SellerAccount.ACCOUNT_ID);
    static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\\\<>]");

    public List<FieldProblem> problems(PrivateOffer offer, OfferProduct product, LocalDate today,
            boolean eulaBucketConfigured) {
        return problems(offer, product, null, today, eulaBucketConfigured);
    }

    /**
     * As above, for an offer of the seller account with AWS account {@code sellerAccountId}: a product synced for
     * another seller account cannot be offered (null: not checked).
     */
    public List<FieldProblem> problems(PrivateOffer offer, OfferProduct product, String sellerAccountId,
            LocalDate today, boolean eulaBucketConfigured) {
        return problems(offer, product, sellerAccountId, null, today, eulaBucketConfigured);
    }

    /**
     * As above; {@code replacing} is the shared resale authorization a channel partner's agreement-based offer is
     * made on (null for other offers, or when it is not in Salesforce: then the offer is not checked against it).
     */
    public List<FieldProblem> problems(PrivateOffer offer, OfferProduct product, String sellerAccountId,
            SharedResaleAuthorization replacing, LocalDate today, boolean eulaBucketConfigured) {
        OfferProblems problems = new OfferProblems();
        if (!offer.origin().replacesAgreement()) {
            buyers(offer, problems);
        }
        information(offer, problems);
        boolean productKnown = product(offer, product, problems) && ownProduct(offer, product, sellerAccountId,
                problems);
        expiration(offer, today, problems);
        currency(offer, problems);
        serviceTerm(offer, product, productKnown, problems);
        if (offer.origin().type() == OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED) {
            resoldReplacement(offer, productKnown ? product : null, replacing, problems);
        } else {
            pricing(offer, productKnown ? product : null, problems);
        }
        schedule(offer, productKnown ? product : null, today, problems);
        totals(offer, problems);
        zeroDollarSchedule(offer, problems);
        if (productKnown && (offer.origin().type() != OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED
                || offer.flexiblePaymentSchedule())) {
            dimensionCounts(offer, product, problems);
        }
        eula(offer, eulaBucketConfigured, problems);
        renewal(offer, problems);
        if (offer.origin().replacesAgreement()) {
            AgreementBasedOfferRules.check(offer, productKnown ? product : null, problems);
        }
        problems.list.addAll(expirationLimits(offer, offer.expirationDate(), replacing, EXPIRATION));
        return problems.list;
    }

    /**
     * Where the offer's expiration date (its AvailabilityEndDate) cannot go, given what else the offer holds: Create and
     * Validate Offer check the record's date with it, Modify Expiration the new date. Each problem is on {@code field}
     * and names the limit: on or before the resale authorization's expiry for a channel partner offer; before a
     * future start, as AWS documents ("start must be after AvailabilityEndDate", UpdateValidityTerms of
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html); before the end an
     * agreement-based offer gives the agreement; and at most one installment on or before it, as AWS documents for
     * UpdatePaymentScheduleTerms ("Provide up to 1 scheduled payment before AvailabilityEndDate", same page). The
     * authorization may be null (not a channel partner offer, or not in Salesforce: not checked).
     */
    public List<FieldProblem> expirationLimits(PrivateOffer offer, LocalDate expiration,
            SharedResaleAuthorization authorization, String field) {
        OfferProblems problems = new OfferProblems();
        if (expiration == null) {
            return problems.list;
        }
        String date = "The expiration date " + expiration;
        if (offer.origin().channelPartner() && authorization != null && authorization.expiration() != null
                && expiration.isAfter(authorization.expiration())) {
            problems.add(field, date + " is after the resale authorization " + authorization.name() + " ("
                    + authorization.resaleAuthorizationId() + ") expires, on " + authorization.expiration() + ", and a"
                    + " channel partner offer must expire on or before its authorization: choose "
                    + authorization.expiration() + " or an earlier date (if the ISV extended the authorization, refresh"
                    + " shared resale authorizations first).");
        }
        if (offer.futureDated() && offer.serviceStart() != null && !offer.serviceStart().isAfter(expiration)) {
            problems.add(field, date + " is not before the agreement's future start date " + offer.serviceStart()
                    + " (" + SERVICE_START + "), and AWS starts a future dated agreement only after the offer expires:"
                    + " choose a date before " + offer.serviceStart() + ".");
        }
        LocalDate agreementEnd = offer.agreementEndDate();
        if (agreementEnd != null && !agreementEnd.isAfter(expiration)) {
            problems.add(field, date + " is not before the end date " + agreementEnd + " this offer gives the"
                    + " agreement it replaces (" + SERVICE_END + "): choose a date before " + agreementEnd + ".");
        }
        if (offer.flexiblePaymentSchedule()) {
            List<LocalDate> charged = offer.schedule().stream().map(ScheduledCharge::chargeDate)
                    .filter(d -> d != null && !d.isAfter(expiration)).distinct().sorted().toList();
            if (charged.size() > 1) {
                problems.add(field, date + " is on or after " + charged.size() + " installments (" + ErrorText.list(
                        charged.stream().map(LocalDate::toString).toList(), CHOICES_SHOWN) + "), and AWS charges at"
                        + " most one installment on or before the day the offer expires: choose a date before "
                        + charged.get(1) + ", or move the installments later.");
            }
        }
        return problems.list;
    }

    /**
     * A channel partner offer: the shared resale authorization fixes product, wholesale pricing and the ISV's terms;
     * the partner's part (buyers, name, markup, dates, own legal terms, accepting the reseller contract) must fit it.
     */
    public List<FieldProblem> channelPartnerProblems(PrivateOffer offer, SharedResaleAuthorization authorization,
            boolean resellerContractAccepted, LocalDate today, boolean eulaBucketConfigured) {
        OfferProblems problems = new OfferProblems();
        buyers(offer, problems);
        information(offer, problems);
        expiration(offer, today, problems);
        serviceTerm(offer, null, false, problems);
        ChannelPartnerOfferRules.check(offer, authorization, resellerContractAccepted, today, problems);
        if (PrivateOffer.CUSTOM_EULA.equals(offer.eulaType())) {
            eula(offer, eulaBucketConfigured, problems);
        } else if (!blank(offer.eulaType()) && !PrivateOffer.STANDARD_EULA.equals(offer.eulaType())) {
            problems.add(EULA_TYPE, "EULA type " + offer.eulaType() + " is not one of StandardEula (keep the ISV's"
                    + " buyer terms), CustomEula (your own file).");
        }
        renewal(offer, problems);
        problems.list.addAll(expirationLimits(offer, offer.expirationDate(), authorization, EXPIRATION));
        return problems.list;
    }

    /** What a seller reads about a product Refresh Products marked Unavailable (offers and authorizations alike). */
    public static String unavailable(OfferProduct product) {
        return "Product " + product.productId() + " is " + OfferProduct.UNAVAILABLE + ": the last Refresh Products no"
                + " longer found it in the seller account, so AWS would not take an offer on it. Choose another"
                + " product, or press Refresh Products if it is back.";
    }
}
