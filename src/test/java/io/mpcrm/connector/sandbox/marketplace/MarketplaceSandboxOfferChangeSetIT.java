package io.mpcrm.connector.sandbox.marketplace;

import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.REF;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.change;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.createOffer;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.doc;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.fixedUpfront;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.inDays;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.saasFlexiblePaymentOffer;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ErrorDetail;
import software.amazon.awssdk.services.marketplacecatalog.model.FailureCode;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceInUseException;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/** Offer change sets through the real SDK client: sync validation, async business rules, applying, locks, timing. */
class MarketplaceSandboxOfferChangeSetIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";
    static final String BUYER = "444455556666";
    static final Set<ChangeStatus> ENDED = EnumSet.of(ChangeStatus.SUCCEEDED, ChangeStatus.FAILED, ChangeStatus.CANCELLED);

    static MarketplaceSandbox sandbox;
    static MarketplaceSandbox.Seed seed;
    static MarketplaceSandboxClients seller;
    static String saas;
    static String ami;
    static String container;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        seed = sandbox.seedDefault(SELLER, PARTNER);
        sandbox.setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
        saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        ami = seed.products().get(MarketplaceSandbox.ProductType.AMI);
        container = seed.products().get(MarketplaceSandbox.ProductType.CONTAINER);
    }

    @AfterAll
    static void stop() {
        seller.close();
        sandbox.close();
    }

    static String start(List<Change> changes) {
        return seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)).changeSetId();
    }

    static DescribeChangeSetResponse describe(String id) {
        return seller.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id));
    }

    static DescribeChangeSetResponse awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> describe(id), d -> ENDED.contains(d.status()));
    }

    static Map<String, Document> entity(String id) {
        return seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(id)).detailsDocument().asMap();
    }

    static String released() {
        DescribeChangeSetResponse done = awaitEnd(start(List.copyOf(saasFlexiblePaymentOffer(saas, BUYER).values())));
        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.SUCCEEDED);
        return done.changeSet().get(0).entity().identifier();
    }

    static Map<String, Document> term(Map<String, Document> offer, String type) {
        return offer.get("Terms").asList().stream().map(Document::asMap)
                .filter(t -> t.get("Type").asString().equals(type)).findFirst().orElseThrow();
    }

    static Map<String, Document> rule(Map<String, Document> offer, String type) {
        return offer.get("Rules").asList().stream().map(Document::asMap)
                .filter(t -> t.get("Type").asString().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aSaasContractOfferWithAFlexiblePaymentScheduleIsCreatedAndReleasedInOneChangeSet() {
        // Long enough that the describe right after the start sees the change set before it ends, on a busy machine.
        sandbox.setChangeSetDelays(Duration.ofSeconds(2), Duration.ofMillis(100));
        String id;
        DescribeChangeSetResponse first;
        try {
            id = start(List.copyOf(saasFlexiblePaymentOffer(saas, BUYER).values()));
            first = describe(id);
        } finally {
            sandbox.setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        }
        assertThat(first.status()).isIn(ChangeStatus.PREPARING, ChangeStatus.APPLYING);
        assertThat(first.endTime()).isNull();
        assertThat(first.changeSet().get(0).entity().identifier()).isNull();
        DescribeChangeSetResponse done = awaitEnd(id);
        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.SUCCEEDED);
        assertThat(done.failureCode()).isNull();
        assertThat(done.startTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(done.endTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        String offerId = done.changeSet().get(0).entity().identifier();
        assertThat(offerId).matches("offer-[a-z0-9]{13}");
        assertThat(done.changeSet()).allSatisfy(c -> {
            assertThat(c.entity().identifier()).isEqualTo(offerId);
            assertThat(c.errorDetailList()).isEmpty();
        });

        Map<String, Document> offer = entity(offerId);
        assertThat(offer.get("Id").asString()).isEqualTo(offerId);
        assertThat(offer.get("State").asString()).isEqualTo("Released");
        assertThat(offer.get("Name").asString()).isEqualTo("Example Corp FPS contract");
        assertThat(offer.get("Description").asString()).isEqualTo("Three installments, 12 months");
        assertThat(offer.get("ProductId").asString()).isEqualTo(saas);
        assertThat(offer.get("Terms").asList()).extracting(t -> t.asMap().get("Type").asString())
                .containsExactlyInAnyOrder("FixedUpfrontPricingTerm", "PaymentScheduleTerm", "LegalTerm", "SupportTerm",
                        "ValidityTerm", "NetPaymentTerm", "RenewalTerm");
        Map<String, Document> fixed = term(offer, "FixedUpfrontPricingTerm");
        assertThat(fixed.get("Price").asString()).isEqualTo("0.00");
        assertThat(fixed.get("Grants").asList()).hasSize(2);
        List<Document> schedule = term(offer, "PaymentScheduleTerm").get("Schedule").asList();
        assertThat(schedule).extracting(c -> c.asMap().get("ChargeDate").asString())
                .containsExactly(inDays(10) + "T00:00:00.000Z", inDays(100) + "T00:00:00.000Z", inDays(190) + "T00:00:00.000Z");
        assertThat(schedule.get(2).asMap().get("ChargeAmount").asString()).isEqualTo("6000.50");
        assertThat(term(offer, "LegalTerm").get("Documents").asList().get(0).asMap().get("Version").asString())
                .isEqualTo("2022-07-14");
        assertThat(term(offer, "ValidityTerm").get("AgreementDuration").asString()).isEqualTo("P365D");
        assertThat(term(offer, "NetPaymentTerm").get("PaymentDuePeriod").asString()).isEqualTo("P30D");
        assertThat(rule(offer, "AvailabilityRule").get("AvailabilityEndDate").asString())
                .isEqualTo(inDays(30) + "T00:00:00.000Z");
        assertThat(rule(offer, "TargetingRule").get("PositiveTargeting").asMap().get("BuyerAccounts").asList())
                .extracting(Document::asString).containsExactly(BUYER);

        var summary = seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("Offer")
                .entityTypeFilters(f -> f.offerFilters(o -> o.entityId(e -> e.valueList(offerId))))).entitySummaryList();
        assertThat(summary).singleElement().satisfies(s -> {
            assertThat(s.offerSummary().stateAsString()).isEqualTo("Released");
            assertThat(s.offerSummary().buyerAccounts()).containsExactly(BUYER);
        });
    }

    // ------------------------------------------------------------------------------------- synchronous

    @Test
    void startChangeSetRefusesInvalidChangesWith422() {
        String offer = seed.offerId();
        String draft = sandbox.addProduct(SELLER, MarketplaceSandbox.ProductType.SAAS, "Draft product", "Draft");
        List<Change> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(change("UpdateInformation", offer, "{'Name':'n" + i + "'}"));
        }
        StringBuilder accounts = new StringBuilder();
        for (int i = 0; i < 27; i++) {
            accounts.append(i == 0 ? "" : ",").append("'1000000000").append(10 + i).append("'");
        }
        Map<String, List<Change>> cases = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        Consumer<Object[]> add = a -> {
            cases.put((String) a[0], (List<Change>) a[2]);
            expected.put((String) a[0], (String) a[1]);
        };
        add.accept(new Object[] {"no changes", "ChangeSet must hold 1 to 20 changes", List.of()});
        add.accept(new Object[] {"21 changes", "ChangeSet must hold 1 to 20 changes", tooMany});
        add.accept(new Object[] {"unknown change type", "ChangeSet[0]: ChangeType UpdateColour is not a change type of Offer@1.0",
                List.of(change("UpdateColour", offer, "{}"))});
        add.accept(new Object[] {"entity type format", "ChangeSet[0] (UpdateInformation): Entity.Type Offer must be",
                List.of(Change.builder().changeType("UpdateInformation").entity(e -> e.type("Offer").identifier(offer))
                        .detailsDocument(doc("{'Name':'x'}")).build())});
        add.accept(new Object[] {"no DetailsDocument", "ChangeSet[0] (UpdateAvailability): DetailsDocument is required",
                List.of(change("UpdateAvailability", offer, null))});
        add.accept(new Object[] {"DetailsDocument not an object", "ChangeSet[0] (UpdateAvailability): DetailsDocument must be a JSON object",
                List.of(change("UpdateAvailability", offer, null).toBuilder().detailsDocument(Document.fromString("2030-01-01")).build())});
        add.accept(new Object[] {"ProductId missing", "ChangeSet[0] (CreateOffer): ProductId is required",
                List.of(change("CreateOffer", OfferChangeSets.CREATE, null, "{'Name':'x'}"))});
        add.accept(new Object[] {"ProductId too long", "ChangeSet[0] (CreateOffer): ProductId must be at most 50 characters",
                List.of(createOffer("prod-" + "x".repeat(46), "x"))});
        add.accept(new Object[] {"product not Public or Limited", "ChangeSet[0] (CreateOffer): ProductId names product " + draft
                + " whose visibility is Draft", List.of(createOffer(draft, "x"))});
        add.accept(new Object[] {"name with <", "ChangeSet[0] (CreateOffer): Name must be 1 to 150 characters without",
                List.of(createOffer(saas, "<b>x</b>"))});
        add.accept(new Object[] {"date format", "ChangeSet[0] (UpdateAvailability): AvailabilityEndDate must be a date YYYY-MM-DD (was 2030/01/01)",
                List.of(change("UpdateAvailability", offer, "{'AvailabilityEndDate':'2030/01/01'}"))});
        add.accept(new Object[] {"not a calendar date", "ChangeSet[0] (UpdateAvailability): AvailabilityEndDate is not a calendar date",
                List.of(change("UpdateAvailability", offer, "{'AvailabilityEndDate':'2030-02-30'}"))});
        add.accept(new Object[] {"27 buyer accounts", "ChangeSet[1] (UpdateTargeting): PositiveTargeting.BuyerAccounts must hold 1 to 26 items",
                List.of(createOffer(saas, "x"), change("UpdateTargeting", REF, "{'PositiveTargeting':{'BuyerAccounts':[" + accounts + "]}}"))});
        add.accept(new Object[] {"buyer account not 12 digits", "ChangeSet[1] (UpdateTargeting): PositiveTargeting.BuyerAccounts[0] must be a 12-digit",
                List.of(createOffer(saas, "x"), change("UpdateTargeting", REF, "{'PositiveTargeting':{'BuyerAccounts':['12345']}}"))});
        add.accept(new Object[] {"buyer account as a number", "PositiveTargeting.BuyerAccounts[0] must be a 12-digit AWS account id string",
                List.of(createOffer(saas, "x"), change("UpdateTargeting", REF, "{'PositiveTargeting':{'BuyerAccounts':[444455556666]}}"))});
        add.accept(new Object[] {"price as a number", "ChangeSet[1] (UpdatePricingTerms): Terms[0].Price must be a string",
                List.of(createOffer(saas, "x"), change("UpdatePricingTerms", REF, "{'PricingModel':'Contract','Terms':[{'Type':"
                        + "'FixedUpfrontPricingTerm','CurrencyCode':'USD','Price':0,'Grants':[{'DimensionKey':'users','MaxQuantity':1}]}]}"))});
        add.accept(new Object[] {"upfront price with 4 decimals", "Terms[0].RateCards[0].RateCard[0].Price must be a non-negative decimal with at most 3 decimals",
                List.of(createOffer(saas, "x"), change("UpdatePricingTerms", REF, "{'PricingModel':'Contract','Terms':[{'Type':"
                        + "'ConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{'Selector':{'Type':'Duration',"
                        + "'Value':'P12M'},'RateCard':[{'DimensionKey':'users','Price':'10.1234'}],'Constraints':{"
                        + "'MultipleDimensionSelection':'Allowed','QuantityConfiguration':'Allowed'}}]}]}"))});
        add.accept(new Object[] {"charge with 3 decimals", "ChangeSet[1] (UpdatePaymentScheduleTerms): Terms[0].Schedule[0].ChargeAmount must be a non-negative decimal with at most 2",
                List.of(createOffer(saas, "x"), schedule(inDays(5), "10.001"))});
        // https://docs.aws.amazon.com/marketplace/latest/APIReference/work-with-private-offers.html#update-pricing-terms
        add.accept(new Object[] {"usage price in euros", "ChangeSet[1] (UpdatePricingTerms): Terms[0].CurrencyCode must be one"
                + " of [USD] (was EUR)", List.of(createOffer(saas, "x"), change("UpdatePricingTerms", REF, "{'PricingModel':"
                + "'Usage','Terms':[{'Type':'UsageBasedPricingTerm','CurrencyCode':'EUR','RateCards':[{'RateCard':["
                + "{'DimensionKey':'api_calls','Price':'0.01'}]}]}]}"))});
        add.accept(new Object[] {"recurring price in pounds", "Terms[0].CurrencyCode must be one of [USD] (was GBP)",
                List.of(createOffer(saas, "x"), change("UpdatePricingTerms", REF, "{'PricingModel':'Usage','Terms':[{'Type':"
                        + "'RecurringPaymentTerm','CurrencyCode':'GBP','BillingPeriod':'Monthly','Price':'10'}]}"))});
        add.accept(new Object[] {"unknown pricing model", "ChangeSet[1] (UpdatePricingTerms): PricingModel must be one of",
                List.of(createOffer(saas, "x"), change("UpdatePricingTerms", REF, "{'PricingModel':'Subscription','Terms':[{'Type':'ByolPricingTerm'}]}"))});
        add.accept(new Object[] {"reference to an unknown ChangeName", "ChangeSet[0] (UpdateInformation): Entity.Identifier $Nope.Entity.Identifier is not",
                List.of(change("UpdateInformation", "$Nope.Entity.Identifier", "{'Name':'x'}"))});
        add.accept(new Object[] {"same change type twice on one entity", "ChangeSet[1]: ChangeType UpdateInformation appears twice for entity " + offer,
                List.of(change("UpdateInformation", offer, "{'Name':'a'}"), change("UpdateInformation", offer, "{'Name':'b'}"))});
        add.accept(new Object[] {"same change type twice on a created offer", "appears twice for entity " + REF,
                List.of(createOffer(saas, "x"), change("UpdateInformation", REF, "{'Name':'a'}"), change("UpdateInformation", REF, "{'Name':'b'}"))});
        add.accept(new Object[] {"ReleaseOffer with details", "ChangeSet[0] (ReleaseOffer): DetailsDocument must be empty",
                List.of(change("ReleaseOffer", offer, "{'State':'Released'}"))});
        add.accept(new Object[] {"unknown field", "ChangeSet[0] (UpdateAvailability): DetailsDocument.ExpiryDate is not a field of this change type",
                List.of(change("UpdateAvailability", offer, "{'AvailabilityEndDate':'2030-01-01','ExpiryDate':'2030-01-01'}"))});
        add.accept(new Object[] {"two legal terms", "ChangeSet[0] (UpdateLegalTerms): Terms must hold 1 to 1 items",
                List.of(change("UpdateLegalTerms", offer, "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'StandardEula','Version':'2022-07-14'}]},"
                        + "{'Type':'LegalTerm','Documents':[{'Type':'StandardEula','Version':'2022-07-14'}]}]}"))});
        add.accept(new Object[] {"EnterpriseEula on an offer", "Terms[0].Documents[0].Type must be one of [CustomEula, StandardEula]",
                List.of(change("UpdateLegalTerms", offer, "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'EnterpriseEula'}]}]}"))});
        add.accept(new Object[] {"net payment period", "Terms[0].PaymentDuePeriod must be one of",
                List.of(change("UpdateNetPaymentTerms", offer, "{'Terms':[{'Type':'NetPaymentTerm','PaymentDuePeriod':'P10D'}]}"))});

        int before = sandbox.sizes().get("changeSets");
        cases.forEach((name, changes) -> assertThatThrownBy(
                () -> seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)))
                .as(name).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).statusCode()).isEqualTo(422))
                .hasMessageContaining(expected.get(name)));
        assertThatThrownBy(() -> start(List.of(createOffer("prod-doesnotexist0", "x"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("product prod-doesnotexist0 not found");
        assertThat(sandbox.sizes().get("changeSets")).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------ asynchronous

    record Case(String name, String changeType, String errorCode, String message, List<Change> changes) {
    }

    static Case failing(String name, String changeType, String errorCode, String message, Consumer<Map<String, Change>> edit) {
        return failing(name, saas, changeType, errorCode, message, edit);
    }

    static Case failing(String name, String product, String changeType, String errorCode, String message,
                        Consumer<Map<String, Change>> edit) {
        Map<String, Change> m = saasFlexiblePaymentOffer(product, BUYER);
        edit.accept(m);
        return new Case(name, changeType, errorCode, message, List.copyOf(m.values()));
    }

    @Test
    void businessRulesFailTheChangeSetWithClientErrorAndChangeNothing() {
        List<String> sixtyOne = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            sixtyOne.add(inDays(40 + i));
            sixtyOne.add("100.00");
        }
        String usagePricing = "{'PricingModel':'Usage','Terms':[{'Type':'UsageBasedPricingTerm','CurrencyCode':'USD',"
                + "'RateCards':[{'RateCard':[{'DimensionKey':'api_calls','Price':'0.01'}]}]}]}";
        List<Case> cases = List.of(
                failing("no name", "ReleaseOffer", "MISSING_NAME", "Name is required",
                        m -> m.put("CreateOffer", createOffer(saas, null))),
                failing("no description", "ReleaseOffer", "MISSING_DESCRIPTION", "Description is required",
                        m -> m.remove("UpdateInformation")),
                failing("no expiry", "ReleaseOffer", "MISSING_AVAILABILITY_END_DATE", "AvailabilityEndDate",
                        m -> m.remove("UpdateAvailability")),
                failing("schedule without fixed upfront", "ReleaseOffer", "MISSING_MANDATORY_TERMS", "FixedUpfrontPricingTerm",
                        m -> m.put("UpdatePricingTerms", change("UpdatePricingTerms", REF, usagePricing.replace("'Usage'", "'Usage'")))),
                failing("future start on an AMI product", ami, "UpdateValidityTerms", "INCOMPATIBLE_PRODUCT",
                        "AgreementStartDate in the future isn't supported for AmiProduct products", m -> {
                            m.put("UpdatePricingTerms", fixedUpfront("0", "m5.large"));
                            m.put("UpdateValidityTerms", change("UpdateValidityTerms", REF, "{'Terms':[{'Type':'ValidityTerm',"
                                    + "'AgreementStartDate':'" + inDays(60) + "','AgreementEndDate':'" + inDays(425) + "'}]}"));
                        }),
                failing("AMI agreement ending before the last entitlement", ami, "UpdateValidityTerms",
                        "INVALID_VALIDITY_TERMS", "AgreementDuration P365D must exceed the days until the"
                                + " AvailabilityEndDate " + inDays(30),
                        m -> m.put("UpdatePricingTerms", fixedUpfront("0", "m5.large"))),
                failing("AMI annual pricing for a month", ami, "UpdatePricingTerms", "INVALID_PRICING",
                        "Annual pricing needs a Selector Value of P365D (was P30D)", m -> {
                            m.put("UpdatePricingTerms", change("UpdatePricingTerms", REF, "{'PricingModel':'Usage','Terms':["
                                    + "{'Type':'UsageBasedPricingTerm','CurrencyCode':'USD','RateCards':[{'RateCard':["
                                    + "{'DimensionKey':'m5.large','Price':'0.1'},{'DimensionKey':'c5.xlarge','Price':'0.2'},"
                                    + "{'DimensionKey':'r5.2xlarge','Price':'0.3'}]}]},"
                                    + "{'Type':'ConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{"
                                    + "'Selector':{'Type':'Duration','Value':'P30D'},'RateCard':[{'DimensionKey':'m5.large',"
                                    + "'Price':'80'}],'Constraints':{'MultipleDimensionSelection':'Allowed',"
                                    + "'QuantityConfiguration':'Allowed'}}]}]}"));
                            m.remove("UpdatePaymentScheduleTerms");
                        }),
                failing("payment schedule on a container product", container, "UpdatePaymentScheduleTerms",
                        "INCOMPATIBLE_PRODUCT", "Payment schedules aren't supported for ContainerProduct",
                        m -> m.put("UpdatePricingTerms", fixedUpfront("0", "nodes"))),
                failing("dimension not on the product", "UpdatePricingTerms", "INVALID_PRICING",
                        "Dimension seats in FixedUpfrontPricingTerm is not a dimension of product " + saas,
                        m -> m.put("UpdatePricingTerms", fixedUpfront("0", "users", "seats"))),
                failing("usage price on an entitled dimension", "UpdatePricingTerms", "INVALID_PRICING",
                        "Dimension users is Entitled", m -> m.put("UpdatePricingTerms", change("UpdatePricingTerms", REF,
                                usagePricing.replace("api_calls", "users")))),
                failing("61 charges", "UpdatePaymentScheduleTerms", "TOO_MANY_CHARGES",
                        "Provide up to 60 scheduled payments in PaymentScheduleTerm",
                        m -> m.put("UpdatePaymentScheduleTerms", schedule(sixtyOne.toArray(String[]::new)))),
                failing("duplicate charge dates", "UpdatePaymentScheduleTerms", "DUPLICATE_CHARGE_DATES",
                        "ChargeDate " + inDays(100) + " appears more than once",
                        m -> m.put("UpdatePaymentScheduleTerms", schedule(inDays(10), "1.00", inDays(100), "1.00", inDays(100), "2.00"))),
                failing("charge in the past", "UpdatePaymentScheduleTerms", "INVALID_CHARGE_DATES",
                        "ChargeDate " + inDays(-3) + " is in the past",
                        m -> m.put("UpdatePaymentScheduleTerms", schedule(inDays(-3), "1.00", inDays(100), "1.00"))),
                failing("two charges before the expiry", "UpdatePaymentScheduleTerms", "TOO_MANY_BACKDATED_CHARGES",
                        "at most one charge may fall on or before the AvailabilityEndDate " + inDays(30),
                        m -> m.put("UpdatePaymentScheduleTerms", schedule(inDays(5), "1.00", inDays(30), "1.00", inDays(100), "1.00"))),
                failing("fixed upfront price with a schedule", "UpdatePaymentScheduleTerms", "INCOMPATIBLE_TERMS",
                        "Provide zero (0) price for FixedUpfrontPricingTerm when the offer contains a PaymentScheduleTerm",
                        m -> m.put("UpdatePricingTerms", fixedUpfront("100.000", "users"))),
                failing("grants without a MaxQuantity", "UpdatePricingTerms", "INVALID_GRANTS",
                        "Provide MaxQuantity for all Grants in FixedUpfrontPricingTerm. (users has none)",
                        m -> m.put("UpdatePricingTerms", change("UpdatePricingTerms", REF, "{'PricingModel':'Contract',"
                                + "'Terms':[{'Type':'FixedUpfrontPricingTerm','CurrencyCode':'USD','Price':'0',"
                                + "'Duration':'P12M','Grants':[{'DimensionKey':'users'}]}]}"))),
                failing("agreement start not after the expiry", "UpdateValidityTerms", "INVALID_VALIDITY_TERMS",
                        "AgreementStartDate " + inDays(20) + " must be after the AvailabilityEndDate " + inDays(30),
                        m -> m.put("UpdateValidityTerms", change("UpdateValidityTerms", REF, "{'Terms':[{'Type':'ValidityTerm',"
                                + "'AgreementStartDate':'" + inDays(20) + "','AgreementEndDate':'" + inDays(385) + "'}]}"))),
                failing("past expiry on a draft", "UpdateAvailability", "INVALID_AVAILABILITY_END_DATE",
                        "Provide a future AvailabilityEndDate", m -> m.put("UpdateAvailability",
                                change("UpdateAvailability", REF, "{'AvailabilityEndDate':'" + inDays(-1) + "'}"))));

        int offersBefore = offerCount();
        Map<Case, String> started = new LinkedHashMap<>();
        cases.forEach(c -> started.put(c, start(c.changes())));
        started.forEach((c, id) -> {
            DescribeChangeSetResponse done = awaitEnd(id);
            assertThat(done.status()).as(c.name()).isEqualTo(ChangeStatus.FAILED);
            assertThat(done.failureCode()).as(c.name()).isEqualTo(FailureCode.CLIENT_ERROR);
            assertThat(done.endTime()).as(c.name()).isNotNull();
            ChangeSummary failed = done.changeSet().stream().filter(s -> s.changeType().equals(c.changeType()))
                    .findFirst().orElseThrow();
            assertThat(failed.errorDetailList()).as(c.name() + ": " + failed.errorDetailList())
                    .anySatisfy(e -> {
                        assertThat(e.errorCode()).isEqualTo(c.errorCode());
                        assertThat(e.errorMessage()).contains(c.message());
                    });
            // nothing was created
            assertThat(done.changeSet().get(0).entity().identifier()).as(c.name()).isNull();
        });
        assertThat(offerCount()).isEqualTo(offersBefore);
    }

    static int offerCount() {
        int n = 0;
        for (var page : seller.catalog.listEntitiesPaginator(r -> r.catalog("AWSMarketplace").entityType("Offer").maxResults(50))) {
            n += page.entitySummaryList().size();
        }
        return n;
    }

    @Test
    void theSellersOwnAccountMayBeOneOfTheBuyers() {
        Map<String, Change> offer = saasFlexiblePaymentOffer(saas, BUYER);
        offer.put("UpdateTargeting", change("UpdateTargeting", REF,
                "{'PositiveTargeting':{'BuyerAccounts':['" + BUYER + "','" + SELLER + "']}}"));

        DescribeChangeSetResponse done = awaitEnd(start(List.copyOf(offer.values())));

        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> released = entity(done.changeSet().get(0).entity().identifier());
        assertThat(rule(released, "TargetingRule").get("PositiveTargeting").asMap().get("BuyerAccounts").asList())
                .extracting(Document::asString).containsExactlyInAnyOrder(BUYER, SELLER);
    }

    @Test
    void aFailedChangeSetLeavesAnExistingDraftUntouched() {
        DescribeChangeSetResponse created = awaitEnd(start(List.of(createOffer(saas, "Draft to edit"))));
        assertThat(created.status()).isEqualTo(ChangeStatus.SUCCEEDED);
        String offerId = created.changeSet().get(0).entity().identifier();
        Map<String, Document> draft = entity(offerId);
        assertThat(draft.get("State").asString()).isEqualTo("Draft");

        DescribeChangeSetResponse failed = awaitEnd(start(List.of(
                change("UpdateInformation", offerId, "{'Name':'Renamed','Description':'Now described'}"),
                change("UpdatePricingTerms", offerId, "{'PricingModel':'Contract','Terms':[{'Type':'FixedUpfrontPricingTerm',"
                        + "'CurrencyCode':'USD','Price':'0','Grants':[{'DimensionKey':'nope','MaxQuantity':1}]}]}"))));
        assertThat(failed.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(failed.changeSet().get(0).errorDetailList()).isEmpty();
        assertThat(failed.changeSet().get(1).errorDetailList()).extracting(ErrorDetail::errorCode).containsExactly("INVALID_PRICING");
        assertThat(entity(offerId)).isEqualTo(draft);
        assertThat(seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(offerId)).entityIdentifier())
                .isEqualTo(offerId + "@1");
    }

    @Test
    void aReleasedOfferRefusesEditsButAcceptsDurationAndExpiryChanges() {
        String offerId = released();
        Map<String, Document> before = entity(offerId);
        for (Change edit : List.of(
                change("UpdateLegalTerms", offerId, "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'CustomEula','Url':'https://example.com/eula.pdf'}]}]}"),
                change("UpdateTargeting", offerId, "{'PositiveTargeting':{'BuyerAccounts':['777788889999']}}"),
                change("UpdatePaymentScheduleTerms", offerId, "{'Terms':[{'Type':'PaymentScheduleTerm','CurrencyCode':'USD',"
                        + "'Schedule':[{'ChargeDate':'" + inDays(50) + "','ChargeAmount':'1.00'}]}]}"),
                change("UpdateInformation", offerId, "{'Name':'Renamed'}"),
                change("ReleaseOffer", offerId, "{}"))) {
            DescribeChangeSetResponse done = awaitEnd(start(List.of(edit)));
            assertThat(done.status()).as(edit.changeType()).isEqualTo(ChangeStatus.FAILED);
            ErrorDetail error = done.changeSet().get(0).errorDetailList().get(0);
            assertThat(error.errorCode()).isEqualTo("INCOMPATIBLE_STATUS");
            assertThat(error.errorMessage()).contains(edit.changeType().equals("ReleaseOffer")
                    ? "already released" : "can't be performed after the offer is released");
        }
        // start/end dates are frozen, the duration is not
        DescribeChangeSetResponse dates = awaitEnd(start(List.of(change("UpdateValidityTerms", offerId,
                "{'Terms':[{'Type':'ValidityTerm','AgreementStartDate':'" + inDays(40) + "','AgreementEndDate':'" + inDays(400) + "'}]}"))));
        assertThat(dates.changeSet().get(0).errorDetailList()).extracting(ErrorDetail::errorCode).containsExactly("INCOMPATIBLE_STATUS");
        assertThat(entity(offerId)).isEqualTo(before);
        DescribeChangeSetResponse duration = awaitEnd(start(List.of(change("UpdateValidityTerms", offerId,
                "{'Terms':[{'Type':'ValidityTerm','AgreementDuration':'P730D'}]}"),
                change("UpdateAvailability", offerId, "{'AvailabilityEndDate':'" + inDays(45) + "'}"))));
        assertThat(duration.status()).as("%s", duration).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> after = entity(offerId);
        assertThat(term(after, "ValidityTerm").get("AgreementDuration").asString()).isEqualTo("P730D");
        assertThat(rule(after, "AvailabilityRule").get("AvailabilityEndDate").asString()).isEqualTo(inDays(45) + "T00:00:00.000Z");
    }

    @Test
    void updateAvailabilityToAPastDateExpiresAReleasedOffer() {
        String offerId = released();
        DescribeChangeSetResponse done = awaitEnd(start(List.of(change("UpdateAvailability", offerId,
                "{'AvailabilityEndDate':'" + inDays(-1) + "'}"))));
        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> offer = entity(offerId);
        assertThat(offer.get("State").asString()).isEqualTo("Released");
        assertThat(rule(offer, "AvailabilityRule").get("AvailabilityEndDate").asString()).isEqualTo(inDays(-1) + "T00:00:00.000Z");
        var summary = seller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("Offer")
                .entityTypeFilters(f -> f.offerFilters(o -> o.entityId(e -> e.valueList(offerId))))).entitySummaryList();
        assertThat(summary.get(0).offerSummary().availabilityEndDate()).isEqualTo(inDays(-1) + "T00:00:00.000Z");
    }

    @Test
    void anOfferStaysLockedUntilItsChangeSetEndsAndTheSameTokenReturnsTheSameSet() {
        String offerId = released();
        sandbox.setChangeSetDelays(Duration.ofMillis(50), Duration.ofSeconds(2));
        try {
            Change extend = change("UpdateAvailability", offerId, "{'AvailabilityEndDate':'" + inDays(60) + "'}");
            String token = "crm-request-42";
            String id = seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(extend).clientRequestToken(token)).changeSetId();
            assertThat(seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(extend).clientRequestToken(token)).changeSetId())
                    .isEqualTo(id);
            await().atMost(Duration.ofSeconds(5)).until(() -> describe(id).status() == ChangeStatus.APPLYING);
            assertThatThrownBy(() -> start(List.of(change("UpdateAvailability", offerId, "{'AvailabilityEndDate':'" + inDays(70) + "'}"))))
                    .isInstanceOf(ResourceInUseException.class).hasMessageContaining(offerId)
                    .satisfies(e -> assertThat(((ResourceInUseException) e).statusCode()).isEqualTo(423));
            assertThatThrownBy(() -> seller.catalog.cancelChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id)))
                    .isInstanceOf(ResourceInUseException.class);
            assertThat(awaitEnd(id).status()).isEqualTo(ChangeStatus.SUCCEEDED);
        } finally {
            sandbox.setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        }
        DescribeChangeSetResponse next = awaitEnd(start(List.of(change("UpdateAvailability", offerId,
                "{'AvailabilityEndDate':'" + inDays(70) + "'}"))));
        assertThat(next.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    }

    @Test
    void anInjectedServerFaultFailsTheNextChangeSetOnly() {
        int before = offerCount();
        sandbox.failNextChangeSetWithServerFault();
        DescribeChangeSetResponse fault = awaitEnd(start(List.copyOf(saasFlexiblePaymentOffer(saas, BUYER).values())));
        assertThat(fault.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(fault.failureCode()).isEqualTo(FailureCode.SERVER_FAULT);
        assertThat(fault.failureDescription()).isNotBlank();
        assertThat(fault.changeSet()).allSatisfy(c -> assertThat(c.errorDetailList()).isEmpty());
        assertThat(offerCount()).isEqualTo(before);
        released();
        assertThat(offerCount()).isEqualTo(before + 1);
    }

    @Test
    void listChangeSetsFiltersByStatusEntityAndTimeAndPaginates() {
        String offerId = released();
        DescribeChangeSetResponse failed = awaitEnd(start(List.of(change("UpdateLegalTerms", offerId,
                "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'StandardEula','Version':'2022-07-14'}]}]}"))));
        assertThat(failed.status()).isEqualTo(ChangeStatus.FAILED);

        var byStatus = seller.catalog.listChangeSetsPaginator(r -> r.catalog("AWSMarketplace").maxResults(2)
                .filterList(f -> f.name("Status").valueList("FAILED"))).changeSetSummaryList().stream().toList();
        assertThat(byStatus).isNotEmpty().allSatisfy(s -> {
            assertThat(s.statusAsString()).isEqualTo("FAILED");
            assertThat(s.failureCodeAsString()).isIn("CLIENT_ERROR", "SERVER_FAULT");
        });
        assertThat(byStatus).extracting(s -> s.changeSetId()).contains(failed.changeSetId());

        var byEntity = seller.catalog.listChangeSets(r -> r.catalog("AWSMarketplace")
                .filterList(f -> f.name("EntityId").valueList(offerId))).changeSetSummaryList();
        assertThat(byEntity).hasSize(2).allSatisfy(s -> assertThat(s.entityIdList()).contains(offerId));
        assertThat(byEntity.get(0).changeSetId()).isEqualTo(failed.changeSetId()); // newest first

        var beforeStart = seller.catalog.listChangeSets(r -> r.catalog("AWSMarketplace").filterList(
                f -> f.name("BeforeStartTime").valueList("2000-01-01T00:00:00Z"))).changeSetSummaryList();
        assertThat(beforeStart).isEmpty();

        List<String> all = seller.catalog.listChangeSetsPaginator(r -> r.catalog("AWSMarketplace").maxResults(3))
                .changeSetSummaryList().stream().map(s -> s.changeSetId()).collect(Collectors.toList());
        assertThat(all).doesNotHaveDuplicates().contains(failed.changeSetId(), byEntity.get(1).changeSetId());
        assertThatThrownBy(() -> seller.catalog.listChangeSets(r -> r.catalog("AWSMarketplace")
                .filterList(f -> f.name("Status").valueList("DONE")))).isInstanceOf(ValidationException.class);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void timeFiltersSelectWhatStartedOrEndedAroundAPointInTime() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MovableClock clock = new MovableClock(t0);
        try (MarketplaceSandbox own = MarketplaceSandbox.start()) {
            own.setClock(clock);
            MarketplaceSandbox.Seed s = own.seedDefault(SELLER, PARTNER);
            own.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
            try (MarketplaceSandboxClients c = new MarketplaceSandboxClients(own, SELLER)) {
                String product = s.products().get(MarketplaceSandbox.ProductType.SAAS);
                String a = c.catalog.startChangeSet(r -> r.catalog("AWSMarketplace")
                        .changeSet(saasFlexiblePaymentOffer(product, BUYER).values())).changeSetId();
                clock.advance(Duration.ofMillis(1500));
                assertThat(c.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(a)).status())
                        .isEqualTo(ChangeStatus.APPLYING);
                clock.advance(Duration.ofMillis(8500));
                DescribeChangeSetResponse doneA = c.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(a));
                assertThat(doneA.status()).isEqualTo(ChangeStatus.SUCCEEDED);
                assertThat(doneA.startTime()).isEqualTo(t0.toString());
                assertThat(doneA.endTime()).isEqualTo(t0.plusSeconds(2).toString());
                String b = c.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(change("UpdateAvailability",
                        s.offerId(), "{'AvailabilityEndDate':'" + inDays(-1) + "'}"))).changeSetId();
                clock.advance(Duration.ofSeconds(10));
                String mark = t0.plusSeconds(5).toString();
                Map<String, List<String>> seen = new LinkedHashMap<>();
                for (String filter : List.of("AfterEndTime", "BeforeEndTime", "AfterStartTime", "BeforeStartTime")) {
                    seen.put(filter, c.catalog.listChangeSets(r -> r.catalog("AWSMarketplace")
                            .filterList(f -> f.name(filter).valueList(mark))).changeSetSummaryList().stream()
                            .map(x -> x.changeSetId()).toList());
                }
                assertThat(seen).containsEntry("AfterEndTime", List.of(b)).containsEntry("BeforeEndTime", List.of(a))
                        .containsEntry("AfterStartTime", List.of(b)).containsEntry("BeforeStartTime", List.of(a));
                // the status tracker's query: what ended (either way) since its last cycle
                var changed = c.catalog.listChangeSets(r -> r.catalog("AWSMarketplace").filterList(
                        f -> f.name("Status").valueList("SUCCEEDED", "FAILED"),
                        f -> f.name("AfterEndTime").valueList(mark))).changeSetSummaryList();
                assertThat(changed).singleElement().satisfies(x -> {
                    assertThat(x.changeSetId()).isEqualTo(b);
                    assertThat(x.entityIdList()).containsExactly(s.offerId());
                    assertThat(x.endTime()).isEqualTo(t0.plusSeconds(12).toString());
                });
                var ascending = c.catalog.listChangeSets(r -> r.catalog("AWSMarketplace")
                        .sort(o -> o.sortBy("EndTime").sortOrder("ASCENDING"))).changeSetSummaryList();
                assertThat(ascending).extracting(x -> x.changeSetId()).containsExactly(a, b);
            }
        }
    }
}
