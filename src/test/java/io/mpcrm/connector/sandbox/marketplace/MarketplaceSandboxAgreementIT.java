package io.mpcrm.connector.sandbox.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplaceagreement.model.DescribeAgreementResponse;
import software.amazon.awssdk.services.marketplaceagreement.model.Filter;
import software.amazon.awssdk.services.marketplaceagreement.model.ResourceNotFoundException;
import software.amazon.awssdk.services.marketplaceagreement.model.SearchAgreementsRequest;
import software.amazon.awssdk.services.marketplaceagreement.model.SearchAgreementsResponse;
import software.amazon.awssdk.services.marketplaceagreement.model.ValidationException;
import software.amazon.awssdk.services.marketplaceagreement.model.ValidationExceptionReason;

class MarketplaceSandboxAgreementIT {

    static final String SELLER = "111122223333";
    static final String PARTNER = "999988887777";
    static final String BIG_SELLER = "123412341234";

    static MarketplaceSandbox sandbox;
    static MarketplaceSandbox.Seed seed;
    static MarketplaceSandboxClients seller;

    @BeforeAll
    static void start() {
        sandbox = MarketplaceSandbox.start();
        seed = sandbox.seedDefault(SELLER, PARTNER);
        sandbox.generateAgreements(SELLER, 7, new Random(7));
        seller = new MarketplaceSandboxClients(sandbox, SELLER);
    }

    @AfterAll
    static void stop() {
        seller.close();
        sandbox.close();
    }

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    static List<AgreementViewSummary> searchAll(MarketplaceSandboxClients c, int pageSize, Filter... extra) {
        List<Filter> filters = new ArrayList<>(List.of(filter("PartyType", "Proposer"), filter("AgreementType", "PurchaseAgreement")));
        filters.addAll(List.of(extra));
        List<AgreementViewSummary> all = new ArrayList<>();
        for (SearchAgreementsResponse page : c.agreement.searchAgreementsPaginator(SearchAgreementsRequest.builder()
                .catalog("AWSMarketplace").filters(filters).maxResults(pageSize).build())) {
            assertThat(page.agreementViewSummaries()).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page.agreementViewSummaries());
        }
        return all;
    }

    @Test
    void searchesPageByPage() {
        List<AgreementViewSummary> all = searchAll(seller, 2);
        assertThat(all).hasSize(4 + 7);
        assertThat(all).extracting(AgreementViewSummary::agreementId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("agmt-[a-z0-9]{25}"));
        assertThat(all).allSatisfy(a -> {
            assertThat(a.proposer().accountId()).isEqualTo(SELLER);
            assertThat(a.agreementType()).isEqualTo("PurchaseAgreement");
            assertThat(a.proposalSummary().resources()).hasSize(1);
            assertThat(a.startTime()).isNotNull();
        });
        List<AgreementViewSummary> active = searchAll(seller, 50, filter("Status", "ACTIVE"));
        assertThat(active).isNotEmpty().allSatisfy(a -> assertThat(a.statusAsString()).isEqualTo("ACTIVE"));
        String saas = seed.products().get(MarketplaceSandbox.ProductType.SAAS);
        assertThat(searchAll(seller, 50, filter("AcceptorAccountId", "444455556666"), filter("ResourceIdentifier", saas)))
                .extracting(AgreementViewSummary::agreementId).contains(seed.activeAgreementId());

        sandbox.setAgreementStatus(seed.activeAgreementId(), "CANCELLED");
        try {
            assertThat(searchAll(seller, 50, filter("Status", "CANCELLED"))).extracting(AgreementViewSummary::agreementId)
                    .contains(seed.activeAgreementId());
        } finally {
            sandbox.setAgreementStatus(seed.activeAgreementId(), "ACTIVE");
        }
    }

    @Test
    void refusesUnsupportedFilterCombinations() {
        assertThatThrownBy(() -> seller.agreement.searchAgreements(r -> r.catalog("AWSMarketplace")
                .filters(filter("PartyType", "Proposer"), filter("AgreementType", "PurchaseAgreement"), filter("ResourceType", "SaaSProduct"))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(ValidationExceptionReason.UNSUPPORTED_FILTERS));
        assertThatThrownBy(() -> seller.agreement.searchAgreements(r -> r.catalog("AWSMarketplace")
                .filters(filter("Status", "ACTIVE"))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(ValidationExceptionReason.UNSUPPORTED_FILTERS));
        assertThatThrownBy(() -> seller.agreement.searchAgreements(r -> r.catalog("AWSMarketplace")
                .filters(filter("PartyType", "Proposer"), Filter.builder().name("AgreementType").values("PurchaseAgreement", "VendorInsightsAgreement").build())))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> seller.agreement.searchAgreements(r -> r.catalog("AWSMarketplace").nextToken("garbage")
                .filters(filter("PartyType", "Proposer"), filter("AgreementType", "PurchaseAgreement"))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(ValidationExceptionReason.INVALID_NEXT_TOKEN));
    }

    @Test
    void describesAnAgreementAndItsTerms() {
        DescribeAgreementResponse a = seller.agreement.describeAgreement(r -> r.agreementId(seed.activeAgreementId()));
        assertThat(a.statusAsString()).isEqualTo("ACTIVE");
        assertThat(a.acceptor().accountId()).isEqualTo("444455556666");
        assertThat(a.proposalSummary().offerId()).isEqualTo(seed.offerId());
        assertThat(a.proposalSummary().resources().get(0).type()).isEqualTo("SaaSProduct");
        assertThat(a.estimatedCharges().currencyCode()).isEqualTo("USD");
        assertThat(Double.parseDouble(a.estimatedCharges().agreementValue())).isPositive();
        assertThat(a.endTime()).isAfter(a.startTime());

        List<AcceptedTerm> terms = new ArrayList<>();
        seller.agreement.getAgreementTermsPaginator(r -> r.agreementId(seed.activeAgreementId()).maxResults(2))
                .forEach(p -> terms.addAll(p.acceptedTerms()));
        Set<AcceptedTerm.Type> types = new HashSet<>();
        terms.forEach(t -> types.add(t.type()));
        assertThat(types).contains(AcceptedTerm.Type.LEGAL_TERM, AcceptedTerm.Type.CONFIGURABLE_UPFRONT_PRICING_TERM,
                AcceptedTerm.Type.USAGE_BASED_PRICING_TERM, AcceptedTerm.Type.VALIDITY_TERM,
                AcceptedTerm.Type.RENEWAL_TERM, AcceptedTerm.Type.SUPPORT_TERM);
        var upfront = terms.stream().filter(t -> t.configurableUpfrontPricingTerm() != null).findFirst().orElseThrow()
                .configurableUpfrontPricingTerm();
        assertThat(upfront.configuration().dimensions()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.dimensionValue()).isPositive());
        assertThat(upfront.rateCards().get(0).rateCard()).isNotEmpty();
        var renewal = terms.stream().filter(t -> t.renewalTerm() != null).findFirst().orElseThrow().renewalTerm();
        assertThat(renewal.configuration().enableAutoRenew()).isTrue();
        var validity = terms.stream().filter(t -> t.validityTerm() != null).findFirst().orElseThrow().validityTerm();
        assertThat(validity.agreementEndDate()).isEqualTo(a.endTime());

        String schedule = seed.agreementIds().get(3);
        List<AcceptedTerm> fps = seller.agreement.getAgreementTerms(r -> r.agreementId(schedule)).acceptedTerms();
        var payment = fps.stream().filter(t -> t.paymentScheduleTerm() != null).findFirst().orElseThrow().paymentScheduleTerm();
        assertThat(payment.schedule()).hasSize(4).allSatisfy(s -> assertThat(s.chargeDate()).isNotNull());
        assertThat(fps.stream().filter(t -> t.fixedUpfrontPricingTerm() != null).findFirst().orElseThrow().fixedUpfrontPricingTerm().grants()).isNotEmpty();

        assertThatThrownBy(() -> seller.agreement.describeAgreement(r -> r.agreementId("agmt-unknown")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tenThousandGeneratedAgreementsAreSearchable() {
        long started = System.nanoTime();
        List<String> ids = sandbox.generateAgreements(BIG_SELLER, 10_000, new Random(1));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("generated 10000 agreements in " + millis + " ms");
        assertThat(millis).as("generation time in ms").isLessThan(5_000);
        assertThat(new HashSet<>(ids)).hasSize(10_000);

        try (MarketplaceSandboxClients big = new MarketplaceSandboxClients(sandbox, BIG_SELLER)) {
            sandbox.setQuotaScale(100); // the page walk is not what this test measures
            try {
                List<AgreementViewSummary> expired = searchAll(big, 50, filter("Status", "EXPIRED"));
                assertThat(expired).hasSizeBetween(1000, 3000).allSatisfy(a -> assertThat(a.statusAsString()).isEqualTo("EXPIRED"));
                assertThat(expired).extracting(AgreementViewSummary::agreementId).doesNotHaveDuplicates();
                SearchAgreementsResponse first = big.agreement.searchAgreements(r -> r.catalog("AWSMarketplace").maxResults(50)
                        .filters(filter("PartyType", "Proposer"), filter("AgreementType", "PurchaseAgreement")));
                assertThat(first.agreementViewSummaries()).hasSize(50);
                assertThat(first.nextToken()).isNotNull();
            } finally {
                sandbox.setQuotaScale(1);
            }
        }
    }
}
