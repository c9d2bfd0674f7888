package io.mpcrm.connector.offer;

import static io.mpcrm.connector.offer.OfferValidator.ACCOUNT;
import static io.mpcrm.connector.offer.OfferValidator.BUYER_ACCOUNTS;
import static io.mpcrm.connector.offer.OfferValidator.CHANNELS;
import static io.mpcrm.connector.offer.OfferValidator.CURRENCIES;
import static io.mpcrm.connector.offer.OfferValidator.CURRENCY;
import static io.mpcrm.connector.offer.OfferValidator.DESCRIPTION;
import static io.mpcrm.connector.offer.OfferValidator.EULA_DOCUMENT;
import static io.mpcrm.connector.offer.OfferValidator.EULA_TYPE;
import static io.mpcrm.connector.offer.OfferValidator.EXPIRATION;
import static io.mpcrm.connector.offer.OfferValidator.MAX_BUYERS;
import static io.mpcrm.connector.offer.OfferValidator.MAX_DESCRIPTION;
import static io.mpcrm.connector.offer.OfferValidator.MAX_NAME;
import static io.mpcrm.connector.offer.OfferValidator.NAME;
import static io.mpcrm.connector.offer.OfferValidator.NAME_FORBIDDEN;
import static io.mpcrm.connector.offer.OfferValidator.PRICING_MODELS;
import static io.mpcrm.connector.offer.OfferValidator.PRODUCT;
import static io.mpcrm.connector.offer.OfferValidator.PRODUCT_TYPES;
import static io.mpcrm.connector.offer.OfferValidator.RENEWAL_CHANNEL;
import static io.mpcrm.connector.offer.OfferValidator.RENEWAL_PRICING;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_END;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_LENGTH;
import static io.mpcrm.connector.offer.OfferValidator.SERVICE_START;
import static io.mpcrm.connector.offer.OfferValidator.unavailable;

import io.mpcrm.connector.request.Today;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The field rules every kind of private offer shares: buyers, name and description, product, expiration,
 * currency, service term, EULA and renewal, each problem on the field the seller fixes.
 */
public final class OfferFieldRules {

    private OfferFieldRules() {
    }

    static void buyers(PrivateOffer offer, OfferProblems problems) {
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

    static void information(PrivateOffer offer, OfferProblems problems) {
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
    static java.util.Optional<String> invisibleCharacter(String name) {
        return name.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
                        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
                .mapToObj(c -> String.format(java.util.Locale.ROOT, "U+%04X", c)).findFirst();
    }

    static boolean product(PrivateOffer offer, OfferProduct product, OfferProblems problems) {
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

    /**
     * A seller account makes offers on its own products only: the Catalog API does not find another account's product
     * (StartChangeSet answers ResourceNotFoundException). A channel partner's product is the ISV's, by design.
     */
    static boolean ownProduct(PrivateOffer offer, OfferProduct product, String sellerAccountId,
            OfferProblems problems) {
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

    static void expiration(PrivateOffer offer, LocalDate today, OfferProblems problems) {
        if (offer.expirationDate() == null) {
            problems.add(EXPIRATION, "Enter the date the offer expires; a private offer needs one.");
        } else if (offer.expirationDate().isBefore(today)) {
            problems.add(EXPIRATION, "The expiration date " + offer.expirationDate() + " has passed ("
                    + Today.named(today) + "); choose today or a later date.");
        }
    }

    static void currency(PrivateOffer offer, OfferProblems problems) {
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

    static void serviceTerm(PrivateOffer offer, OfferProduct product, boolean productKnown,
            OfferProblems problems) {
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
    static boolean needsDuration(PrivateOffer offer) {
        return PrivateOffer.CONTRACT.equals(offer.pricingModel())
                || (!offer.upfrontDimensions().isEmpty() && !PrivateOffer.BYOL.equals(offer.pricingModel()));
    }

    public static void eula(PrivateOffer offer, boolean eulaBucketConfigured, OfferProblems problems) {
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

    static void renewal(PrivateOffer offer, OfferProblems problems) {
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

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
