package io.mpcrm.connector.offer;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import io.mpcrm.connector.terms.ScheduledCharge;
import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.request.ErrorText;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.Today;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything a seller must fix before an offer can be sent to AWS, each problem on the Salesforce field where it is
 * fixed. Collects every problem, so one round trip shows the whole list. Rules follow the Catalog API's own
 * validation for private offers; what AWS only reports after release (for example an unreleased product) is left
 * to AWS. {@link OfferTerm}'s table says which check covers each term the change set sends.
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

    private static final Pattern ACCOUNT = Pattern.compile(SellerAccount.ACCOUNT_ID);
    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\\\<>]");

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
        Problems problems = new Problems();
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
            agreementBasedProblems(offer, productKnown ? product : null, problems);
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
        Problems problems = new Problems();
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
        Problems problems = new Problems();
        buyers(offer, problems);
        information(offer, problems);
        expiration(offer, today, problems);
        serviceTerm(offer, null, false, problems);
        channelPartnerProblems(offer, authorization, resellerContractAccepted, today, problems);
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

    /**
     * An agreement-based offer replaces a contract agreement: AWS fixes its buyer, needs the agreement's new end
     * date (AgreementEndDate, on Service_End_Date__c) and accepts contract pricing on SaaS products only.
     */
    private static void agreementBasedProblems(PrivateOffer offer, OfferProduct product, Problems problems) {
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
    private static void resoldReplacement(PrivateOffer offer, OfferProduct product,
            SharedResaleAuthorization authorization, Problems problems) {
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

    private static void buyers(PrivateOffer offer, Problems problems) {
        List<String> accounts = offer.buyerAccounts();
        if (accounts.isEmpty()) {
            problems.add(BUYER_ACCOUNTS, "Enter at least one buyer AWS account ID (12 digits).");
            return;
        }
        if (accounts.size() > MAX_BUYERS) {
            problems.add(BUYER_ACCOUNTS, "A private offer can target at most " + MAX_BUYERS + " buyer accounts; "
                    + accounts.size() + " are listed. Split the buyers over several offers.");
        }
        Set<String> seen = new HashSet<>();
        for (String account : accounts) {
            String shown = account == null ? "(blank)" : account;
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                problems.add(BUYER_ACCOUNTS, "Buyer account " + shown + " is not an AWS account ID: use exactly"
                        + " 12 digits, no dashes or spaces.");
            } else if (!seen.add(account)) {
                problems.add(BUYER_ACCOUNTS, "Buyer account " + account + " is listed twice; list it once.");
            }
        }
    }

    private static void information(PrivateOffer offer, Problems problems) {
        String name = offer.name();
        if (blank(name)) {
            problems.add(NAME, "Enter an offer name; the buyer sees it.");
        } else {
            if (name.length() > MAX_NAME) {
                problems.add(NAME, "Shorten the offer name to " + MAX_NAME + " characters (it has "
                        + name.length() + ").");
            }
            if (NAME_FORBIDDEN.matcher(name).find()) {
                problems.add(NAME, "Remove \\, < and > from the offer name; AWS does not accept them.");
            }
            invisibleCharacter(name).ifPresent(c -> problems.add(NAME, "Remove the invisible character "
                    + c + " from the offer name (it was probably pasted in); buyers would see a garbled or"
                    + " reordered name."));
        }
        String description = offer.description();
        if (blank(description)) {
            problems.add(DESCRIPTION, "Enter a description; AWS requires one before the offer is published.");
        } else if (description.length() > MAX_DESCRIPTION) {
            problems.add(DESCRIPTION, "Shorten the description to " + MAX_DESCRIPTION + " characters (it has "
                    + description.length() + ").");
        }
    }

    /**
     * The first control or text-direction character in a name, as U+XXXX: they never belong in a name a buyer reads, and
     * the direction overrides can make one name look like another.
     */
    private static java.util.Optional<String> invisibleCharacter(String name) {
        return name.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
                        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
                .mapToObj(c -> String.format(java.util.Locale.ROOT, "U+%04X", c)).findFirst();
    }

    private static boolean product(PrivateOffer offer, OfferProduct product, Problems problems) {
        if (blank(offer.productId()) || product == null) {
            problems.add(PRODUCT, "Choose the product this offer sells (refresh products if it is missing).");
            return false;
        }
        if (!offer.productId().equals(product.productId())) {
            problems.add(PRODUCT, "Product " + offer.productId() + " has not been synced; refresh products and"
                    + " choose it again.");
            return false;
        }
        if (blank(product.productType())) {
            problems.add(PRODUCT, "Product " + product.productId() + " has no product type; refresh products.");
            return false;
        }
        if (!PRODUCT_TYPES.contains(product.productType())) {
            problems.add(PRODUCT, "The connector makes private offers for SaaS, AMI and Container products; create"
                    + " offers for " + product.productType() + " products in the AWS Marketplace Management Portal.");
            return false;
        }
        if (product.unavailable()) {
            problems.add(PRODUCT, unavailable(product));
            return false;
        }
        return true;
    }

    /** What a seller reads about a product Refresh Products marked Unavailable (offers and authorizations alike). */
    public static String unavailable(OfferProduct product) {
        return "Product " + product.productId() + " is " + OfferProduct.UNAVAILABLE + ": the last Refresh Products no"
                + " longer found it in the seller account, so AWS would not take an offer on it. Choose another"
                + " product, or press Refresh Products if it is back.";
    }

    /**
     * A seller account makes offers on its own products only: the Catalog API does not find another account's product
     * (StartChangeSet answers ResourceNotFoundException). A channel partner's product is the ISV's, by design.
     */
    private static boolean ownProduct(PrivateOffer offer, OfferProduct product, String sellerAccountId,
            Problems problems) {
        if (offer.origin().channelPartner() || sellerAccountId == null || product.sellerAccountId() == null
                || product.sellerAccountId().equals(sellerAccountId)) {
            return true;
        }
        problems.add(PRODUCT, "Product " + product.productId() + " was synced for seller account "
                + product.sellerAccountId() + ", not for this offer's seller account " + sellerAccountId + ", and AWS"
                + " makes offers only on the seller's own products: choose a product of " + sellerAccountId
                + " (press Refresh Products on that seller account if it is missing).");
        return false;
    }

    private static void expiration(PrivateOffer offer, LocalDate today, Problems problems) {
        if (offer.expirationDate() == null) {
            problems.add(EXPIRATION, "Enter the date the offer expires; a private offer needs one.");
        } else if (offer.expirationDate().isBefore(today)) {
            problems.add(EXPIRATION, "The expiration date " + offer.expirationDate() + " has passed ("
                    + Today.named(today) + "); choose today or a later date.");
        }
    }

    private static void currency(PrivateOffer offer, Problems problems) {
        if (blank(offer.currency())) {
            problems.add(CURRENCY, "Choose a currency: USD, EUR, GBP, AUD or JPY.");
        } else if (!CURRENCIES.contains(offer.currency())) {
            problems.add(CURRENCY, "Private offers can be priced in USD, EUR, GBP, AUD or JPY, not "
                    + offer.currency() + ".");
        } else if (!offer.usageDimensions().isEmpty() && !"USD".equals(offer.currency())) {
            problems.add(CURRENCY, "Usage rates are priced in USD only, and every term of an offer shares one"
                    + " currency: choose USD or remove the Usage rates.");
        }
    }

    private static void serviceTerm(PrivateOffer offer, OfferProduct product, boolean productKnown,
            Problems problems) {
        String length = offer.serviceLength();
        boolean lengthValid = length == null || ServiceLength.parse(length).isPresent();
        if (!lengthValid) {
            problems.add(SERVICE_LENGTH, ServiceLength.mistake("Service length", length));
        }
        if (offer.futureDated()) {
            if (length != null) {
                problems.add(SERVICE_LENGTH, "A future dated agreement runs from its start date to its end date:"
                        + " leave Service Length empty, or clear the start and end dates.");
            }
            if (productKnown && !product.isSaaS()) {
                problems.add(SERVICE_START, "Future dated agreements are available for SaaS products only; clear"
                        + " the start and end dates.");
            } else if (offer.pricingModel() != null && !PrivateOffer.CONTRACT.equals(offer.pricingModel())) {
                // Contract pricing is only a way out when the product has an Entitled dimension to price.
                boolean contractPossible = !productKnown || product.dimensions().stream()
                        .anyMatch(ProductDimension::entitled);
                problems.add(SERVICE_START, contractPossible
                        ? "Future dated agreements need Contract pricing; clear the start and end dates or choose"
                        + " Contract."
                        : "Future dated agreements need Contract pricing, and product " + product.productId()
                        + " has no Entitled dimension to price a contract on: clear the start and end dates.");
            }
            if (offer.serviceStart() == null) {
                problems.add(SERVICE_START, "Enter the service start date as well as the end date.");
            }
            if (offer.serviceEnd() == null) {
                problems.add(SERVICE_END, "Enter the service end date as well as the start date.");
            } else if (offer.serviceStart() != null && !offer.serviceEnd().isAfter(offer.serviceStart())) {
                problems.add(SERVICE_END, "The service end date " + offer.serviceEnd() + " must be after the start"
                        + " date " + offer.serviceStart() + ".");
            }
        } else if (length == null && needsDuration(offer)) {
            problems.add(SERVICE_LENGTH, "Enter how long the agreement runs (e.g. P12M), or start and end dates"
                    + " for a future dated SaaS agreement.");
        }
    }

    /** An upfront term is bought for a duration. */
    private static boolean needsDuration(PrivateOffer offer) {
        return PrivateOffer.CONTRACT.equals(offer.pricingModel())
                || (!offer.upfrontDimensions().isEmpty() && !PrivateOffer.BYOL.equals(offer.pricingModel()));
    }

    private static void pricing(PrivateOffer offer, OfferProduct product, Problems problems) {
        String model = offer.pricingModel();
        if (blank(model)) {
            problems.add(PRICING_MODEL, "Choose a pricing model: Contract, Usage, Byol or Free.");
        } else if (!PRICING_MODELS.contains(model)) {
            problems.add(PRICING_MODEL, "Pricing model " + model + " is not one of Contract, Usage, Byol, Free.");
            model = null;
        }
        dimensions(offer, product, problems);
        if (model == null || product == null) {
            return;
        }
        List<OfferDimension> upfront = offer.upfrontDimensions();
        List<OfferDimension> usage = offer.usageDimensions();
        String type = product.productType();
        switch (model) {
            case PrivateOffer.CONTRACT -> {
                if (upfront.isEmpty()) {
                    problems.add(PRICING_MODEL, "Contract pricing needs at least one Upfront rate on an Entitled"
                            + " dimension; add one, or choose Usage pricing.");
                }
                if (!usage.isEmpty() && !product.isSaaS()) {
                    problems.add(PRICING_MODEL, "Contract pricing with Usage rates (pay as you go above the"
                            + " contract) is for SaaS products only; remove the Usage rates.");
                }
            }
            case PrivateOffer.USAGE -> {
                if (usage.isEmpty()) {
                    problems.add(PRICING_MODEL, "Usage pricing needs Usage rates on the product's metered"
                            + " dimensions; add them, or choose Contract pricing.");
                }
                if (!upfront.isEmpty() && !product.isAmi()) {
                    problems.add(PRICING_MODEL, "Upfront rates with Usage pricing are only for AMI annual pricing;"
                            + " choose Contract pricing for " + type + " upfront rates.");
                } else if (!upfront.isEmpty() && offer.serviceLength() != null
                        && !OfferChangeSetBuilder.ANNUAL.equals(offer.serviceLength())) {
                    problems.add(SERVICE_LENGTH, "AMI annual pricing is bought for a year: set Service Length to"
                            + " P365D.");
                }
            }
            case PrivateOffer.FREE -> {
                if (offer.dimensions().isEmpty()) {
                    problems.add(PRICING_MODEL, "Free pricing still lists the dimensions the buyer gets, at rate 0;"
                            + " add them.");
                }
                if (offer.dimensions().stream().anyMatch(d -> d.rate() != null && d.rate().signum() != 0)) {
                    problems.add(PRICING_MODEL, "Free pricing needs every rate to be 0; set them to 0 or choose"
                            + " Contract or Usage pricing.");
                }
                if (!offer.zeroDollar()) {
                    problems.add(ZERO_DOLLAR, "Free pricing needs Zero Dollar Pricing ticked.");
                }
                if (!upfront.isEmpty() && !usage.isEmpty() && !product.isSaaS()) {
                    problems.add(PRICING_MODEL, "Free pricing mixes Upfront and Usage rates only for SaaS products.");
                }
            }
            case PrivateOffer.BYOL -> {
                if (product.isSaaS()) {
                    problems.add(PRICING_MODEL, "Bring-your-own-license pricing is not available for SaaS products.");
                }
                if (!offer.dimensions().isEmpty()) {
                    problems.add(PRICING_MODEL, "A bring-your-own-license offer carries no rates; remove the offer"
                            + " dimensions.");
                }
            }
            default -> throw new IllegalStateException(model);
        }
        if (!usage.isEmpty() && !PrivateOffer.BYOL.equals(model)) {
            Set<String> priced = usage.stream().map(OfferDimension::key).collect(Collectors.toSet());
            product.dimensions().stream().filter(ProductDimension::metered)
                    .filter(d -> !priced.contains(d.key()))
                    .forEach(d -> problems.add("Dimension " + d.key(), "Usage pricing must price every metered"
                            + " dimension of the product: add a Usage rate for " + d.key() + "."));
        }
        if (offer.tiered() && (!PrivateOffer.CONTRACT.equals(model) || offer.flexiblePaymentSchedule())) {
            problems.add(TIERED, "Tiers (the buyer picks one dimension) apply to Contract pricing without an"
                    + " installment schedule; untick Tiered Pricing.");
        }
    }

    private static void dimensions(PrivateOffer offer, OfferProduct product, Problems problems) {
        Set<String> seen = new HashSet<>();
        boolean fps = offer.installmentsEnabled();
        for (OfferDimension dimension : offer.dimensions()) {
            String key = dimension.key();
            String field = OfferFields.RATE + " " + (blank(key) ? "(no key)" : key);
            if (blank(key)) {
                problems.add(field + "." + OfferFields.RATE_KEY, "Choose the product dimension this rate is for.");
                continue;
            }
            if (!dimension.upfront() && !dimension.usage()) {
                problems.add(field + "." + OfferFields.RATE_KIND,
                        "Choose Upfront or Usage as the rate kind of " + key + ".");
                continue;
            }
            if (!seen.add(dimension.rateKind() + "/" + key)) {
                problems.add(field + "." + OfferFields.RATE_KEY, "Dimension " + key + " has two " + dimension.rateKind()
                        + " rates; keep one.");
            }
            if (product != null) {
                Optional<ProductDimension> onProduct = product.dimension(key);
                if (onProduct.isEmpty()) {
                    problems.add(field + "." + OfferFields.RATE_KEY,
                            "Product " + product.productId() + " has no dimension "
                            + key + "; refresh products or choose one of: " + ErrorText.list(product.dimensions()
                            .stream().map(ProductDimension::key).toList(), CHOICES_SHOWN) + ".");
                } else if (dimension.upfront() && !onProduct.get().entitled() && !amiAnnual(offer, product)) {
                    problems.add(field + "." + OfferFields.RATE_KIND,
                            "Dimension " + key + " is metered, not Entitled: give it"
                            + " a Usage rate, or choose an Entitled dimension for the Upfront rate.");
                } else if (dimension.usage() && !onProduct.get().metered()) {
                    problems.add(field + "." + OfferFields.RATE_KIND,
                            "Dimension " + key + " is Entitled, not metered: give it"
                            + " an Upfront rate, or choose a metered dimension for the Usage rate.");
                }
            }
            if (fps && dimension.upfront()) {
                // The schedule carries the money; the term grants a fixed quantity for "0".
                if (dimension.quantity() == null || dimension.quantity() < 1) {
                    problems.add(field + "." + OfferFields.RATE_QUANTITY,
                            "With installments, enter how many units of " + key
                            + " the buyer gets (1 or more).");
                }
                continue;
            }
            rate(dimension, field + "." + OfferFields.RATE_VALUE, offer.zeroDollar(), problems);
        }
    }

    /** AMI annual pricing sells a year of the same instance types that are metered by the hour. */
    private static boolean amiAnnual(PrivateOffer offer, OfferProduct product) {
        return product.isAmi() && PrivateOffer.USAGE.equals(offer.pricingModel());
    }

    private static void rate(OfferDimension dimension, String field, boolean zeroDollar, Problems problems) {
        BigDecimal rate = dimension.rate();
        if (rate == null) {
            problems.add(field, "Enter a rate for " + dimension.key() + " (0 or more).");
            return;
        }
        if (rate.signum() < 0) {
            problems.add(field, "The rate of " + dimension.key() + " is negative; enter 0 or more.");
            return;
        }
        int decimals = dimension.usage() ? 8 : 3;
        if (rate.stripTrailingZeros().scale() > decimals) {
            problems.add(field, dimension.rateKind() + " rates have at most " + decimals + " decimals; round "
                    + rate.toPlainString() + ".");
        }
        if (rate.signum() == 0 && !zeroDollar) {
            problems.add(field, "The rate of " + dimension.key() + " is 0: tick Zero Dollar Pricing if the buyer"
                    + " should pay nothing for it, or enter a price.");
        }
    }

    private static void schedule(PrivateOffer offer, OfferProduct product, LocalDate today, Problems problems) {
        List<ScheduledCharge> schedule = offer.schedule();
        if (!offer.installmentsEnabled()) {
            if (!schedule.isEmpty()) {
                problems.add(INSTALLMENTS, "The offer has " + schedule.size() + " installments but Installments"
                        + " Enabled is not ticked: tick it, or delete the installments.");
            }
            return;
        }
        if (schedule.isEmpty()) {
            problems.add(INSTALLMENTS, "Installments are enabled but there are none: generate a payment schedule"
                    + " or untick Installments Enabled.");
            return;
        }
        if (product != null) {
            String model = offer.pricingModel();
            boolean saasContract = product.isSaaS() && PrivateOffer.CONTRACT.equals(model);
            boolean amiAnnual = product.isAmi() && PrivateOffer.USAGE.equals(model)
                    && !offer.upfrontDimensions().isEmpty();
            if (product.isContainer()) {
                problems.add(INSTALLMENTS, "Installment schedules are not available for Container products; untick"
                        + " Installments Enabled.");
            } else if (!saasContract && !amiAnnual) {
                problems.add(INSTALLMENTS, "Installment schedules are available for SaaS contracts and AMI annual"
                        + " pricing (Usage with Upfront P365D rates); untick Installments Enabled.");
            }
        }
        if (schedule.size() > MAX_INSTALLMENTS) {
            problems.add(INSTALLMENTS, "A payment schedule has at most " + MAX_INSTALLMENTS + " installments; this"
                    + " one has " + schedule.size() + ".");
        }
        LocalDate end = agreementEnd(offer);
        Set<LocalDate> dates = new HashSet<>();
        for (ScheduledCharge charge : schedule) {
            LocalDate date = charge.chargeDate();
            if (date == null) {
                problems.add(OfferFields.INSTALLMENT + " (no date)", "Enter the charge date of every installment.");
                continue;
            }
            String field = OfferFields.INSTALLMENT + " " + date;
            if (!dates.add(date)) {
                problems.add(field, "Two installments are charged on " + date + "; merge them or move one.");
            }
            if (date.isBefore(today)) {
                problems.add(field, "The installment of " + date + " is in the past (" + Today.named(today) + ");"
                        + " move it to today or later.");
            }
            if (end != null && !date.isBefore(end)) {
                problems.add(field, "The installment of " + date + " is not before the agreement ends (" + end
                        + "); move it earlier or lengthen the service.");
            }
            amount(charge, field, problems);
        }
    }

    /**
     * With installments the pricing term grants the units for 0 and AWS charges the buyer the installments (the rates
     * are not sent). Rates entered on the Upfront dimensions must then come to the installments' total, so that what
     * the seller reads on the rates is what the buyer pays; without rates the installments alone say it.
     */
    private static void totals(PrivateOffer offer, Problems problems) {
        if (!offer.flexiblePaymentSchedule()) {
            return;
        }
        List<OfferDimension> upfront = offer.upfrontDimensions().stream().filter(d -> !blank(d.key())).toList();
        List<OfferDimension> rated = upfront.stream().filter(d -> d.rate() != null).toList();
        if (rated.isEmpty()) {
            return;
        }
        if (rated.size() < upfront.size()) {
            String example = rated.get(0).key();
            upfront.stream().filter(d -> d.rate() == null).forEach(d -> problems.add(OfferFields.RATE + " "
                    + d.key() + "." + OfferFields.RATE_VALUE,
                    "With installments, " + example + " has a rate but " + d.key()
                    + " has none, so the rates cannot be checked against the installments: enter a rate on every"
                    + " Upfront dimension, or clear them all and let the installments say what the buyer pays."));
            return;
        }
        boolean countable = upfront.stream().allMatch(d -> d.quantity() != null && d.quantity() > 0)
                && offer.schedule().stream().allMatch(c -> c.amount() != null);
        if (!countable) {
            return; // a missing quantity or amount is already a problem of its own
        }
        BigDecimal rates = upfront.stream().map(d -> d.rate().multiply(BigDecimal.valueOf(d.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal installments = offer.schedule().stream().map(ScheduledCharge::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (rates.compareTo(installments) == 0) {
            return;
        }
        String currency = blank(offer.currency()) ? "" : " " + offer.currency();
        String lines = upfront.stream().map(d -> d.key() + " " + d.quantity() + " x " + money(d.rate(), offer))
                .collect(Collectors.joining(", "));
        problems.add(OfferFields.INSTALLMENT, "The installments total " + money(installments, offer) + currency
                + " but the rates come to " + money(rates, offer) + currency + " (" + lines + "). AWS charges the"
                + " buyer the installments, " + money(installments, offer) + currency + ": the rates are not sent."
                + " Make them agree: generate the payment schedule for " + money(rates, offer) + currency
                + ", or change the rates or quantities.");
    }

    /**
     * Zero Dollar Pricing says the buyer pays nothing ("offer every dimension at a price of 0"), while installments are
     * what AWS charges: a schedule that charges beside the tick would be released charging it.
     */
    private static void zeroDollarSchedule(PrivateOffer offer, Problems problems) {
        if (!offer.zeroDollar() || !offer.flexiblePaymentSchedule()) {
            return;
        }
        BigDecimal charged = offer.schedule().stream().map(ScheduledCharge::amount).filter(a -> a != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (charged.signum() > 0) {
            String currency = blank(offer.currency()) ? "" : " " + offer.currency();
            problems.add(ZERO_DOLLAR, "Zero Dollar Pricing offers every dimension at 0, but the "
                    + offer.schedule().size() + " installments charge the buyer " + money(charged, offer) + currency
                    + ": untick Zero Dollar Pricing to charge them, or delete the installments and untick Installments"
                    + " Enabled to offer it for 0.");
        }
    }

    /** AWS's quota of dimensions per offer, counted as AWS counts them: unique Entitled, unique ExternallyMetered. */
    private static void dimensionCounts(PrivateOffer offer, OfferProduct product, Problems problems) {
        long contract = offer.upfrontDimensions().stream().map(OfferDimension::key).filter(k -> !blank(k))
                .filter(k -> product.dimension(k).filter(ProductDimension::entitled).isPresent()).distinct().count();
        long usage = offer.usageDimensions().stream().map(OfferDimension::key).filter(k -> !blank(k))
                .filter(k -> product.dimension(k).filter(ProductDimension::externallyMetered).isPresent()).distinct()
                .count();
        if (contract > MAX_DIMENSIONS) {
            problems.add(OfferFields.RATE, tooManyDimensions(contract, "contract (Entitled)"));
        }
        if (usage > MAX_DIMENSIONS) {
            problems.add(OfferFields.RATE, tooManyDimensions(usage, "usage (ExternallyMetered)"));
        }
    }

    private static String tooManyDimensions(long count, String kind) {
        return "The offer prices " + count + " " + kind + " dimensions; AWS takes at most " + MAX_DIMENSIONS + " in"
                + " one offer: remove " + (count - MAX_DIMENSIONS) + " of them.";
    }

    /** An amount as a seller reads it, e.g. 12,000.00 (no decimals in yen). */
    private static String money(BigDecimal amount, PrivateOffer offer) {
        int digits = 2;
        try {
            digits = java.util.Currency.getInstance(String.valueOf(offer.currency())).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknownCurrency) {
            // The currency has a problem of its own; cents are the likely reading.
        }
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(java.util.Locale.US);
        format.setMinimumFractionDigits(Math.max(digits, 0));
        format.setMaximumFractionDigits(Math.max(digits, 3));
        return format.format(amount);
    }

    private static void amount(ScheduledCharge charge, String field, Problems problems) {
        BigDecimal amount = charge.amount();
        if (amount == null || amount.signum() <= 0) {
            problems.add(field, "Enter an amount above 0 for the installment of " + charge.chargeDate() + ".");
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(field, "Installment amounts have at most 2 decimals; round " + amount.toPlainString()
                    + ".");
        }
    }

    /** The last day an agreement can run: the fixed end date, or expiry (latest acceptance) plus the length. */
    private static LocalDate agreementEnd(PrivateOffer offer) {
        if (offer.futureDated() || offer.agreementEndDate() != null) {
            return offer.serviceEnd();
        }
        Optional<Period> length = ServiceLength.parse(offer.serviceLength());
        if (offer.expirationDate() == null || length.isEmpty()) {
            return null;
        }
        return offer.expirationDate().plus(length.get());
    }

    private static void eula(PrivateOffer offer, boolean eulaBucketConfigured, Problems problems) {
        String type = offer.eulaType();
        if (blank(type)) {
            problems.add(EULA_TYPE, "Choose the EULA: StandardEula or CustomEula.");
        } else if (PrivateOffer.CUSTOM_EULA.equals(type)) {
            if (!offer.customEulaAttached()) {
                problems.add(EULA_DOCUMENT, "Attach the custom EULA file (PDF) to the offer.");
            }
            if (!eulaBucketConfigured) {
                problems.add(EULA_TYPE, "No S3 bucket is configured for custom EULAs of this seller account: ask"
                        + " your administrator to configure one, or choose StandardEula.");
            }
        } else if (!PrivateOffer.STANDARD_EULA.equals(type)) {
            problems.add(EULA_TYPE, "EULA type " + type + " is not one of StandardEula, CustomEula.");
        }
    }

    private static void renewal(PrivateOffer offer, Problems problems) {
        if (!offer.renewal()) {
            return;
        }
        String channel = offer.renewalAcquisitionChannel();
        if (blank(channel)) {
            problems.add(RENEWAL_CHANNEL, "A renewal needs where the buyer's current agreement was bought:"
                    + " AwsMarketplace or External.");
        } else if (!CHANNELS.contains(channel)) {
            problems.add(RENEWAL_CHANNEL, "Renewal acquisition channel " + channel + " is not one of"
                    + " AwsMarketplace, External.");
        }
        String model = offer.renewalPricingModel();
        if (blank(model)) {
            problems.add(RENEWAL_PRICING, "A renewal needs the pricing model of the buyer's current agreement:"
                    + " Contract, Usage, Byol or Free.");
        } else if (!PRICING_MODELS.contains(model)) {
            problems.add(RENEWAL_PRICING, "Renewal pricing model " + model + " is not one of Contract, Usage,"
                    + " Byol, Free.");
        }
    }

    /** Whether the authorization can still take an offer, and whether this offer stays within it. */
    private static void channelPartnerProblems(PrivateOffer offer, SharedResaleAuthorization authorization,
            boolean resellerContractAccepted, LocalDate today, Problems problems) {
        String name = authorization.name() + " (" + authorization.resaleAuthorizationId() + ")";
        if (authorization.expiredOn(today)) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "The resale authorization " + name + " expired"
                    + (authorization.expiration() == null ? "" : " on " + authorization.expiration() + " ("
                    + Today.named(today) + ")") + ": ask the ISV for a new one, then refresh shared resale"
                    + " authorizations.");
        } else if (!"Active".equals(authorization.status())) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "The resale authorization " + name + " is "
                    + authorization.status() + ", not Active: the ISV no longer allows new offers on it. Ask the ISV"
                    + " for a new resale authorization, refresh shared resale authorizations and make the offer on"
                    + " that one.");
        }
        if (authorization.usedUp()) {
            problems.add(SHARED_RESALE_AUTHORIZATION, "The one-time resale authorization " + name + " already has"
                    + " its offer (" + authorization.offerStatus() + "); ask the ISV for a new authorization.");
        }
        channelPartnerBuyers(offer, authorization, problems);
        BigDecimal markup = offer.origin().markupPercentage();
        if (markup == null) {
            problems.add(MARKUP, "Enter your markup on the wholesale price as a percentage (0 for none).");
        } else if (markup.signum() < 0) {
            problems.add(MARKUP, "The markup " + markup.toPlainString() + "% is negative; enter 0 or more.");
        }
        if (!resellerContractAccepted) {
            problems.add(RESELLER_CONTRACT, "Tick Reseller Contract Accepted: the ISV's reseller contract on the"
                    + " authorization binds every offer made on it.");
        }
        if (!blank(offer.currency()) && authorization.currency() != null
                && !authorization.currency().equals(offer.currency())) {
            problems.add(CURRENCY, "The authorization is priced in " + authorization.currency() + "; set the"
                    + " currency to " + authorization.currency() + ".");
        }
        channelPartnerDuration(offer, authorization, problems);
        channelPartnerSchedule(offer, authorization, markup, today, problems);
    }

    private static void channelPartnerBuyers(PrivateOffer offer, SharedResaleAuthorization authorization,
            Problems problems) {
        if (offer.buyerAccounts().size() > MAX_CHANNEL_PARTNER_BUYERS) {
            problems.add(BUYER_ACCOUNTS, "A channel partner offer can target at most " + MAX_CHANNEL_PARTNER_BUYERS
                    + " buyer accounts; " + offer.buyerAccounts().size() + " are listed.");
        }
        if (authorization.buyerAccounts().isEmpty()) {
            return;
        }
        offer.buyerAccounts().stream().filter(b -> b != null && ACCOUNT.matcher(b).matches())
                .filter(b -> !authorization.buyerAccounts().contains(b))
                .forEach(b -> problems.add(BUYER_ACCOUNTS, "Buyer account " + b + " is not one the resale"
                        + " authorization allows; target only " + String.join(", ", authorization.buyerAccounts())
                        + "."));
    }

    /** Agreement durations and dates are the ISV's: the same length, and a future start no later than allowed. */
    private static void channelPartnerDuration(PrivateOffer offer, SharedResaleAuthorization authorization,
            Problems problems) {
        String duration = authorization.duration();
        if (offer.futureDated()) {
            if (authorization.maximumStart() == null) {
                problems.add(SERVICE_START, "The resale authorization does not allow future dated agreements;"
                        + " clear the start and end dates.");
            } else if (offer.serviceStart() != null && offer.serviceStart().isAfter(authorization.maximumStart())) {
                problems.add(SERVICE_START, "The resale authorization allows agreements starting no later than "
                        + authorization.maximumStart() + "; move the start date.");
            }
            if (duration != null && offer.serviceStart() != null && offer.serviceEnd() != null
                    && !duration.equals(ServiceLength.span(offer.serviceStart(), offer.serviceEnd()))) {
                problems.add(SERVICE_END, "The resale authorization prices a " + duration + " agreement; the dates"
                        + " span " + ServiceLength.span(offer.serviceStart(), offer.serviceEnd()) + ".");
            }
        } else if (duration != null && offer.serviceLength() != null && !duration.equals(offer.serviceLength())) {
            problems.add(SERVICE_LENGTH, "The resale authorization prices a " + duration + " agreement; set Service"
                    + " Length to " + duration + ".");
        }
    }

    /**
     * Installments are the ISV's, marked up; only without a markup may the partner send its own, and then "payment
     * dates can't be changed" and each amount must be "greater than or equal to what is provided in Resale
     * Authorization" (INCOMPATIBLE_RESALE_AUTHORIZATION,
     * https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-cppos.html#update-payment-schedule-terms-cppo).
     */
    private static void channelPartnerSchedule(PrivateOffer offer, SharedResaleAuthorization authorization,
            BigDecimal markup, LocalDate today, Problems problems) {
        List<ScheduledCharge> own = offer.installmentsEnabled() ? offer.schedule() : List.of();
        List<ScheduledCharge> isv = authorization.schedule();
        if (isv.isEmpty()) {
            if (!own.isEmpty()) {
                problems.add(INSTALLMENTS, "The resale authorization has no payment schedule, so the offer cannot"
                        + " have one: delete the installments and untick Installments Enabled.");
            }
            return;
        }
        if (own.isEmpty() || sameSchedule(own, isv)) {
            return; // the ISV's installments, as they are or marked up
        }
        if (markup != null && markup.signum() > 0) {
            problems.add(INSTALLMENTS, "With a markup the buyer pays the ISV's installments marked up; your own"
                    + " installment amounts cannot be combined with it. Restore the authorization's " + isv.size()
                    + " installments, or set the markup to 0.");
            return;
        }
        // Without a markup the partner's own installments are sent, so they must pass AWS's schedule rules.
        schedule(offer, null, today, problems);
        keepsTheIsvsInstallments(own, isv, problems);
    }

    /** The partner's own installments on the ISV's dates, each at least the ISV's amount on that date. */
    private static void keepsTheIsvsInstallments(List<ScheduledCharge> own, List<ScheduledCharge> isv,
            Problems problems) {
        java.util.Map<LocalDate, BigDecimal> isvAmounts = new java.util.TreeMap<>();
        isv.forEach(c -> isvAmounts.put(c.chargeDate(), c.amount()));
        String dates = isvAmounts.keySet().stream().map(LocalDate::toString).collect(Collectors.joining(", "));
        Set<LocalDate> kept = new HashSet<>();
        for (ScheduledCharge charge : own) {
            if (charge.chargeDate() == null) {
                continue;
            }
            String field = OfferFields.INSTALLMENT + " " + charge.chargeDate();
            BigDecimal floor = isvAmounts.get(charge.chargeDate());
            if (floor == null) {
                problems.add(field, "The installment of " + charge.chargeDate() + " is not on one of the resale"
                        + " authorization's charge dates (" + dates + "): AWS keeps the ISV's dates; move it to"
                        + " one of them.");
                continue;
            }
            kept.add(charge.chargeDate());
            if (charge.amount() != null && charge.amount().compareTo(floor) < 0) {
                problems.add(field, "The installment of " + charge.chargeDate() + " is "
                        + charge.amount().toPlainString() + ", less than the resale authorization's "
                        + floor.toPlainString() + " on that date: your own amounts may only be at least the ISV's;"
                        + " raise it to " + floor.toPlainString() + " or more.");
            }
        }
        isvAmounts.forEach((date, amount) -> {
            if (!kept.contains(date)) {
                problems.add(INSTALLMENTS, "The resale authorization charges " + amount.toPlainString() + " on "
                        + date + " and AWS keeps its dates: add an installment on " + date + " of at least "
                        + amount.toPlainString() + ".");
            }
        });
    }

    private static boolean sameSchedule(List<ScheduledCharge> a, List<ScheduledCharge> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Objects.equals(a.get(i).chargeDate(), b.get(i).chargeDate())
                    || a.get(i).amount() == null
                    || a.get(i).amount().compareTo(b.get(i).amount()) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static final class Problems {
        private final List<FieldProblem> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldProblem(field, message));
        }
    }
}
