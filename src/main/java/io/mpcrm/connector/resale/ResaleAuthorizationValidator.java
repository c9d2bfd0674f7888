package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_ACCOUNTS;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_TYPE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CURRENCY_CODE;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.DESCRIPTION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.MAX_AGREEMENT_START;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.PRODUCT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL_CHANNEL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RENEWAL_PRICING;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.RESELLER;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.USAGE;
import static io.mpcrm.connector.resale.ResaleAuthorizationPricingRules.pricing;
import static io.mpcrm.connector.resale.ResaleAuthorizationPricingRules.schedule;

import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.offer.OfferValidator;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.Today;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything an ISV must fix before a resale authorization can be sent to AWS, each problem on the Salesforce field
 * where it is fixed, all at once. The rules are those of the Catalog API's resale authorization change types; the
 * pricing and installment rules are in {@link ResaleAuthorizationPricingRules}.
 */
public final class ResaleAuthorizationValidator {

    static final int MAX_BUYERS = 25;
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 255;
    static final int MAX_INSTALLMENTS = 60;
    /** How far ahead a future dated agreement may start. */
    static final int MAX_START_YEARS = 3;
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "AUD", "JPY");
    static final Set<String> PRODUCT_TYPES = Set.of(OfferProduct.SAAS, OfferProduct.AMI, OfferProduct.CONTAINER);
    static final Set<String> EULAS = Set.of("StandardEula", "EnterpriseEula", ResaleAuthorization.CUSTOM_EULA);
    static final Set<String> CONTRACTS = Set.of("StandardResellerContract", ResaleAuthorization.CUSTOM_CONTRACT);
    static final Set<String> CHANNELS = Set.of("AwsMarketplace", "External");
    static final Set<String> RENEWAL_MODELS = Set.of("Contract", "Usage", "Byol", "Free");

    private static final Pattern ACCOUNT = Pattern.compile(SellerAccount.ACCOUNT_ID);
    /*
     * AWS's resale authorization page
     * (https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-resale-authorizations.html):
     * CreateResaleAuthorization's Name "No special characters allowed" (its own example is "Test ResaleAuthorization":
     * a space is not a special character), UpdateInformation's Name "Pattern ^[A-Za-z0-9]*$ No special character or
     * white space allowed", and the Description of both "No special characters allowed", "^[A-Za-z0-9\s]*$".
     */
    private static final Pattern CREATE_NAME = Pattern.compile("[A-Za-z0-9 ]*[A-Za-z0-9][A-Za-z0-9 ]*");
    private static final Pattern DRAFT_NAME = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern DESCRIPTION_ALLOWED = Pattern.compile("[A-Za-z0-9\\s]+");

    /** The checks for creating and activating the authorization in one change set. */
    public List<FieldProblem> problems(ResaleAuthorization ra, OfferProduct product, String sellerAccountId,
                                       LocalDate today, boolean documentBucketConfigured) {
        return problems(ra, product, sellerAccountId, today, documentBucketConfigured, true);
    }

    /**
     * The checks before {@code release} (Create Resale Authorization) or not (Save as Draft): an authorization kept as
     * a draft in AWS, or one already there, gets its name from UpdateInformation, which takes letters and digits only.
     */
    public List<FieldProblem> problems(ResaleAuthorization ra, OfferProduct product, String sellerAccountId,
                                       LocalDate today, boolean documentBucketConfigured, boolean release) {
        List<FieldProblem> problems = new ArrayList<>();
        information(ra, !release || ra.authorizationId() != null, problems);
        boolean productKnown = product(ra, product, problems);
        reseller(ra, sellerAccountId, problems);
        buyers(ra, problems);
        availability(ra, today, problems);
        futureDated(ra, productKnown ? product : null, today, problems);
        currency(ra, problems);
        pricing(ra, productKnown ? product : null, problems);
        schedule(ra, today, problems);
        legal(ra, documentBucketConfigured, problems);
        renewal(ra, problems);
        return problems;
    }

    private static void information(ResaleAuthorization ra, boolean namedOnDraft, List<FieldProblem> problems) {
        String name = ra.name();
        if (blank(name)) {
            problems.add(new FieldProblem("Name", "Enter a name for the resale authorization; the reseller sees it."));
        } else {
            if (name.length() > MAX_NAME) {
                problems.add(new FieldProblem("Name", "Shorten the name to " + MAX_NAME + " characters (it has "
                        + name.length() + ")."));
            }
            if (namedOnDraft && !DRAFT_NAME.matcher(name).matches()) {
                String squeezed = name.replaceAll("[^A-Za-z0-9]", "");
                problems.add(new FieldProblem("Name", "A resale authorization kept as a draft in AWS gets its name"
                        + " again when it is activated, and AWS then takes letters and digits only (no spaces or"
                        + " punctuation): write the name with letters and digits only"
                        + (squeezed.isEmpty() ? "" : ", like " + squeezed) + (ra.authorizationId() == null
                        ? ", or press Create Resale Authorization instead of Save as Draft: it names the authorization"
                        + " once, and allows spaces." : ".")));
            } else if (!namedOnDraft && !CREATE_NAME.matcher(name).matches()) {
                problems.add(new FieldProblem("Name", "Use only letters, digits and spaces in the name: AWS refuses"
                        + " other characters (such as . - _ & or accents) in a resale authorization's name."));
            }
        }
        String description = ra.description();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem(DESCRIPTION.name(), "Shorten the description to " + MAX_DESCRIPTION
                    + " characters (it has " + description.length() + ")."));
        }
        if (description != null && !description.isEmpty() && !DESCRIPTION_ALLOWED.matcher(description).matches()) {
            problems.add(new FieldProblem(DESCRIPTION.name(), "Use only letters, digits and spaces in the description:"
                    + " AWS refuses punctuation (such as . , - ' or accents) in a resale authorization's"
                    + " description."));
        }
    }

    private static boolean product(ResaleAuthorization ra, OfferProduct product, List<FieldProblem> problems) {
        if (blank(ra.productId()) || product == null) {
            problems.add(new FieldProblem(PRODUCT.name(), "Choose the product the reseller may sell (refresh products"
                    + " if it is missing)."));
            return false;
        }
        if (!PRODUCT_TYPES.contains(product.productType())) {
            problems.add(new FieldProblem(PRODUCT.name(), "The connector authorizes resale of SaaS, AMI and Container"
                    + " products, not " + product.productType() + "; refresh products if the type is wrong."));
            return false;
        }
        if (product.unavailable()) {
            problems.add(new FieldProblem(PRODUCT.name(), OfferValidator.unavailable(product)));
            return false;
        }
        return true;
    }

    private static void reseller(ResaleAuthorization ra, String sellerAccountId, List<FieldProblem> problems) {
        String reseller = ra.resellerAccountId();
        if (blank(reseller)) {
            problems.add(new FieldProblem(RESELLER.name(), "Enter the AWS account ID (12 digits) of the"
                    + " channel partner who may resell the product."));
        } else if (!ACCOUNT.matcher(reseller).matches()) {
            problems.add(new FieldProblem(RESELLER.name(), "Reseller account " + reseller + " is not an"
                    + " AWS account ID: use exactly 12 digits, no dashes or spaces."));
        } else if (reseller.equals(sellerAccountId)) {
            problems.add(new FieldProblem(RESELLER.name(), "The reseller must be another AWS account than"
                    + " your own seller account " + sellerAccountId + "."));
        }
    }

    private static void buyers(ResaleAuthorization ra, List<FieldProblem> problems) {
        List<String> accounts = ra.buyerAccounts();
        if (accounts.size() > MAX_BUYERS) {
            problems.add(new FieldProblem(BUYER_ACCOUNTS.name(), "A resale authorization can name at most "
                    + MAX_BUYERS + " buyer accounts; " + accounts.size() + " are listed. Leave the field empty to let"
                    + " the reseller sell to any buyer, or split the buyers over several authorizations."));
        }
        Set<String> seen = new HashSet<>();
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account).matches()) {
                problems.add(new FieldProblem(BUYER_ACCOUNTS.name(), "Buyer account " + account + " is not an AWS"
                        + " account ID: use exactly 12 digits, no dashes or spaces."));
            } else if (!seen.add(account)) {
                problems.add(new FieldProblem(BUYER_ACCOUNTS.name(), "Buyer account " + account + " is listed twice;"
                        + " list it once."));
            }
        }
    }

    private static void availability(ResaleAuthorization ra, LocalDate today, List<FieldProblem> problems) {
        if (blank(ra.usage())) {
            problems.add(new FieldProblem(USAGE.name(), "Choose One-time (the reseller makes one offer from it) or"
                    + " Multi-use."));
        } else if (!ResaleAuthorization.ONE_TIME.equals(ra.usage())
                && !ResaleAuthorization.MULTI_USE.equals(ra.usage())) {
            problems.add(new FieldProblem(USAGE.name(), "Usage " + ra.usage() + " is not One-time or Multi-use."));
        }
        if (ra.expirationDate() != null && !ra.expirationDate().isAfter(today)) {
            problems.add(new FieldProblem(EXPIRATION.name(), "The expiration date " + ra.expirationDate()
                    + " is not in the future (" + Today.named(today) + "); choose a later date, or leave it empty for"
                    + " no expiry."));
        }
    }

    private static void futureDated(ResaleAuthorization ra, OfferProduct product, LocalDate today,
                                    List<FieldProblem> problems) {
        LocalDate ceiling = ra.maximumAgreementStart();
        if (ceiling == null) {
            return;
        }
        if (product != null && !product.isSaaS()) {
            problems.add(new FieldProblem(MAX_AGREEMENT_START.name(), "Future dated agreements are for SaaS"
                    + " products only; clear this date."));
        }
        if (!ceiling.isAfter(today)) {
            problems.add(new FieldProblem(MAX_AGREEMENT_START.name(), "The latest agreement start "
                    + ceiling + " is not in the future (" + Today.named(today) + "); choose a later date or clear"
                    + " it."));
        } else if (ceiling.isAfter(today.plusYears(MAX_START_YEARS))) {
            problems.add(new FieldProblem(MAX_AGREEMENT_START.name(), "A future dated agreement may start"
                    + " at most " + MAX_START_YEARS + " years ahead (by " + today.plusYears(MAX_START_YEARS)
                    + "); choose an earlier date."));
        }
    }

    private static void currency(ResaleAuthorization ra, List<FieldProblem> problems) {
        String currency = ResaleAuthorizationChangeSetBuilder.currency(ra);
        if (!CURRENCIES.contains(currency)) {
            problems.add(new FieldProblem(CURRENCY_CODE.name(),
                    "Wholesale rates can be in USD, EUR, GBP, AUD or JPY, not "
                    + currency + "."));
        } else if (!ra.usageRates().isEmpty() && !"USD".equals(currency)) {
            problems.add(new FieldProblem(CURRENCY_CODE.name(), "Usage rates are in USD only, and all rates share one"
                    + " currency: choose USD or remove the Usage rates."));
        }
    }

    private static void legal(ResaleAuthorization ra, boolean bucket, List<FieldProblem> problems) {
        String eula = ra.buyerEulaType();
        if (blank(eula)) {
            problems.add(new FieldProblem(BUYER_EULA_TYPE.name(), "Choose the buyer's EULA: StandardEula,"
                    + " EnterpriseEula or CustomEula; AWS needs one to activate the authorization."));
        } else if (!EULAS.contains(eula)) {
            problems.add(new FieldProblem(BUYER_EULA_TYPE.name(), "Buyer EULA " + eula + " is not one of"
                    + " StandardEula, EnterpriseEula, CustomEula."));
        } else if (ResaleAuthorization.CUSTOM_EULA.equals(eula)) {
            document(ra.buyerEulaAttached(), bucket, BUYER_EULA_DOCUMENT.name(), "the custom buyer EULA",
                    problems);
        }
        String contract = ra.resellerContractType();
        if (contract != null && !CONTRACTS.contains(contract)) {
            problems.add(new FieldProblem(CONTRACT_TYPE.name(), "Reseller contract " + contract + " is not"
                    + " one of StandardResellerContract, CustomResellerContract."));
        } else if (ResaleAuthorization.CUSTOM_CONTRACT.equals(contract)) {
            document(ra.resellerContractAttached(), bucket, CONTRACT_DOCUMENT.name(),
                    "the custom reseller contract", problems);
        }
    }

    private static void document(boolean attached, boolean bucket, String field, String what,
                                 List<FieldProblem> problems) {
        if (!attached) {
            problems.add(new FieldProblem(field, "Attach " + what + " (PDF, DOCX or TXT) to the resale"
                    + " authorization and put the file's id here."));
        } else if (!bucket) {
            problems.add(new FieldProblem(field, "No S3 bucket is configured for the legal documents of this seller"
                    + " account: ask your administrator to configure one, or choose the standard document."));
        }
    }

    private static void renewal(ResaleAuthorization ra, List<FieldProblem> problems) {
        if (!ra.renewal()) {
            return;
        }
        if (ra.buyerAccounts().isEmpty()) {
            problems.add(new FieldProblem(BUYER_ACCOUNTS.name(), "A renewal of an existing agreement names the buyer:"
                    + " enter the buyer's AWS account ID, or untick Renewal."));
        }
        if (!CHANNELS.contains(String.valueOf(ra.renewalAcquisitionChannel()))) {
            problems.add(new FieldProblem(RENEWAL_CHANNEL.name(), "A renewal needs where the buyer's"
                    + " current agreement was bought: AwsMarketplace or External."));
        }
        if (!RENEWAL_MODELS.contains(String.valueOf(ra.renewalPricingModel()))) {
            problems.add(new FieldProblem(RENEWAL_PRICING.name(), "A renewal needs the pricing model of the"
                    + " buyer's current agreement: Contract, Usage, Byol or Free."));
        }
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
