package io.mpcrm.connector.resale;

import static io.mpcrm.connector.resale.Authorizations.AMI;
import static io.mpcrm.connector.resale.Authorizations.SAAS;
import static io.mpcrm.connector.resale.Authorizations.SELLER;
import static io.mpcrm.connector.resale.Authorizations.TODAY;
import static io.mpcrm.connector.resale.Authorizations.charge;
import static io.mpcrm.connector.resale.Authorizations.upfront;
import static io.mpcrm.connector.resale.Authorizations.usage;
import static io.mpcrm.connector.resale.Authorizations.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mpcrm.connector.offer.OfferProduct;
import io.mpcrm.connector.request.FieldProblem;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an ISV is told to fix on a resale authorization before anything is sent to AWS. */
class ResaleAuthorizationValidatorTest {

    private final ResaleAuthorizationValidator validator = new ResaleAuthorizationValidator();

    static Stream<Arguments> validAuthorizations() {
        return Stream.of(
                arguments("multi-use contract with expiry", Authorizations.contract()),
                arguments("multi-use contract without expiry", with(d -> d.expiration = null)),
                arguments("one-time contract with expiry", with(d -> d.usage = ResaleAuthorization.ONE_TIME)),
                arguments("usage pricing for named buyers", with(d -> {
                    d.pricingModel = ResaleAuthorization.USAGE_PRICING;
                    d.rates = List.of(usage("ApiCalls", "0.00012345"));
                    d.buyers = List.of("444455556666", "777788889999");
                })),
                arguments("contract with a payment schedule", with(Authorizations::paymentSchedule)),
                arguments("future dated SaaS with a custom EULA and contract", with(d -> {
                    d.maximumAgreementStart = TODAY.plusYears(1);
                    d.buyerEula = ResaleAuthorization.CUSTOM_EULA;
                    d.eulaAttached = true;
                    d.contract = ResaleAuthorization.CUSTOM_CONTRACT;
                    d.contractAttached = true;
                })),
                arguments("renewal of a buyer's agreement", with(d -> {
                    d.renewal = true;
                    d.buyers = List.of("444455556666");
                    d.renewalChannel = "External";
                    d.renewalPricing = "Contract";
                })),
                arguments("zero dollar with the flag", with(d -> {
                    d.zeroDollar = true;
                    d.rates = List.of(upfront("Users", "0"));
                })));
    }

    @org.junit.jupiter.api.Test
    void aNameWithSpacesIsNamedOnceByCreateButNotKeptAsADraftWhoseNameIsSetAgainOnActivation() {
        ResaleAuthorization spaced = Authorizations.contract();
        ResaleAuthorization squeezed = with(d -> d.name = "AcmeResale2026");

        assertThat(validator.problems(spaced, SAAS, SELLER, TODAY, true, true)).isEmpty();
        assertThat(validator.problems(squeezed, SAAS, SELLER, TODAY, true, false)).isEmpty();
        assertThat(validator.problems(spaced, SAAS, SELLER, TODAY, true, false)).containsExactly(new FieldProblem("Name",
                "A resale authorization kept as a draft in AWS gets its name again when it is activated, and AWS then"
                        + " takes letters and digits only (no spaces or punctuation): write the name with letters and"
                        + " digits only, like Acmeresale2026, or press Create Resale Authorization instead of Save as"
                        + " Draft: it names the authorization once, and allows spaces."));
    }

    @ParameterizedTest(name = "a valid {0} has nothing to fix")
    @MethodSource("validAuthorizations")
    void aValidAuthorizationOfEveryKindHasNothingToFix(String kind, ResaleAuthorization ra) {
        assertThat(validator.problems(ra, SAAS, SELLER, TODAY, true)).isEmpty();
    }

    static Stream<Arguments> brokenAuthorizations() {
        return Stream.of(
                broken("no name", with(d -> d.name = " "), "Name", "Enter a name"),
                broken("a 101-character name", with(d -> d.name = "x".repeat(101)), "Name", "100 characters"),
                broken("special characters in the name", with(d -> d.name = "Acme & Co!"), "Name",
                        "only letters, digits"),
                broken("a dot in the name", with(d -> d.name = "Acme resale 2.0"), "Name",
                        "Use only letters, digits and spaces in the name: AWS refuses other characters"),
                broken("punctuation in the description", with(d -> d.description = "Wholesale terms, yearly."),
                        "Description__c", "Use only letters, digits and spaces in the description"),
                broken("a name with spaces on a draft AWS already holds", with(d -> d.authorizationId
                        = "resaleauthz-abc1234567890"), "Name", "AWS then takes letters and digits only (no spaces or"
                        + " punctuation): write the name with letters and digits only, like Acmeresale2026."),
                broken("a 256-character description", with(d -> d.description = "d".repeat(256)), "Description__c",
                        "255 characters"),
                broken("no product", with(d -> d.productId = null), "Product__c", "Choose the product"),
                broken("no reseller", with(d -> d.reseller = null), "Reseller_Account_Id__c", "Enter the AWS account"),
                broken("an 11-digit reseller", with(d -> d.reseller = "12345678901"), "Reseller_Account_Id__c",
                        "exactly 12 digits"),
                broken("the ISV itself as reseller", with(d -> d.reseller = SELLER), "Reseller_Account_Id__c",
                        "another AWS account"),
                broken("26 buyer accounts", with(d -> d.buyers = IntStream.range(0, 26)
                        .mapToObj(i -> String.format("%012d", 100000000000L + i)).toList()), "Buyer_Accounts__c",
                        "at most 25"),
                broken("a buyer account with dashes", with(d -> d.buyers = List.of("1111-2222-3333")),
                        "Buyer_Accounts__c", "12 digits"),
                broken("the same buyer twice", with(d -> d.buyers = List.of("444455556666", "444455556666")),
                        "Buyer_Accounts__c", "listed twice"),
                broken("no usage", with(d -> d.usage = null), "Usage__c", "One-time"),
                broken("an expiry in the past", with(d -> d.expiration = TODAY.minusDays(1)), "Expiration_Date__c",
                        "not in the future"),
                broken("BYOL pricing", with(d -> d.pricingModel = "Byol"), "Pricing_Model__c", "Contract or Usage"),
                broken("contract pricing without upfront rates", with(d -> d.rates = List.of()), "Pricing_Model__c",
                        "at least one Upfront"),
                broken("contract without a duration", with(d -> d.serviceLength = null), "Service_Length__c",
                        "contract duration"),
                broken("a duration AWS cannot read", with(d -> d.serviceLength = "12 months"), "Service_Length__c",
                        "P<n>M"),
                broken("usage pricing leaving a metered dimension unpriced", with(d -> {
                    d.pricingModel = ResaleAuthorization.USAGE_PRICING;
                    d.rates = List.of();
                }), "Pricing_Model__c", "Usage wholesale rates"),
                broken("a rate on a dimension the product lacks", with(d -> d.rates = List.of(upfront("Seats", "9"))),
                        "MP_Resale_Dimension__c Seats.Dimension_Key__c", "no dimension Seats"),
                broken("an upfront rate on a metered dimension", with(d -> d.rates = List.of(upfront("Users", "1"),
                        upfront("ApiCalls", "1"))), "MP_Resale_Dimension__c ApiCalls.Rate_Kind__c", "is metered"),
                broken("a zero rate without the flag", with(d -> d.rates = List.of(upfront("Users", "0"))),
                        "MP_Resale_Dimension__c Users.Rate__c", "tick Zero Dollar Pricing"),
                broken("a negative rate", with(d -> d.rates = List.of(upfront("Users", "-5"))),
                        "MP_Resale_Dimension__c Users.Rate__c", "negative"),
                broken("seven decimals on an upfront rate", with(d -> d.rates = List.of(upfront("Users", "1.1234567"))),
                        "MP_Resale_Dimension__c Users.Rate__c", "at most 6 decimals"),
                broken("usage rates in euros", with(d -> {
                    d.currency = "EUR";
                    d.rates = List.of(upfront("Users", "1"), usage("ApiCalls", "0.1"));
                }), "Currency__c", "USD only"),
                broken("a payment schedule on a multi-use authorization", with(d -> {
                    Authorizations.paymentSchedule(d);
                    d.usage = ResaleAuthorization.MULTI_USE;
                }), "Usage__c", "One-time"),
                broken("a payment schedule without expiry", with(d -> {
                    Authorizations.paymentSchedule(d);
                    d.expiration = null;
                }), "Expiration_Date__c", "needs an expiration date"),
                broken("a payment schedule with a past installment", with(d -> {
                    Authorizations.paymentSchedule(d);
                    d.schedule = List.of(charge(TODAY.minusDays(3), "100"));
                }), "MP_Resale_Installment__c " + TODAY.minusDays(3), "in the past"),
                broken("installments without quantities", with(d -> {
                    Authorizations.paymentSchedule(d);
                    d.rates = List.of(upfront("Users", "10"));
                }), "MP_Resale_Dimension__c Users.Quantity__c", "how many units"),
                broken("installments left over", with(d -> d.schedule = List.of(charge(TODAY.plusDays(5), "10"))),
                        "Installments_Enabled__c", "not ticked"),
                broken("a future start ceiling beyond three years", with(d -> d.maximumAgreementStart =
                        TODAY.plusYears(4)), "Maximum_Agreement_Start_Date__c", "at most 3 years"),
                broken("no buyer EULA", with(d -> d.buyerEula = null), "Buyer_EULA_Type__c", "Choose the buyer's EULA"),
                broken("a custom EULA with no file", with(d -> d.buyerEula = ResaleAuthorization.CUSTOM_EULA),
                        "Buyer_EULA_Document_Id__c", "Attach the custom buyer EULA"),
                broken("a custom reseller contract with no file",
                        with(d -> d.contract = ResaleAuthorization.CUSTOM_CONTRACT),
                        "Reseller_Contract_Document_Id__c", "Attach the custom reseller contract"),
                broken("a renewal without buyers", with(d -> {
                    d.renewal = true;
                    d.renewalChannel = "AwsMarketplace";
                    d.renewalPricing = "Contract";
                }), "Buyer_Accounts__c", "renewal"),
                broken("a renewal without its channel", with(d -> {
                    d.renewal = true;
                    d.buyers = List.of("444455556666");
                    d.renewalPricing = "Contract";
                }), "Renewal_Acquisition_Channel__c", "AwsMarketplace or External"));
    }

    @ParameterizedTest(name = "{0} is refused on {2}")
    @MethodSource("brokenAuthorizations")
    void eachMistakeIsNamedOnTheFieldWhereItIsFixed(String mistake, ResaleAuthorization ra, String field,
                                                    String message) {
        List<FieldProblem> problems = validator.problems(ra, SAAS, SELLER, TODAY, true);

        assertThat(problems).as(mistake).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
    }

    @ParameterizedTest(name = "a future start ceiling on an AMI product is refused")
    @MethodSource("amiWithCeiling")
    void futureDatedAgreementsAreForSaasOnly(ResaleAuthorization ra, OfferProduct product) {
        assertThat(validator.problems(ra, product, SELLER, TODAY, true)).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("Maximum_Agreement_Start_Date__c");
            assertThat(p.message()).contains("SaaS products only");
        });
    }

    static Stream<Arguments> amiWithCeiling() {
        return Stream.of(arguments(with(d -> {
            d.productId = AMI.productId();
            d.pricingModel = ResaleAuthorization.USAGE_PRICING;
            d.rates = List.of(usage("m5.large", "0.1"));
            d.maximumAgreementStart = TODAY.plusMonths(6);
        }), AMI));
    }

    @ParameterizedTest(name = "a custom document without a configured bucket is refused")
    @MethodSource("customDocuments")
    void customDocumentsNeedABucket(ResaleAuthorization ra, String field) {
        assertThat(validator.problems(ra, SAAS, SELLER, TODAY, false)).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains("No S3 bucket");
        });
    }

    static Stream<Arguments> customDocuments() {
        return Stream.of(arguments(with(d -> {
            d.buyerEula = ResaleAuthorization.CUSTOM_EULA;
            d.eulaAttached = true;
        }), "Buyer_EULA_Document_Id__c"), arguments(with(d -> {
            d.contract = ResaleAuthorization.CUSTOM_CONTRACT;
            d.contractAttached = true;
        }), "Reseller_Contract_Document_Id__c"));
    }

    @org.junit.jupiter.api.Test
    void aProductRefreshProductsMarkedUnavailableIsRefusedBeforeAws() {
        OfferProduct gone = new OfferProduct(SAAS.productId(), SAAS.productType(), SAAS.dimensions(), SELLER,
                "Unavailable");

        assertThat(validator.problems(Authorizations.contract(), gone, SELLER, TODAY, true)).containsExactly(
                new FieldProblem("Product__c", "Product prod-saas123456789 is Unavailable: the last Refresh Products"
                        + " no longer found it in the seller account, so AWS would not take an offer on it. Choose"
                        + " another product, or press Refresh Products if it is back."));
    }

    @org.junit.jupiter.api.Test
    void datesThatHavePassedSayWhichDayTodayIsInUtc() {
        ResaleAuthorization late = with(d -> {
            Authorizations.paymentSchedule(d);
            d.expiration = TODAY;
            d.maximumAgreementStart = TODAY.minusDays(1);
            d.schedule = List.of(charge(TODAY.minusDays(3), "100"));
        });

        assertThat(validator.problems(late, SAAS, SELLER, TODAY, true)).extracting(FieldProblem::message).contains(
                "The expiration date 2026-03-02 is not in the future (today in UTC, 2026-03-02); choose a later date,"
                        + " or leave it empty for no expiry.",
                "The latest agreement start 2026-03-01 is not in the future (today in UTC, 2026-03-02); choose a"
                        + " later date or clear it.",
                "The installment of 2026-02-27 is in the past (today in UTC, 2026-03-02); move it to today or later.");
    }

    private static Arguments broken(String mistake, ResaleAuthorization ra, String field, String message) {
        return arguments(mistake, ra, field, message);
    }
}
