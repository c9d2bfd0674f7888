package io.mpcrm.connector.sandbox.marketplace;

import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.change;
import static io.mpcrm.connector.sandbox.marketplace.OfferChangeSets.inDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.services.marketplacecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplacecatalog.model.ValidationException;

/**
 * Replacement (agreement-based) offers through the real SDK client, as AWS treats them: the agreement must be the
 * caller's and active, a CPPO agreement needs its resale authorization, targeting is fixed to the agreement's buyer,
 * pricing is contract only and releasing needs an AgreementEndDate.
 */
class MarketplaceSandboxReplacementOfferIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";
    static final Set<ChangeStatus> ENDED = EnumSet.of(ChangeStatus.SUCCEEDED, ChangeStatus.FAILED,
            ChangeStatus.CANCELLED);

    static MarketplaceSandbox sandbox;
    static ReplaceableAgreementsSeed agreements;
    static MarketplaceSandboxClients seller;
    static MarketplaceSandboxClients partner;
    static String amiResaleAuthorization;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        MarketplaceSandbox.Seed seed = sandbox.seedDefault(SELLER, PARTNER);
        agreements = ReplaceableAgreementsSeed.plant(sandbox, seed, Instant.now());
        amiResaleAuthorization = seed.resaleAuthorizationIds().get(1);
        sandbox.setChangeSetDelays(Duration.ofMillis(50), Duration.ofMillis(50));
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
        partner = new MarketplaceSandboxClients(sandbox, PARTNER);
    }

    @AfterAll
    static void stop() {
        seller.close();
        partner.close();
        sandbox.close();
    }

    @Test
    void aReplacementOfferIsReleasedToTheAgreementsBuyerWithItsNewEndDate() {
        DescribeChangeSetResponse done = run(seller, replacement("CreateReplacementOffer",
                "{'AgreementId':'" + agreements.contract() + "'}", "Contract", inDays(400)));

        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> offer = entity(seller, done.changeSet().get(0).entity().identifier());
        assertThat(offer.get("State").asString()).isEqualTo("Released");
        assertThat(rule(offer, "TargetingRule").get("PositiveTargeting").asMap().get("BuyerAccounts").asList())
                .extracting(Document::asString).containsExactly(ReplaceableAgreementsSeed.CONTRACT_BUYER);
        assertThat(term(offer, "ValidityTerm").get("AgreementEndDate").asString()).isEqualTo(inDays(400));
    }

    @Test
    void releasingWithoutAnAgreementEndDateFailsWithMissingAgreementEndDate() {
        List<Change> changes = replacement("CreateReplacementOffer", "{'AgreementId':'" + agreements.contract() + "'}",
                "Contract", null);

        assertThat(errors(run(seller, changes))).contains("MISSING_AGREEMENT_END_DATE");
    }

    @Test
    void aReplacementOfferCannotBeTargeted() {
        List<Change> changes = replacement("CreateReplacementOffer", "{'AgreementId':'" + agreements.contract() + "'}",
                "Contract", inDays(400));
        changes.add(1, change("UpdateTargeting", ref("CreateReplacementOffer"),
                "{'PositiveTargeting':{'BuyerAccounts':['123456789012']}}"));

        assertThat(errors(run(seller, changes))).contains("INCOMPATIBLE_TARGETING");
    }

    @Test
    void aReplacementOfferIsPricedByContractOnly() {
        List<Change> changes = replacement("CreateReplacementOffer", "{'AgreementId':'" + agreements.contract() + "'}",
                "Usage", inDays(400));

        assertThat(errors(run(seller, changes))).contains("INCOMPATIBLE_PRICING");
    }

    @Test
    void anExpiredAgreementCannotBeReplaced() {
        List<Change> changes = replacement("CreateReplacementOffer", "{'AgreementId':'" + agreements.expired() + "'}",
                "Contract", inDays(400));

        assertThat(errors(run(seller, changes))).contains("INCOMPATIBLE_AGREEMENT");
    }

    @Test
    void anotherAccountsAgreementIsNotFound() {
        List<Change> changes = replacement("CreateReplacementOffer",
                "{'AgreementId':'" + agreements.channelPartnerContract() + "'}", "Contract", inDays(400));

        assertThatThrownBy(() -> start(seller, changes)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(agreements.channelPartnerContract());
    }

    @Test
    void aChannelPartnersAgreementIsNotReplacedWithoutItsResaleAuthorization() {
        List<Change> changes = replacement("CreateReplacementOffer",
                "{'AgreementId':'" + agreements.channelPartnerContract() + "'}", "Contract", inDays(400));

        assertThat(errors(run(partner, changes))).contains("INCOMPATIBLE_AGREEMENT");
    }

    @Test
    void aChannelPartnersAgreementIsReplacedUsingTheResaleAuthorization() {
        DescribeChangeSetResponse done = run(partner, replacement("CreateReplacementOfferUsingResaleAuthorization",
                "{'AgreementId':'" + agreements.channelPartnerContract() + "','ResaleAuthorizationId':'"
                        + agreements.resaleAuthorization() + "'}", "Contract", inDays(400)));

        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.SUCCEEDED);
        Map<String, Document> offer = entity(partner, done.changeSet().get(0).entity().identifier());
        assertThat(offer.get("ResaleAuthorizationId").asString()).isEqualTo(agreements.resaleAuthorization());
        assertThat(rule(offer, "TargetingRule").get("PositiveTargeting").asMap().get("BuyerAccounts").asList())
                .extracting(Document::asString).containsExactly(ReplaceableAgreementsSeed.CHANNEL_PARTNER_BUYER);
    }

    @Test
    void aResaleAuthorizationForAnotherProductCannotReplaceTheAgreement() {
        List<Change> changes = replacement("CreateReplacementOfferUsingResaleAuthorization",
                "{'AgreementId':'" + agreements.channelPartnerContract() + "','ResaleAuthorizationId':'"
                        + amiResaleAuthorization + "'}", "Contract", inDays(400));

        // The AMI one is also targeted to another buyer than the agreement's.
        assertThat(messages(run(partner, changes))).anySatisfy(e -> assertThat(e).startsWith(
                "INCOMPATIBLE_RESALE_AUTHORIZATION: The ResaleAuthorization must be for the same product"))
                .anySatisfy(e -> assertThat(e).startsWith("INCOMPATIBLE_RESALE_AUTHORIZATION: Use a ResaleAuthorization"
                        + " targeted to the acceptor of the agreement"));
    }

    @Test
    void aChannelPartnerSendsOnlyAContractFixedUpfrontTermWithItsQuantitiesWhenTheChangeSetStarts() {
        String create = "CreateReplacementOfferUsingResaleAuthorization";
        String details = "{'AgreementId':'" + agreements.channelPartnerContract() + "','ResaleAuthorizationId':'"
                + agreements.resaleAuthorization() + "'}";
        List<Change> rateCards = replacement(create, details, "Contract", inDays(400));
        rateCards.set(2, change("UpdatePricingTerms", ref(create), "{'PricingModel':'Contract','Terms':["
                + "{'Type':'ConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{'Selector':"
                + "{'Type':'Duration','Value':'P12M'},'RateCard':[{'DimensionKey':'users','Price':'150'}],"
                + "'Constraints':{'MultipleDimensionSelection':'Allowed','QuantityConfiguration':'Allowed'}}]}]}"));
        List<Change> unlimited = replacement(create, details, "Contract", inDays(400));
        unlimited.set(2, change("UpdatePricingTerms", ref(create), "{'PricingModel':'Contract','Terms':["
                + "{'Type':'FixedUpfrontPricingTerm','CurrencyCode':'USD','Price':'0','Duration':'P12M',"
                + "'Grants':[{'DimensionKey':'users'}]}]}"));

        assertThatThrownBy(() -> start(partner, rateCards)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Terms[0].Type must be FixedUpfrontPricingTerm on an offer made on a resale"
                        + " authorization");
        assertThatThrownBy(() -> start(partner, unlimited)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Terms[0].Grants[0].MaxQuantity is required on an offer made on a resale"
                        + " authorization");
    }

    @Test
    void aChannelPartnersReplacementWithAScheduleButNoFixedUpfrontTermFailsMissingMandatoryTerms() {
        String create = "CreateReplacementOfferUsingResaleAuthorization";
        List<Change> changes = replacement(create, "{'AgreementId':'" + agreements.channelPartnerContract()
                + "','ResaleAuthorizationId':'" + agreements.resaleAuthorization() + "'}", "Contract", inDays(400));
        changes.remove(2);

        assertThat(messages(run(partner, changes))).anySatisfy(e -> assertThat(e).startsWith("MISSING_MANDATORY_TERMS")
                .contains("FixedUpfrontPricingTerm"));
    }

    /**
     * A whole replacement offer, released: Create*, information, contract pricing, EULA, expiry, validity. A channel
     * partner's sends what AWS's example does: the units granted for 0 beside a payment schedule, as a channel
     * partner may price nothing else
     * (https://docs.aws.amazon.com/code-library/latest/ug/marketplace-catalog_example_marketplace-catalog_CreateResaleAuthorizationReplacementOffer_section.html).
     */
    private static List<Change> replacement(String createChange, String createDetails, String pricingModel,
                                            String agreementEndDate) {
        String ref = ref(createChange);
        boolean channelPartner = createChange.endsWith("UsingResaleAuthorization");
        List<Change> changes = new ArrayList<>();
        changes.add(change(createChange, createChange, null, createDetails));
        changes.add(change("UpdateInformation", ref, "{'Name':'Renewal','Description':'Replaces the agreement'}"));
        changes.add(change("UpdatePricingTerms", ref, channelPartner
                ? "{'PricingModel':'" + pricingModel + "','Terms':[{'Type':'FixedUpfrontPricingTerm','CurrencyCode':"
                + "'USD','Price':'0.0','Duration':'P12M','Grants':[{'DimensionKey':'users','MaxQuantity':2}]}]}"
                : "{'PricingModel':'" + pricingModel + "','Terms':["
                + "{'Type':'ConfigurableUpfrontPricingTerm','CurrencyCode':'USD','RateCards':[{'Selector':"
                + "{'Type':'Duration','Value':'P12M'},'RateCard':[{'DimensionKey':'users','Price':'150'}],"
                + "'Constraints':{'MultipleDimensionSelection':'Allowed','QuantityConfiguration':'Allowed'}}]}]}"));
        changes.add(change("UpdateLegalTerms", ref,
                "{'Terms':[{'Type':'LegalTerm','Documents':[{'Type':'StandardEula','Version':'2022-07-14'}]}]}"));
        changes.add(change("UpdateAvailability", ref, "{'AvailabilityEndDate':'" + inDays(30) + "'}"));
        if (agreementEndDate != null) {
            changes.add(change("UpdateValidityTerms", ref,
                    "{'Terms':[{'Type':'ValidityTerm','AgreementEndDate':'" + agreementEndDate + "'}]}"));
        }
        if (channelPartner) {
            changes.add(change("UpdatePaymentScheduleTerms", ref, "{'Terms':[{'Type':'PaymentScheduleTerm',"
                    + "'CurrencyCode':'USD','Schedule':[{'ChargeDate':'" + inDays(40) + "','ChargeAmount':'300.00'}]}]}"));
        }
        changes.add(change("ReleaseOffer", ref, "{}"));
        return changes;
    }

    private static String ref(String createChange) {
        return "$" + createChange + ".Entity.Identifier";
    }

    private static String start(MarketplaceSandboxClients account, List<Change> changes) {
        return account.catalog.startChangeSet(r -> r.catalog("AWSMarketplace").changeSet(changes)).changeSetId();
    }

    private static DescribeChangeSetResponse run(MarketplaceSandboxClients account, List<Change> changes) {
        String id = start(account, changes);
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> account.catalog.describeChangeSet(r -> r.catalog("AWSMarketplace").changeSetId(id)),
                        d -> ENDED.contains(d.status()));
    }

    private static List<String> messages(DescribeChangeSetResponse done) {
        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.FAILED);
        return done.changeSet().stream().flatMap(c -> c.errorDetailList().stream())
                .map(e -> e.errorCode() + ": " + e.errorMessage()).toList();
    }

    private static List<String> errors(DescribeChangeSetResponse done) {
        assertThat(done.status()).as("%s", done).isEqualTo(ChangeStatus.FAILED);
        return done.changeSet().stream().flatMap(c -> c.errorDetailList().stream()).map(e -> e.errorCode()).toList();
    }

    private static Map<String, Document> entity(MarketplaceSandboxClients account, String id) {
        return account.catalog.describeEntity(r -> r.catalog("AWSMarketplace").entityId(id)).detailsDocument()
                .asMap();
    }

    private static Map<String, Document> rule(Map<String, Document> offer, String type) {
        return offer.get("Rules").asList().stream().map(Document::asMap)
                .filter(t -> t.get("Type").asString().equals(type)).findFirst().orElseThrow();
    }

    private static Map<String, Document> term(Map<String, Document> offer, String type) {
        return offer.get("Terms").asList().stream().map(Document::asMap)
                .filter(t -> t.get("Type").asString().equals(type)).findFirst().orElseThrow();
    }
}
