package io.mpcrm.connector.sandbox.marketplace;

import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.doc;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.inDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mpcrm.connector.sandbox.marketplace.MarketplaceSandboxOfferChangeSetIT.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeSummary;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ErrorDetail;
import software.amazon.awssdk.services.marketplacecatalog.model.FailureCode;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/**
 * Resale authorization change sets through the real SDK client, as AWS treats them: field checks at StartChangeSet,
 * business rules as a FAILED change set with per-change errors, Draft / Active / Restricted, sharing with the reseller.
 */
class MarketplaceSandboxResaleAuthorizationIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";
    static final String RESELLER = "666677778888";
    static final String CREATE = "CreateResaleAuthorization";
    static final String REF = "$" + CREATE + ".Entity.Identifier";

    static MarketplaceSandbox sandbox;
    static MarketplaceSandboxClients seller;
    static MarketplaceSandboxClients reseller;
    static String saas;
    static String ami;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        MarketplaceSandbox.Seed seed = sandbox.seedDefault(SELLER, PARTNER);
        sandbox.addAccount(RESELLER);
        sandbox.setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
        reseller = new MarketplaceSandboxClients(sandbox, RESELLER);
        saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        ami = seed.products().get(MarketplaceSandbox.ProductType.AMI);
    }

    @AfterAll
    static void stop() {
        seller.close();
        reseller.close();
        sandbox.close();
    }

    /** A whole one-time SaaS contract authorization, keyed by change type so a test can replace or drop one. */
    static Map<String, Change> oneTimeContract() {
        Map<String, Change> m = new LinkedHashMap<>();
        m.put(CREATE, Change.builder().changeType(CREATE).changeName(CREATE).entity(e -> e.type("ResaleAuthorization@1.0"))
                .detailsDocument(doc("{'ProductId':'" + saas + "','Name':'Acme resale','Description':'For Acme',"
                        + "'ResellerAccountId':'" + RESELLER + "'}")).build());
        m.put("UpdatePricingTerms", ra("UpdatePricingTerms", REF, "{'PricingModel':'Contract','Terms':[{'Type':"
                + "'ResaleConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{'Selector':{'Type':"
                + "'Duration','Value':'P12M'},'Constraints':{'MultipleDimensionSelection':'Allowed',"
                + "'QuantityConfiguration':'Allowed'},'RateCard':[{'DimensionKey':'users','Price':'800'}]}]}]}"));
        m.put("UpdateLegalTerms", ra("UpdateLegalTerms", REF, "{'Terms':[{'Type':'BuyerLegalTerm','Documents':[{'Type':"
                + "'StandardEula'}]},{'Type':'ResaleLegalTerm','Documents':[{'Type':'StandardResellerContract'}]}]}"));
        m.put("UpdateAvailability", ra("UpdateAvailability", REF, "{'AvailabilityEndDate':'" + inDays(30)
                + "','OffersMaxQuantity':1}"));
        m.put("ReleaseResaleAuthorization", ra("ReleaseResaleAuthorization", REF, "{}"));
        return m;
    }

    static Change ra(String changeType, String identifier, String json) {
        return Change.builder().changeType(changeType).changeName(changeType)
                .entity(e -> e.type("ResaleAuthorization@1.0").identifier(identifier)).detailsDocument(doc(json)).build();
    }

    static Stream<Arguments> refusedAtStart() {
        return Stream.of(
                Arguments.of("no reseller", ra(CREATE, null, "{'ProductId':'" + saas + "','Name':'Acme'}"),
                        "ResellerAccountId is required"),
                Arguments.of("a reseller of 11 digits", ra(CREATE, null, "{'ProductId':'" + saas + "','Name':'Acme',"
                        + "'ResellerAccountId':'12345678901'}"), "12 digits"),
                Arguments.of("special characters in the name", ra(CREATE, null, "{'ProductId':'" + saas + "','Name':'A&B',"
                        + "'ResellerAccountId':'" + RESELLER + "'}"), "Name must be"),
                Arguments.of("a dot in the name", ra(CREATE, null, "{'ProductId':'" + saas + "','Name':'Acme resale 2.0',"
                        + "'ResellerAccountId':'" + RESELLER + "'}"), "Name must be 1 to 100 characters, letters, digits"
                        + " and spaces"),
                Arguments.of("a comma in the description", ra(CREATE, null, "{'ProductId':'" + saas + "','Name':'Acme',"
                        + "'Description':'For Acme, yearly','ResellerAccountId':'" + RESELLER + "'}"),
                        "Description must be 1 to 255 letters, digits and white space"),
                Arguments.of("a space in a name set again", ra("UpdateInformation", REF, "{'Name':'Acme resale'}"),
                        "Name must be 1 to 100 characters, letters and digits, no white space"),
                Arguments.of("a hyphen in a description set again", ra("UpdateInformation", REF,
                        "{'Description':'Wholesale - yearly'}"), "Description must be 1 to 255 letters, digits"),
                Arguments.of("OffersMaxQuantity 2", ra("UpdateAvailability", REF, "{'OffersMaxQuantity':2}"),
                        "OffersMaxQuantity can only be 1"),
                Arguments.of("a date with a time", ra("UpdateAvailability", REF,
                        "{'AvailabilityEndDate':'2030-01-01T00:00:00Z'}"), "YYYY-MM-DD"),
                Arguments.of("26 buyers", ra("UpdateBuyerTargetingTerms", REF, "{'Terms':[{'Type':'BuyerTargetingTerm',"
                        + "'PositiveTargeting':{'BuyerAccounts':[" + "'444455556666',".repeat(25)
                        + "'444455556666']}}]}"), "1 to 25"),
                Arguments.of("a versioned EULA", ra("UpdateLegalTerms", REF, "{'Terms':[{'Type':'BuyerLegalTerm',"
                        + "'Documents':[{'Type':'StandardEula','Version':'2022-07-14'}]}]}"), "no Version"),
                Arguments.of("a custom EULA without URL", ra("UpdateLegalTerms", REF, "{'Terms':[{'Type':"
                        + "'BuyerLegalTerm','Documents':[{'Type':'CustomEula'}]}]}"), "needs a Url"),
                Arguments.of("an offer pricing term", ra("UpdatePricingTerms", REF, "{'PricingModel':'Contract',"
                        + "'Terms':[{'Type':'FixedUpfrontPricingTerm','CurrencyCode':'USD'}]}"),
                        "not a resale pricing term"),
                Arguments.of("a fixed term without duration", ra("UpdatePricingTerms", REF, "{'PricingModel':"
                        + "'Contract','Terms':[{'Type':'ResaleFixedUpfrontPricingTerm','CurrencyCode':'USD','Price':"
                        + "'0.0','Grants':[]}]}"), "needs a Duration"),
                Arguments.of("a usage price of 9 decimals", ra("UpdatePricingTerms", REF, "{'PricingModel':'Usage',"
                        + "'Terms':[{'Type':'ResaleUsageBasedPricingTerm','CurrencyCode':'USD','RateCards':[{'RateCard':"
                        + "[{'DimensionKey':'calls','Price':'0.123456789'}]}]}]}"), "more than 8 decimals"),
                Arguments.of("61 charges", ra("UpdatePaymentScheduleTerms", REF, "{'Terms':[{'Type':"
                        + "'ResalePaymentScheduleTerm','CurrencyCode':'USD','Schedule':[" + ("{'ChargeDate':'"
                        + inDays(5) + "','ChargeAmount':'1'},").repeat(60) + "{'ChargeDate':'" + inDays(5)
                        + "','ChargeAmount':'1'}]}]}"), "1 to 60"),
                Arguments.of("a release with details", ra("ReleaseResaleAuthorization", REF, "{'Now':true}"),
                        "must be empty"),
                Arguments.of("an offer change type", ra("ReleaseOffer", REF, "{}"), "not a change type of"));
    }

    @ParameterizedTest(name = "{0} is refused at StartChangeSet")
    @MethodSource("refusedAtStart")
    void fieldMistakesAreRefusedWhenTheChangeSetStarts(String mistake, Change wrong, String message) {
        Map<String, Change> changes = oneTimeContract();
        changes.put(wrong.changeType(), wrong);

        assertThatThrownBy(() -> start(changes.values())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains(message));
    }

    @Test
    void anUnknownProductIsNotFound() {
        Map<String, Change> changes = oneTimeContract();
        changes.put(CREATE, ra(CREATE, null, "{'ProductId':'prod-nosuchproduct1','Name':'Acme','ResellerAccountId':'"
                + RESELLER + "'}"));

        assertThatThrownBy(() -> start(changes.values())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aReleasedAuthorizationIsActiveWithTheDocumentOfDescribeEntityAndTheResellerSeesIt() {
        DescribeChangeSetResponse done = awaitEnd(start(oneTimeContract().values()));

        assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
        String id = created(done);
        Map<String, Document> details = entity(id);
        assertThat(details.get("Status").asString()).isEqualTo("Active");
        assertThat(details.get("ManufacturerAccountId").asString()).isEqualTo(SELLER);
        assertThat(details.get("OfferDetails").asMap().get("OfferExtendedStatus").asString()).isEqualTo("Not Started");
        assertThat(details.get("Dimensions").asList()).isNotEmpty();
        assertThat(details.get("Terms").asList()).extracting(t -> t.asMap().get("Type").asString())
                .containsExactlyInAnyOrder("ResaleConfigurableUpfrontPricingTerm", "BuyerLegalTerm", "ResaleLegalTerm");
        assertThat(details.get("Terms").asList()).allSatisfy(t -> assertThat(t.asMap().get("Id").asString())
                .startsWith("term-"));
        Map<String, Document> availability = rule(details, "AvailabilityRule");
        assertThat(availability.get("Usage").asString()).isEqualTo("Limited");
        assertThat(availability.get("OffersMaxQuantity").asNumber().intValue()).isEqualTo(1);
        assertThat(availability.get("AvailabilityEndDate").asString()).startsWith(inDays(30));
        assertThat(rule(details, "PartnerTargetingRule").get("ResellerAccountId").asString()).isEqualTo(RESELLER);
        assertThat(reseller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("ResaleAuthorization")
                .ownershipType(OwnershipType.SHARED)).entitySummaryList()).extracting(s -> s.entityId()).contains(id);
    }

    @Test
    void aDraftIsNotSharedAndNothingCanBeChangedOnceItIsReleasedButItCanBeRestricted() {
        Map<String, Change> draft = oneTimeContract();
        draft.remove("ReleaseResaleAuthorization");
        String id = created(awaitEnd(start(draft.values())));
        assertThat(entity(id).get("Status").asString()).isEqualTo("Draft");
        assertThat(reseller.catalog.listEntities(r -> r.catalog("AWSMarketplace").entityType("ResaleAuthorization")
                .ownershipType(OwnershipType.SHARED)).entitySummaryList()).extracting(s -> s.entityId())
                .doesNotContain(id);
        assertThat(awaitEnd(start(List.of(ra("ReleaseResaleAuthorization", id, "{}")))).status())
                .isEqualTo(ChangeStatus.SUCCEEDED);

        DescribeChangeSetResponse late = awaitEnd(start(List.of(ra("UpdateLegalTerms", id, "{'Terms':[{'Type':"
                + "'BuyerLegalTerm','Documents':[{'Type':'EnterpriseEula'}]}]}"))));

        assertThat(late.failureCode()).isEqualTo(FailureCode.CLIENT_ERROR);
        assertThat(errors(late, "UpdateLegalTerms")).extracting(ErrorDetail::errorCode).containsExactly("INCOMPATIBLE_STATUS");
        assertThat(awaitEnd(start(List.of(ra("RestrictResaleAuthorization", id, "{}")))).status())
                .isEqualTo(ChangeStatus.SUCCEEDED);
        assertThat(entity(id).get("Status").asString()).isEqualTo("Restricted");
        DescribeChangeSetResponse again = awaitEnd(start(List.of(ra("ReleaseResaleAuthorization", id, "{}"))));
        assertThat(errors(again, "ReleaseResaleAuthorization")).extracting(ErrorDetail::errorCode)
                .containsExactly("INCOMPATIBLE_STATUS");
        assertThat(entity(id).get("Status").asString()).as("restricting is irreversible").isEqualTo("Restricted");
    }

    @Test
    void releasingWithoutABuyerEulaOrAPricingTermFailsAndCreatesNothing() {
        Map<String, Change> changes = oneTimeContract();
        changes.remove("UpdateLegalTerms");
        changes.remove("UpdatePricingTerms");
        int before = sandbox.sizes().getOrDefault("entities", 0);

        DescribeChangeSetResponse failed = awaitEnd(start(changes.values()));

        assertThat(failed.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo(FailureCode.CLIENT_ERROR);
        assertThat(errors(failed, "ReleaseResaleAuthorization")).extracting(ErrorDetail::errorCode)
                .containsExactlyInAnyOrder("MISSING_BUYER_LEGAL_TERM", "MISSING_PRICING_TERMS");
        assertThat(sandbox.sizes().getOrDefault("entities", 0)).isEqualTo(before);
    }

    @Test
    void aPaymentScheduleNeedsAOneTimeAuthorizationWithAnExpiryAndAFixedUpfrontTerm() {
        Map<String, Change> changes = oneTimeContract();
        changes.put("UpdateAvailability", ra("UpdateAvailability", REF, "{'AvailabilityEndDate':'" + inDays(30) + "'}"));
        changes.put("UpdatePaymentScheduleTerms", ra("UpdatePaymentScheduleTerms", REF, "{'Terms':[{'Type':"
                + "'ResalePaymentScheduleTerm','CurrencyCode':'USD','Schedule':[{'ChargeDate':'" + inDays(10)
                + "','ChargeAmount':'5000'}]}]}"));

        DescribeChangeSetResponse failed = awaitEnd(start(changes.values()));

        assertThat(errors(failed, "UpdatePaymentScheduleTerms")).extracting(ErrorDetail::errorCode)
                .containsExactlyInAnyOrder("MISSING_MANDATORY_TERMS", "INCOMPATIBLE_AVAILABILITY");
    }

    @Test
    void futureDatedAgreementsAreForSaasAndARenewalNamesItsBuyers() {
        Map<String, Change> changes = oneTimeContract();
        changes.put(CREATE, ra(CREATE, null, "{'ProductId':'" + ami + "','Name':'AMI resale','ResellerAccountId':'"
                + RESELLER + "'}"));
        changes.put("UpdatePricingTerms", ra("UpdatePricingTerms", REF, "{'PricingModel':'Usage','Terms':[{'Type':"
                + "'ResaleUsageBasedPricingTerm','CurrencyCode':'USD','RateCards':[{'RateCard':[{'DimensionKey':"
                + "'nosuchdimension','Price':'0.1'}]}]}]}"));
        changes.put("UpdateBuyerValidityTerms", ra("UpdateBuyerValidityTerms", REF, "{'Terms':[{'Type':"
                + "'BuyerValidityTerm','MaximumAgreementStartDate':'" + inDays(90) + "'}]}"));
        changes.put("UpdateInformation", ra("UpdateInformation", REF, "{'PreExistingBuyerAgreement':{"
                + "'AcquisitionChannel':'External','PricingModel':'Contract'}}"));

        DescribeChangeSetResponse failed = awaitEnd(start(changes.values()));

        assertThat(errors(failed, "UpdateBuyerValidityTerms")).extracting(ErrorDetail::errorCode)
                .containsExactly("INCOMPATIBLE_PRODUCT");
        assertThat(errors(failed, "UpdateInformation")).extracting(ErrorDetail::errorCode)
                .containsExactly("MISSING_BUYER_ACCOUNTS");
        assertThat(errors(failed, "UpdatePricingTerms")).extracting(ErrorDetail::errorCode)
                .containsExactly("INVALID_DIMENSION_KEY");
    }

    @Test
    void anExpiredAuthorizationCannotBeRestricted() {
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (MarketplaceSandbox own = MarketplaceSandbox.start()) {
            own.setClock(clock);
            MarketplaceSandbox.Seed s = own.seedDefault(SELLER, PARTNER);
            own.setChangeSetDelays(Duration.ofSeconds(1), Duration.ofSeconds(1));
            try (MarketplaceSandboxClients c = new MarketplaceSandboxClients(own, SELLER)) {
                Map<String, Change> changes = oneTimeContract();
                changes.put(CREATE, ra(CREATE, null, "{'ProductId':'" + s.products().get(MarketplaceSandbox
                        .ProductType.SAAS) + "','Name':'Short','ResellerAccountId':'" + RESELLER + "'}"));
                changes.put("UpdateAvailability", ra("UpdateAvailability", REF, "{'AvailabilityEndDate':'"
                        + inDays(2) + "'}"));
                String first = c.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes.values()))
                        .changeSetId();
                clock.advance(Duration.ofSeconds(3));
                String id = created(c.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(first)));
                clock.advance(Duration.ofDays(4));

                String restrict = c.catalog.startChangeSet(r -> r.catalog("AWSMarketplace")
                        .changeSet(ra("RestrictResaleAuthorization", id, "{}"))).changeSetId();
                clock.advance(Duration.ofSeconds(3));

                DescribeChangeSetResponse failed = c.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace")
                        .changeSetId(restrict));
                assertThat(failed.status()).isEqualTo(ChangeStatus.FAILED);
                assertThat(errors(failed, "RestrictResaleAuthorization")).singleElement().satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("INCOMPATIBLE_STATUS");
                    assertThat(e.errorMessage()).contains("expired");
                });
            }
        }
    }

    private static String start(java.util.Collection<Change> changes) {
        return seller.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(new ArrayList<>(changes)))
                .changeSetId();
    }

    private static DescribeChangeSetResponse awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> seller.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id)),
                        d -> d.status() == ChangeStatus.SUCCEEDED || d.status() == ChangeStatus.FAILED);
    }

    private static String created(DescribeChangeSetResponse done) {
        assertThat(done.status()).as(done.toString()).isEqualTo(ChangeStatus.SUCCEEDED);
        return done.changeSet().get(0).entity().identifier().split("@")[0];
    }

    private static Map<String, Document> entity(String id) {
        return seller.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(id)).detailsDocument().asMap();
    }

    private static Map<String, Document> rule(Map<String, Document> details, String type) {
        return details.get("Rules").asList().stream().map(Document::asMap)
                .filter(r -> type.equals(r.get("Type").asString())).findFirst().orElseThrow();
    }

    private static List<ErrorDetail> errors(DescribeChangeSetResponse changeSet, String changeType) {
        return changeSet.changeSet().stream().filter(c -> changeType.equals(c.changeType()))
                .map(ChangeSummary::errorDetailList).findFirst().orElseThrow();
    }
}
