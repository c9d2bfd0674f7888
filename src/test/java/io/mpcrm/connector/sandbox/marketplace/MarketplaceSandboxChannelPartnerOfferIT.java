package io.mpcrm.connector.sandbox.marketplace;

import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.change;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.inDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ErrorDetail;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/**
 * A channel partner makes offers on the resale authorizations an ISV shared with it, through the real SDK client:
 * the draft inherits the ISV's terms, the markup raises them, and AWS's rules on the authorization hold.
 */
class MarketplaceSandboxChannelPartnerOfferIT {

    static final String ISV = "111122223333";
    static final String PARTNER = "999988887777";
    static final String OTHER_PARTNER = "999911112222";
    static final String BUYER = "444455556666";
    static final String CREATE = "CreateCppo";
    static final String REF = "$" + CREATE + ".Entity.Identifier";
    static final Set<ChangeStatus> ENDED = EnumSet.of(ChangeStatus.SUCCEEDED, ChangeStatus.FAILED);

    static MarketplaceSandbox sandbox;
    static MarketplaceSandbox.Seed seed;
    static MarketplaceSandboxClients partner;
    static MarketplaceSandboxClients otherPartner;
    static String saas;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        seed = sandbox.seedDefault(ISV, PARTNER);
        sandbox.setChangeSetDelays(Duration.ofMillis(100), Duration.ofMillis(100));
        sandbox.addAccount(OTHER_PARTNER);
        partner = new MarketplaceSandboxClients(sandbox, PARTNER);
        otherPartner = new MarketplaceSandboxClients(sandbox, OTHER_PARTNER);
        saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
    }

    @AfterAll
    static void stop() {
        partner.close();
        otherPartner.close();
        sandbox.close();
    }

    /** A complete channel partner offer on {@code ra}: name, buyers, expiry, markup, release. */
    static List<Change> offer(String ra, String markup, String... buyers) {
        List<Change> changes = new ArrayList<>();
        changes.add(change("CreateOfferUsingResaleAuthorization", CREATE, null, "{'ResaleAuthorizationId':'" + ra + "'}"));
        changes.add(change("UpdateInformation", REF, "{'Name':'Acme via partner','Description':'Resold'}"));
        if (buyers.length > 0) {
            changes.add(change("UpdateTargeting", REF, "{'PositiveTargeting':{'BuyerAccounts':['"
                    + String.join("','", buyers) + "']}}"));
        }
        changes.add(change("UpdateAvailability", REF, "{'AvailabilityEndDate':'" + inDays(30) + "'}"));
        changes.add(change("UpdateMarkup", REF, "{'Percentage':'" + markup + "'}"));
        changes.add(change("ReleaseOffer", REF, "{}"));
        return changes;
    }

    static DescribeChangeSetResponse run(MarketplaceSandboxClients as, List<Change> changes) {
        String id = as.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)).changeSetId();
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> as.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id)),
                        d -> ENDED.contains(d.status()));
    }

    static Map<String, Document> entity(String id) {
        return partner.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(id)).detailsDocument().asMap();
    }

    static Map<String, Document> term(Map<String, Document> offer, String type) {
        return offer.get("Terms").asList().stream().map(Document::asMap)
                .filter(t -> t.get("Type").asString().equals(type)).findFirst().orElseThrow();
    }

    static List<String> errors(DescribeChangeSetResponse done) {
        return done.changeSet().stream().flatMap(c -> c.errorDetailList().stream())
                .map(e -> e.errorCode() + ": " + e.errorMessage()).toList();
    }

    @Test
    void theReleasedOfferCarriesTheIsvTermsMarkedUp() {
        DescribeChangeSetResponse done = run(partner, offer(seed.resaleAuthorizationIds().get(0), "10", BUYER));

        assertThat(done.status()).as("%s", errors(done)).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> offer = entity(done.changeSet().get(0).entity().identifier());
        assertThat(offer.get("State").asString()).isEqualTo("Released");
        assertThat(offer.get("ProductId").asString()).isEqualTo(saas);
        assertThat(offer.get("ResaleAuthorizationId").asString()).isEqualTo(seed.resaleAuthorizationIds().get(0));
        assertThat(offer.get("MarkupPercentage").asString()).isEqualTo("10");
        assertThat(term(offer, "ConfigurableUpfrontPricingTerm").get("RateCards").asList().get(0).asMap()
                .get("RateCard").asList()).allSatisfy(r -> assertThat(r.asMap().get("Price").asString())
                .as("800.00 wholesale + 10%").isEqualTo("880"));
        assertThat(term(offer, "UsageBasedPricingTerm").get("RateCards").asList().get(0).asMap().get("RateCard")
                .asList()).allSatisfy(r -> assertThat(r.asMap().get("Price").asString()).isEqualTo("0.0132"));
        assertThat(term(offer, "LegalTerm").get("Documents").asList().get(0).asMap().get("Type").asString())
                .isEqualTo("StandardEula");
        Map<String, Document> ra = entity(seed.resaleAuthorizationIds().get(0));
        assertThat(ra.get("OfferDetails").asMap().get("OfferExtendedStatus").asString()).isEqualTo("Completed-Usable");
    }

    @Test
    void aOneTimeAuthorizationIsUsedUpByItsFirstOfferAndTheSecondFails() {
        String oneTime = seed.resaleAuthorizationIds().get(2);

        assertThat(run(partner, offer(oneTime, "5", BUYER)).status()).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> details = entity(oneTime).get("OfferDetails").asMap();
        assertThat(details.get("OfferExtendedStatus").asString()).isEqualTo("Completed-Used");
        assertThat(details.get("OfferCreatedCount").asNumber().intValue()).isEqualTo(1);

        DescribeChangeSetResponse second = run(partner, offer(oneTime, "5", BUYER));
        assertThat(second.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(second.failureCodeAsString()).isEqualTo("CLIENT_ERROR");
        assertThat(second.changeSet().get(0).errorDetailList()).extracting(ErrorDetail::errorCode)
                .containsExactly("INCOMPATIBLE_RESALE_AUTHORIZATION");
        assertThat(errors(second)).anySatisfy(e -> assertThat(e).contains("already been used"));
    }

    @Test
    void anExpiredAuthorizationCannotBeUsed() {
        String lapsed = sandbox.shareResaleAuthorization(ISV, PARTNER, saas, "Lapsed deal", "Active", false, false,
                List.of(), Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS));

        DescribeChangeSetResponse done = run(partner, offer(lapsed, "0", BUYER));

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done)).anySatisfy(e -> assertThat(e).startsWith("INCOMPATIBLE_RESALE_AUTHORIZATION")
                .contains("expired"));
    }

    @Test
    void buyersOutsideTheAuthorizationsTargetingAreRefusedAndItsBuyersAreInherited() {
        String forExampleCorp = seed.resaleAuthorizationIds().get(4);

        DescribeChangeSetResponse outside = run(partner, offer(forExampleCorp, "0", BUYER, "777700001111"));
        assertThat(outside.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(outside)).containsExactly("INCOMPATIBLE_RESALE_AUTHORIZATION: Provide BuyerAccounts that"
                + " are compatible with the ResaleAuthorization: buyer account 777700001111 isn't targeted by resale"
                + " authorization " + forExampleCorp);

        DescribeChangeSetResponse inherited = run(partner, offer(forExampleCorp, "0"));
        assertThat(inherited.status()).as("%s", errors(inherited)).isEqualTo(ChangeStatus.SUCCEEDED);
        assertThat(entity(inherited.changeSet().get(0).entity().identifier()).get("Rules").toString())
                .contains(BUYER).contains("123412341234");
    }

    @Test
    void aMarkupCannotBeCombinedWithThePartnersOwnInstallments() {
        List<Change> changes = new ArrayList<>(offer(seed.resaleAuthorizationIds().get(3), "8", BUYER));
        changes.add(change("UpdatePaymentScheduleTerms", REF, "{'Terms':[{'Type':'PaymentScheduleTerm','CurrencyCode':"
                + "'USD','Schedule':[{'ChargeDate':'" + inDays(40) + "','ChargeAmount':'100.00'}]}]}"));

        DescribeChangeSetResponse done = run(partner, changes);

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done)).anySatisfy(e -> assertThat(e).startsWith("INCOMPATIBLE_TERMS: Use either"
                        + " UpdatePaymentScheduleTerms with specific payment amount or UpdateMarkup"))
                .anySatisfy(e -> assertThat(e).startsWith("INCOMPATIBLE_MARKUP_PERCENTAGE: PaymentScheduleTerm isn't"
                        + " supported when MarkupPercentage is greater than zero (0)."));
    }

    @Test
    void withoutAMarkupThePartnersOwnInstallmentsKeepTheIsvsDatesAndAtLeastItsAmounts() {
        String ra = sandbox.shareResaleAuthorization(ISV, PARTNER, seed.products().get(MarketplaceSandbox.ProductType.AMI),
                "Appliance deal in installments", "Active", true, List.of(BUYER));
        List<String> dates = term(entity(ra), "ResalePaymentScheduleTerm").get("Schedule").asList().stream()
                .map(c -> c.asMap().get("ChargeDate").asString().substring(0, 10)).toList();
        assertThat(dates).as("the seed charges 2,500.00 four times").hasSize(4);

        DescribeChangeSetResponse moved = run(partner, withOwnSchedule(ra, "2600.00", true));
        DescribeChangeSetResponse lower = run(partner, withOwnSchedule(ra, "2400.00", false));
        DescribeChangeSetResponse higher = run(partner, withOwnSchedule(ra, "2600.00", false));

        assertThat(errors(moved)).anySatisfy(e -> assertThat(e).startsWith("INCOMPATIBLE_RESALE_AUTHORIZATION: Ensure the"
                + " charge dates in PaymentScheduleTerm are same as the charge dates in the ResaleAuthorization"));
        assertThat(errors(lower)).anySatisfy(e -> assertThat(e).startsWith("INCOMPATIBLE_RESALE_AUTHORIZATION: Ensure the"
                + " charge amount in PaymentScheduleTerm is greater than or equal to the charge amount in the"
                + " ResaleAuthorization for that date"));
        assertThat(higher.status()).as("%s", errors(higher)).isEqualTo(ChangeStatus.SUCCEEDED);
        assertThat(term(entity(higher.changeSet().get(0).entity().identifier()), "PaymentScheduleTerm").get("Schedule")
                .asList()).as("the partner's own amounts, not the ISV's marked up by 0%")
                .allSatisfy(c -> assertThat(c.asMap().get("ChargeAmount").asString()).isEqualTo("2600.00"));
    }

    @Test
    void ownInstallmentsOnAnAuthorizationWithoutAScheduleAreIncompatibleWithIt() {
        List<Change> changes = new ArrayList<>(offer(seed.resaleAuthorizationIds().get(3), "0", BUYER));
        changes.add(changes.size() - 1, change("UpdatePaymentScheduleTerms", REF, "{'Terms':[{'Type':"
                + "'PaymentScheduleTerm','CurrencyCode':'USD','Schedule':[{'ChargeDate':'" + inDays(40)
                + "','ChargeAmount':'100.00'}]}]}"));

        assertThat(errors(run(partner, changes))).contains("INCOMPATIBLE_RESALE_AUTHORIZATION: Provide term(s) that are"
                + " compatible with the ResaleAuthorization. Incompatible terms: [PaymentScheduleTerm].");
    }

    @Test
    void aChannelPartnerMayPriceOnlyAFixedUpfrontTermAndIsToldSoWhenTheChangeSetStarts() {
        List<Change> changes = new ArrayList<>(offer(seed.resaleAuthorizationIds().get(3), "0", BUYER));
        changes.add(1, change("UpdatePricingTerms", REF, "{'PricingModel':'Usage','Terms':[{'Type':"
                + "'UsageBasedPricingTerm','CurrencyCode':'USD','RateCards':[{'RateCard':[{'DimensionKey':'api_calls',"
                + "'Price':'0.01'}]}]}]}"));

        assertThatThrownBy(() -> partner.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("ChangeSet[1] (UpdatePricingTerms): PricingModel must be Contract on an offer"
                        + " made on a resale authorization");
    }

    /**
     * A released offer on {@code ra} without a markup, with the partner's own installments: each of the authorization's
     * dates at {@code amount}, the first one moved 10 days later when {@code moveFirst}.
     */
    private static List<Change> withOwnSchedule(String ra, String amount, boolean moveFirst) {
        List<Change> changes = new ArrayList<>(offer(ra, "0", BUYER));
        StringBuilder schedule = new StringBuilder();
        List<Document> isv = term(entity(ra), "ResalePaymentScheduleTerm").get("Schedule").asList();
        for (int i = 0; i < isv.size(); i++) {
            String date = isv.get(i).asMap().get("ChargeDate").asString().substring(0, 10);
            if (i == 0 && moveFirst) {
                date = java.time.LocalDate.parse(date).plusDays(10).toString();
            }
            schedule.append(i == 0 ? "" : ",").append("{'ChargeDate':'").append(date).append("','ChargeAmount':'")
                    .append(amount).append("'}");
        }
        changes.add(changes.size() - 1, change("UpdatePaymentScheduleTerms", REF, "{'Terms':[{'Type':"
                + "'PaymentScheduleTerm','CurrencyCode':'USD','Schedule':[" + schedule + "]}]}"));
        return changes;
    }

    @Test
    void onlyThePartnerTheAuthorizationWasSharedWithCanUseIt() {
        DescribeChangeSetResponse done = run(otherPartner, offer(seed.resaleAuthorizationIds().get(3), "0", BUYER));

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done)).anySatisfy(e -> assertThat(e).startsWith("INVALID_RESALE_AUTHORIZATION")
                .contains(OTHER_PARTNER));
    }

    @Test
    void theOfferMayNotOutliveItsAuthorization() {
        List<Change> changes = new ArrayList<>(offer(seed.resaleAuthorizationIds().get(3), "0", BUYER));
        changes.set(3, change("UpdateAvailability", REF, "{'AvailabilityEndDate':'" + inDays(60) + "'}"));

        DescribeChangeSetResponse done = run(partner, changes);

        assertThat(done.status()).isEqualTo(ChangeStatus.FAILED);
        assertThat(errors(done)).anySatisfy(e -> assertThat(e).startsWith("INVALID_AVAILABILITY_END_DATE")
                .contains("resale authorization"));
    }
}
