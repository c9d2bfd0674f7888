package io.mpcrm.connector.marketplace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplaceagreement.model.DescribeAgreementResponse;
import software.amazon.awssdk.services.marketplaceagreement.model.Filter;

/** The Agreement API as the features use it: the seller's agreements page by page, one agreement in full. */
@Component
public class MarketplaceAgreements {

    private static final int PAGE_SIZE = 50;

    private final SellerAccountClients clients;

    public MarketplaceAgreements(SellerAccountClients clients) {
        this.clients = clients;
    }

    /** Every purchase agreement the account proposed, handed over one page (at most 50) at a time. */
    public void searchProposed(String accountId, Consumer<List<AgreementViewSummary>> page) {
        AwsFailures.call("searching agreements", accountId, () -> {
            clients.agreements(accountId).searchAgreementsPaginator(r -> r.catalog(MarketplaceCatalog.CATALOG)
                    .filters(Filter.builder().name("PartyType").values("Proposer").build(),
                            Filter.builder().name("AgreementType").values("PurchaseAgreement").build())
                    .maxResults(PAGE_SIZE)).forEach(response -> page.accept(response.agreementViewSummaries()));
            return null;
        });
    }

    public DescribeAgreementResponse describe(String accountId, String agreementId) {
        return AwsFailures.call("describing agreement " + agreementId, accountId,
                () -> clients.agreements(accountId).describeAgreement(r -> r.agreementId(agreementId)));
    }

    /** All accepted terms of the agreement, across pages. */
    public List<AcceptedTerm> terms(String accountId, String agreementId) {
        return AwsFailures.call("reading the terms of agreement " + agreementId, accountId, () -> {
            List<AcceptedTerm> terms = new ArrayList<>();
            clients.agreements(accountId).getAgreementTermsPaginator(r -> r.agreementId(agreementId).maxResults(50))
                    .forEach(response -> terms.addAll(response.acceptedTerms()));
            return terms;
        });
    }
}
