package io.mpcrm.connector.offer;

import io.mpcrm.connector.agreementoffer.AgreementBasedOffers;

import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.terms.ScheduledCharge;
import static io.mpcrm.connector.offer.Offers.AMI;
import static io.mpcrm.connector.offer.Offers.CONTAINER;
import static io.mpcrm.connector.offer.Offers.DATA;
import static io.mpcrm.connector.offer.Offers.SAAS;
import static io.mpcrm.connector.offer.Offers.TODAY;
import static io.mpcrm.connector.offer.Offers.charge;
import static io.mpcrm.connector.offer.Offers.upfront;
import static io.mpcrm.connector.offer.Offers.usage;
import static io.mpcrm.connector.offer.Offers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mpcrm.connector.request.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OfferValidatorTest {

    private final OfferValidator validator = Offers.validator();

    @Test
    void anOfferTypeWithoutRulesStopsTheStartInsteadOfSkippingThem() {
        assertThatThrownBy(() -> new OfferValidator(List.of(new DirectOfferKind(),
                new io.mpcrm.connector.agreementoffer.AgreementBasedOfferKind())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No OfferKindRules for offers of type Channel Partner, Channel Partner Agreement Based:"
                        + " every offer type needs one bean.");
    }

    @Test
    void twoRulesForOneOfferTypeStopTheStart() {
        assertThatThrownBy(() -> new OfferValidator(List.of(new DirectOfferKind(), new DirectOfferKind())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Two OfferKindRules for offers of type Direct: ");
    }

    static Stream<Arguments> validOffers() {
        return Stream.of(
                arguments("SaaS contract", (Supplier<PrivateOffer>) Offers::saasContract),
                arguments("SaaS tiered contract", (Supplier<PrivateOffer>) Offers::tieredSaasContract),
                arguments("SaaS contract with consumption", (Supplier<PrivateOffer>) Offers::saasContractWithConsumption),
                arguments("SaaS usage", (Supplier<PrivateOffer>) Offers::saasUsage),
                arguments("AMI hourly", (Supplier<PrivateOffer>) Offers::amiHourly),
                arguments("AMI hourly and annual", (Supplier<PrivateOffer>) Offers::amiHourlyAndAnnual),
                arguments("AMI contract", (Supplier<PrivateOffer>) Offers::amiContract),
                arguments("Container contract", (Supplier<PrivateOffer>) Offers::containerContract),
                arguments("SaaS contract in installments", (Supplier<PrivateOffer>) Offers::saasContractWithInstallments),
                arguments("AMI annual in installments", (Supplier<PrivateOffer>) Offers::amiAnnualWithInstallments),
                arguments("future dated SaaS", (Supplier<PrivateOffer>) Offers::futureDatedSaas),
                arguments("zero dollar", (Supplier<PrivateOffer>) Offers::zeroDollar),
                arguments("renewal", (Supplier<PrivateOffer>) Offers::renewal),
                arguments("custom EULA", (Supplier<PrivateOffer>) Offers::customEula));
    }

    @ParameterizedTest(name = "a valid {0} offer has nothing to fix")
    @MethodSource("validOffers")
    void aValidOfferOfEveryVariantHasNothingToFix(String variant, Supplier<PrivateOffer> offer) {
        PrivateOffer valid = offer.get();

        assertThat(validator.problems(valid, Offers.productOf(valid), Offers.SELLER, TODAY, true)).isEmpty();
    }

    static Stream<Arguments> brokenOffers() {
        return Stream.of(
                broken("no buyer account", with(Offers.saasContract(), o -> o.buyerAccounts.clear()),
                        "Buyer_Accounts__c", "at least one buyer"),
                broken("27 buyer accounts", with(Offers.saasContract(), o -> o.buyerAccounts = IntStream
                        .range(0, 27).mapToObj(i -> String.format("%012d", 100000000000L + i)).toList()),
                        "Buyer_Accounts__c", "at most 26"),
                broken("a buyer account with dashes", with(Offers.saasContract(),
                        o -> o.buyerAccounts.add("1111-2222-3333")), "Buyer_Accounts__c", "exactly 12 digits"),
                broken("an 11-digit buyer account", with(Offers.saasContract(),
                        o -> o.buyerAccounts.add("12345678901")), "Buyer_Accounts__c", "1234567890"),
                broken("the same buyer twice", with(Offers.saasContract(), o -> o.buyerAccounts.add("111111111111")),
                        "Buyer_Accounts__c", "listed twice"),
                broken("no offer name", with(Offers.saasContract(), o -> o.name = " "),
                        "Offer_Name__c", "Enter an offer name"),
                broken("a 151-character name", with(Offers.saasContract(), o -> o.name = "x".repeat(151)),
                        "Offer_Name__c", "150 characters"),
                broken("angle brackets in the name", with(Offers.saasContract(), o -> o.name = "Acme <Gold>"),
                        "Offer_Name__c", "Remove \\, < and >"),
                broken("a pasted line break in the name", with(Offers.saasContract(), o -> o.name = "Acme\nGold"),
                        "Offer_Name__c", "invisible character U+000A"),
                broken("a right-to-left override in the name", with(Offers.saasContract(),
                        o -> o.name = "Acme \u202Efdp.exe"), "Offer_Name__c", "invisible character U+202E"),
                broken("no description", with(Offers.saasContract(), o -> o.description = null),
                        "Description__c", "Enter a description"),
                broken("a 256-character description", with(Offers.saasContract(),
                        o -> o.description = "d".repeat(256)), "Description__c", "255 characters"),
                broken("no product", with(Offers.saasContract(), o -> o.productId = null),
                        "Product__c", "Choose the product"),
                broken("a data product", with(Offers.saasContract(), o -> o.productId = DATA.productId()),
                        "Product__c", "Data products"),
                broken("a product of another seller account", with(Offers.saasContract(),
                        o -> o.productId = Offers.OTHER_ACCOUNTS_SAAS.productId()), "Product__c",
                        "Product prod-otheraccount01 was synced for seller account 999988887777, not for this offer's"
                                + " seller account 111122223333"),
                broken("no expiration date", with(Offers.saasContract(), o -> o.expirationDate = null),
                        "Expiration_Date__c", "Enter the date the offer expires"),
                broken("an expiration date in the past", with(Offers.saasContract(),
                        o -> o.expirationDate = TODAY.minusDays(1)), "Expiration_Date__c", "has passed"),
                broken("no pricing model", with(Offers.saasContract(), o -> o.pricingModel = null),
                        "Pricing_Model__c", "Choose a pricing model"),
                broken("a contract without upfront rates", with(Offers.saasContract(),
                        o -> o.dimensions = List.of(usage("ApiCalls", "0.01"))),
                        "Pricing_Model__c", "needs at least one Upfront rate"),
                broken("usage pricing without usage rates", with(Offers.saasContract(), o -> o.pricingModel = "Usage"),
                        "Pricing_Model__c", "needs Usage rates"),
                broken("an AMI hourly offer leaving an instance type unpriced", with(Offers.amiHourly(),
                        o -> o.dimensions.remove(1)), "Dimension m5.xlarge", "price every metered dimension"),
                broken("upfront rates on SaaS usage pricing", with(Offers.saasUsage(),
                        o -> o.dimensions.add(upfront("Users", "10"))), "Pricing_Model__c", "only for AMI annual"),
                broken("AMI annual bought for 12 months", with(Offers.amiHourlyAndAnnual(),
                        o -> o.serviceLength = "P12M"), "Service_Length__c", "P365D"),
                broken("usage rates on an AMI contract", with(Offers.amiContract(), o -> {
                    o.productId = AMI.productId();
                    o.dimensions = List.of(usage("m5.large", "0.1"), usage("m5.xlarge", "0.2"));
                }), "Pricing_Model__c", "needs at least one Upfront rate"),
                broken("a dimension the product does not have", with(Offers.saasContract(),
                        o -> o.dimensions.add(upfront("Gold", "5"))),
                        "MP_Offer_Dimension__c Gold.Dimension_Key__c", "Users, Admins, ApiCalls"),
                broken("an upfront rate on a metered dimension", with(Offers.saasContract(),
                        o -> o.dimensions.add(upfront("ApiCalls", "5"))),
                        "MP_Offer_Dimension__c ApiCalls.Rate_Kind__c", "is metered, not Entitled"),
                broken("a usage rate on an entitled dimension", with(Offers.saasContractWithConsumption(),
                        o -> o.dimensions.add(usage("Users", "0.5"))),
                        "MP_Offer_Dimension__c Users.Rate_Kind__c", "is Entitled, not metered"),
                broken("the same dimension priced twice", with(Offers.saasContract(),
                        o -> o.dimensions.add(upfront("Users", "130"))),
                        "MP_Offer_Dimension__c Users.Dimension_Key__c", "two Upfront rates"),
                broken("a negative rate", with(Offers.saasContract(), o -> o.dimensions.set(0, upfront("Users", "-1"))),
                        "MP_Offer_Dimension__c Users.Rate__c", "negative"),
                broken("a missing rate", with(Offers.saasContract(),
                        o -> o.dimensions.set(0, new OfferDimension("Users", null, "Upfront", null))),
                        "MP_Offer_Dimension__c Users.Rate__c", "Enter a rate"),
                broken("an upfront rate with 4 decimals", with(Offers.saasContract(),
                        o -> o.dimensions.set(0, upfront("Users", "120.0001"))),
                        "MP_Offer_Dimension__c Users.Rate__c", "at most 3 decimals"),
                broken("a usage rate with 9 decimals", with(Offers.saasUsage(),
                        o -> o.dimensions.set(0, usage("ApiCalls", "0.000000001"))),
                        "MP_Offer_Dimension__c ApiCalls.Rate__c", "at most 8 decimals"),
                broken("a zero rate without zero dollar pricing", with(Offers.saasContract(),
                        o -> o.dimensions.set(0, upfront("Users", "0"))),
                        "MP_Offer_Dimension__c Users.Rate__c", "tick Zero Dollar Pricing"),
                broken("free pricing with a price", with(Offers.zeroDollar(),
                        o -> o.dimensions.set(0, upfront("Users", "1"))), "Pricing_Model__c", "every rate to be 0"),
                broken("free pricing without zero dollar pricing", with(Offers.zeroDollar(), o -> o.zeroDollar = false),
                        "Zero_Dollar_Pricing__c", "Free pricing needs Zero Dollar Pricing"),
                broken("an unknown pricing model", with(Offers.saasContract(), o -> o.pricingModel = "Subscription"),
                        "Pricing_Model__c", "not one of Contract, Usage, Byol, Free"),
                broken("bring your own license on SaaS", with(Offers.saasContract(), o -> o.pricingModel = "Byol"),
                        "Pricing_Model__c", "not available for SaaS"),
                broken("no currency", with(Offers.saasContract(), o -> o.currency = null),
                        "Currency__c", "Choose a currency"),
                broken("Canadian dollars", with(Offers.saasContract(), o -> o.currency = "CAD"),
                        "Currency__c", "not CAD"),
                broken("usage rates in euros", with(Offers.saasContractWithConsumption(), o -> o.currency = "EUR"),
                        "Currency__c", "USD only"),
                broken("a contract without a service length", with(Offers.saasContract(), o -> o.serviceLength = null),
                        "Service_Length__c", "Enter how long"),
                broken("a service length of 12 months in words", with(Offers.saasContract(),
                        o -> o.serviceLength = "12 months"), "Service_Length__c", "P<n>M"),
                broken("a service length in weeks", with(Offers.saasContract(), o -> o.serviceLength = "P2W"),
                        "Service_Length__c", "P<n>D"),
                broken("a service length of zero months", with(Offers.saasContract(), o -> o.serviceLength = "P0M"),
                        "Service_Length__c", "Service length P0M is 0 months: an agreement runs for at least 1"),
                broken("a service length with a leading zero", with(Offers.saasContract(),
                        o -> o.serviceLength = "P012M"), "Service_Length__c", "write it as P12M"),
                broken("future dates and a service length", with(Offers.futureDatedSaas(), o -> o.serviceLength = "P12M"),
                        "Service_Length__c", "leave Service Length empty"),
                broken("future dates on an AMI", with(Offers.amiContract(), o -> {
                    o.serviceLength = null;
                    o.serviceStart = LocalDate.parse("2026-06-01");
                    o.serviceEnd = LocalDate.parse("2027-05-31");
                }), "Service_Start_Date__c", "SaaS products only"),
                broken("a future start before the offer expires", with(Offers.futureDatedSaas(),
                        o -> o.serviceStart = Offers.EXPIRES), "Expiration_Date__c",
                        "is not before the agreement's future start date " + Offers.EXPIRES),
                broken("a future end before the start", with(Offers.futureDatedSaas(),
                        o -> o.serviceEnd = LocalDate.parse("2026-05-01")), "Service_End_Date__c", "must be after the start"),
                broken("a future start without an end", with(Offers.futureDatedSaas(), o -> o.serviceEnd = null),
                        "Service_End_Date__c", "Enter the service end date"),
                broken("future dates on usage pricing", with(Offers.saasUsage(), o -> {
                    o.serviceLength = null;
                    o.serviceStart = LocalDate.parse("2026-06-01");
                    o.serviceEnd = LocalDate.parse("2027-05-31");
                }), "Service_Start_Date__c", "need Contract pricing"),
                broken("installments not enabled", with(Offers.saasContractWithInstallments(),
                        o -> o.installmentsEnabled = false), "Installments_Enabled__c", "is not ticked"),
                broken("installments enabled without a schedule", with(Offers.saasContract(),
                        o -> o.installmentsEnabled = true), "Installments_Enabled__c", "there are none"),
                broken("installments on a container contract", with(Offers.containerContract(), o -> {
                    o.installmentsEnabled = true;
                    o.dimensions = List.of(new OfferDimension("Nodes", null, "Upfront", 3));
                    o.schedule = List.of(charge("2026-04-01", "100"));
                }), "Installments_Enabled__c", "not available for Container"),
                broken("installments on SaaS usage", with(Offers.saasUsage(), o -> {
                    o.installmentsEnabled = true;
                    o.schedule = List.of(charge("2026-04-01", "100"));
                }), "Installments_Enabled__c", "SaaS contracts and AMI annual"),
                broken("61 installments", with(Offers.saasContractWithInstallments(), o -> {
                    o.serviceLength = "P10Y";
                    o.schedule = IntStream.range(0, 61).mapToObj(i -> new ScheduledCharge(
                            Offers.EXPIRES.plusMonths(i), BigDecimal.TEN)).toList();
                }), "Installments_Enabled__c", "at most 60"),
                broken("two installments on one day", with(Offers.saasContractWithInstallments(),
                        o -> o.schedule.add(charge("2026-06-10", "5"))), "MP_Payment_Installment__c 2026-06-10",
                        "Two installments"),
                broken("an installment in the past", with(Offers.saasContractWithInstallments(),
                        o -> o.schedule.set(0, charge("2026-03-01", "3000"))), "MP_Payment_Installment__c 2026-03-01",
                        "in the past"),
                broken("two installments before the offer expires", with(Offers.saasContractWithInstallments(),
                        o -> o.schedule.add(charge("2026-03-31", "5"))), "Expiration_Date__c",
                        "AWS charges at most one installment on or before the day the offer expires"),
                broken("an installment after the agreement ends", with(Offers.saasContractWithInstallments(),
                        o -> o.schedule.add(charge("2027-03-31", "5"))), "MP_Payment_Installment__c 2027-03-31",
                        "before the agreement ends"),
                broken("an installment of nothing", with(Offers.saasContractWithInstallments(),
                        o -> o.schedule.set(1, charge("2026-06-10", "0"))), "MP_Payment_Installment__c 2026-06-10",
                        "above 0"),
                broken("an installment in tenths of a cent", with(Offers.saasContractWithInstallments(),
                        o -> o.schedule.set(1, charge("2026-06-10", "3000.005"))), "MP_Payment_Installment__c 2026-06-10",
                        "at most 2 decimals"),
                broken("installments that disagree with the rates", tenUsersAt1200PaidIn(
                        charge("2026-04-01", "5500.00"), charge("2026-10-01", "5500.00")),
                        "MP_Payment_Installment__c", "The installments total 11,000.00 USD but the rates come to"
                                + " 12,000.00 USD"),
                broken("a rate on one upfront dimension only", with(tenUsersAt1200PaidIn(
                        charge("2026-04-01", "12000")), o -> o.dimensions.add(new OfferDimension("Admins", null,
                        "Upfront", 2))), "MP_Offer_Dimension__c Admins.Rate__c", "Users has a rate but Admins has"
                        + " none"),
                broken("installments without a quantity", with(Offers.saasContractWithInstallments(),
                        o -> o.dimensions = List.of(new OfferDimension("Users", null, "Upfront", null))),
                        "MP_Offer_Dimension__c Users.Quantity__c", "how many units"),
                broken("tiers on usage pricing", with(Offers.saasUsage(), o -> o.tiered = true),
                        "Tiered_Pricing__c", "untick Tiered Pricing"),
                broken("a custom EULA without the file", with(Offers.customEula(), o -> o.customEulaAttached = false),
                        "EULA_Document_Id__c", "Attach the custom EULA"),
                broken("no EULA chosen", with(Offers.saasContract(), o -> o.eulaType = null),
                        "EULA_Type__c", "Choose the EULA"),
                broken("an enterprise EULA", with(Offers.saasContract(), o -> o.eulaType = "EnterpriseEula"),
                        "EULA_Type__c", "not one of StandardEula, CustomEula"),
                broken("a renewal without the channel", with(Offers.renewal(), o -> o.renewalChannel = null),
                        "Renewal_Acquisition_Channel__c", "AwsMarketplace or External"),
                broken("a renewal without the pricing model", with(Offers.renewal(), o -> o.renewalPricingModel = ""),
                        "Renewal_Pricing_Model__c", "pricing model of the buyer's current agreement"));
    }

    /** 10 users at 1,200 each, a year, paid in the given installments. */
    static PrivateOffer tenUsersAt1200PaidIn(ScheduledCharge... charges) {
        return with(Offers.saasContractWithInstallments(), o -> {
            o.dimensions = new ArrayList<>(List.of(new OfferDimension("Users", new BigDecimal("1200"), "Upfront", 10)));
            o.schedule = new ArrayList<>(List.of(charges));
        });
    }

    private static Arguments broken(String story, PrivateOffer offer, String field, String fragment) {
        return arguments(story, offer, field, fragment);
    }

    @ParameterizedTest(name = "{0}: {2} says \"{3}\"")
    @MethodSource("brokenOffers")
    void theSellerIsToldWhichFieldToFixAndHow(String story, PrivateOffer offer, String field, String fragment) {
        List<FieldProblem> problems = validator.problems(offer, productOrNull(offer), Offers.SELLER, TODAY, true);

        assertThat(problems).as(story).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).contains(fragment);
        });
    }

    @Test
    void aZeroLengthIsToldToBeAtLeastOneNotToBeWrittenInAFormItAlreadyHas() {
        assertThat(validator.problems(with(Offers.saasContract(), o -> o.serviceLength = "P0M"), SAAS, TODAY, true))
                .extracting(FieldProblem::message).singleElement().asString()
                .isEqualTo("Service length P0M is 0 months: an agreement runs for at least 1; enter 1 or more, e.g."
                        + " P12M.");
    }

    @Test
    void anAmiOfferWithAFutureStartIsToldToClearTheDatesNotToChooseContract() {
        PrivateOffer futureAmi = with(Offers.amiHourly(), o -> {
            o.serviceStart = LocalDate.parse("2026-06-01");
            o.serviceEnd = LocalDate.parse("2027-05-31");
        });

        assertThat(validator.problems(futureAmi, AMI, TODAY, true)).extracting(FieldProblem::message)
                .contains("Future dated agreements are available for SaaS products only; clear the start and end"
                        + " dates.")
                .noneSatisfy(message -> assertThat(message).contains("Contract"));
    }

    @Test
    void aSaasProductWithOnlyMeteredDimensionsCannotBeToldToChooseContractForAFutureStart() {
        OfferProduct metered = new OfferProduct(SAAS.productId(), "SaaS", List.of(
                new ProductDimension("ApiCalls", java.util.Set.of("ExternallyMetered"))));
        PrivateOffer futureUsage = with(Offers.saasUsage(), o -> {
            o.serviceLength = null;
            o.serviceStart = LocalDate.parse("2026-06-01");
            o.serviceEnd = LocalDate.parse("2027-05-31");
        });

        assertThat(validator.problems(futureUsage, metered, TODAY, true))
                .containsExactly(new FieldProblem("Service_Start_Date__c", "Future dated agreements need Contract"
                        + " pricing, and product prod-saasacme00001 has no Entitled dimension to price a contract on:"
                        + " clear the start and end dates."));
    }

    @Test
    void installmentsThatDisagreeWithTheRatesStateBothTotalsAndWhichOneTheBuyerIsCharged() {
        PrivateOffer lessThanTheRates = tenUsersAt1200PaidIn(charge("2026-04-01", "5500.00"),
                charge("2026-10-01", "5500.00"));

        assertThat(validator.problems(lessThanTheRates, SAAS, TODAY, true)).containsExactly(new FieldProblem(
                "MP_Payment_Installment__c", "The installments total 11,000.00 USD but the rates come to 12,000.00 USD"
                + " (Users 10 x 1,200.00). AWS charges the buyer the installments, 11,000.00 USD: the rates are not"
                + " sent. Make them agree: generate the payment schedule for 12,000.00 USD, or change the rates or"
                + " quantities."));
    }

    @Test
    void installmentsThatAddUpToTheRatesOrAnOfferWithoutRatesAreValid() {
        assertThat(validator.problems(tenUsersAt1200PaidIn(charge("2026-04-01", "6000.00"),
                charge("2026-10-01", "6000")), SAAS, TODAY, true)).isEmpty();
        assertThat(validator.problems(Offers.saasContractWithInstallments(), SAAS, TODAY, true))
                .as("no rates: the installments alone say what the buyer pays").isEmpty();
    }

    @Test
    void aCustomEulaNeedsABucketForTheSellerAccount() {
        assertThat(validator.problems(Offers.customEula(), SAAS, TODAY, false))
                .containsExactly(new FieldProblem("EULA_Type__c", "No S3 bucket is configured for custom EULAs of"
                        + " this seller account: ask your administrator to configure one, or choose StandardEula."));
    }

    @Test
    void anOfferWithManyMistakesListsEveryOneOfThem() {
        PrivateOffer careless = with(Offers.saasContract(), o -> {
            o.name = null;
            o.buyerAccounts = new ArrayList<>(List.of("12"));
            o.expirationDate = TODAY.minusDays(3);
            o.currency = "CHF";
            o.dimensions.add(upfront("Gold", "1"));
        });

        assertThat(validator.problems(careless, SAAS, TODAY, true)).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("Buyer_Accounts__c", "Offer_Name__c", "Expiration_Date__c",
                        "Currency__c", "MP_Offer_Dimension__c Gold.Dimension_Key__c");
    }

    @Test
    void anOfferForAProductNobodySyncedPointsAtTheProduct() {
        assertThat(validator.problems(Offers.saasContract(), null, TODAY, true))
                .extracting(FieldProblem::field).containsExactly("Product__c");
        assertThat(validator.problems(Offers.saasContract(), CONTAINER, TODAY, true))
                .extracting(FieldProblem::message).singleElement().asString().contains("has not been synced");
    }

    @Test
    void anotherSellerAccountsProductIsOneProblemOnTheProductWithoutDimensionNoiseBeforeAnyAwsCall() {
        PrivateOffer onTheirProduct = with(Offers.saasContract(),
                o -> o.productId = Offers.OTHER_ACCOUNTS_SAAS.productId());

        assertThat(validator.problems(onTheirProduct, Offers.OTHER_ACCOUNTS_SAAS, Offers.SELLER, TODAY, true))
                .containsExactly(new FieldProblem("Product__c", "Product prod-otheraccount01 was synced for seller"
                        + " account 999988887777, not for this offer's seller account 111122223333, and AWS makes"
                        + " offers only on the seller's own products: choose a product of 111122223333 (press Refresh"
                        + " Products on that seller account if it is missing)."));
    }

    @Test
    void aChannelPartnersAgreementBasedOfferIsOnTheIsvsProductByDesign() {
        PrivateOffer replacement = AgreementBasedOffers.channelPartnerAgreementBased();

        assertThat(validator.problems(replacement, new OfferProduct(SAAS.productId(), "SaaS", SAAS.dimensions(),
                "999988887777"), Offers.SELLER, TODAY, true)).isEmpty();
    }

    @Test
    void anOfferExpiringTodayIsStillValid() {
        PrivateOffer lastDay = with(Offers.saasContract(), o -> o.expirationDate = TODAY);

        assertThat(validator.problems(lastDay, SAAS, TODAY, true)).isEmpty();
    }

    private static OfferProduct productOrNull(PrivateOffer offer) {
        return offer.productId() == null ? null : Offers.productOf(offer);
    }
}
