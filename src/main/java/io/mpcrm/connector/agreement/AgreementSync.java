package io.mpcrm.connector.agreement;

import static io.mpcrm.connector.fields.AgreementFields.ACCEPTANCE_TIME;
import static io.mpcrm.connector.fields.AgreementFields.AGREEMENT;
import static io.mpcrm.connector.fields.AgreementFields.AGREEMENT_ID;
import static io.mpcrm.connector.fields.AgreementFields.END_TIME;
import static io.mpcrm.connector.fields.AgreementFields.PRIVATE_OFFER;
import static io.mpcrm.connector.fields.AgreementFields.PRODUCT;
import static io.mpcrm.connector.fields.AgreementFields.SELLER;
import static io.mpcrm.connector.fields.AgreementFields.START_TIME;
import static io.mpcrm.connector.fields.AgreementFields.STATUS;

import io.mpcrm.connector.events.DomainEvent;
import io.mpcrm.connector.events.DomainEvents;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.marketplace.MarketplaceAgreements;
import io.mpcrm.connector.request.SyncReport;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.DescribeAgreementResponse;

/**
 * Reads agreements in full from the Agreement API and writes them to Salesforce in collections of 200, linked to
 * the product and (when it is in Salesforce) the private offer. Describe and terms calls run side by side; the
 * client-side rate limits keep them within the quotas.
 */
@Component
public class AgreementSync implements DisposableBean {

    private final MarketplaceAgreements agreements;
    private final SalesforceRecords salesforce;
    private final Clock clock;
    private final DomainEvents events;
    // Both operations at their quota side by side, each call taking up to about a second and a half.
    private final ExecutorService calls = Executors.newFixedThreadPool(16, r -> {
        Thread thread = new Thread(r, "agreement-describe");
        thread.setDaemon(true);
        return thread;
    });

    public AgreementSync(MarketplaceAgreements agreements, SalesforceRecords salesforce, Clock clock,
                         DomainEvents events) {
        this.agreements = agreements;
        this.salesforce = salesforce;
        this.clock = clock;
        this.events = events;
    }

    /**
     * The records already in Salesforce for the seller account, by agreement id: their change fingerprints and the
     * product and offer they link to.
     */
    Map<String, Held> held(String sellerAccount) {
        Map<String, Held> known = new HashMap<>();
        salesforce.query("SELECT Id, " + AGREEMENT_ID + ", " + STATUS + ", " + START_TIME + ", " + END_TIME + ", "
                        + ACCEPTANCE_TIME + ", " + PRODUCT + ", " + PRIVATE_OFFER + " FROM " + AGREEMENT + " WHERE "
                        + SELLER + " = " + Soql.quote(sellerAccount))
                .forEach(r -> known.put(FieldValues.text(r, AGREEMENT_ID), new Held(r.path("Id").asText(),
                        AgreementRecord.fingerprint(FieldValues.text(r, STATUS), FieldValues.instant(r, START_TIME),
                                FieldValues.instant(r, END_TIME), FieldValues.instant(r, ACCEPTANCE_TIME)),
                        FieldValues.text(r, PRODUCT), FieldValues.text(r, PRIVATE_OFFER))));
        return known;
    }

    /** What the agreements link to: product and offer records of the seller account, by their AWS ids. */
    Links links(String sellerAccount) {
        Map<String, String> products = new HashMap<>();
        salesforce.query("SELECT Id, " + ProductFields.PRODUCT_ID + " FROM " + ProductFields.PRODUCT + " WHERE "
                        + ProductFields.SELLER + " = " + Soql.quote(sellerAccount))
                .forEach(r -> products.put(FieldValues.text(r, ProductFields.PRODUCT_ID), r.path("Id").asText()));
        Map<String, String> offers = new HashMap<>();
        salesforce.query("SELECT Id, " + OfferFields.OFFER_ID + " FROM " + OfferFields.OFFER + " WHERE "
                        + OfferFields.SELLER + " = " + Soql.quote(sellerAccount) + " AND " + OfferFields.OFFER_ID
                        + " != null")
                .forEach(r -> offers.put(FieldValues.text(r, OfferFields.OFFER_ID), r.path("Id").asText()));
        return new Links(products, offers);
    }

    /** Describes the agreements (with their terms) and upserts them; every failure is added to the report. */
    void write(String accountId, String sellerAccount, List<String> agreementIds, Links links, SyncReport report) {
        write(describe(accountId, agreementIds), sellerAccount, links, report);
    }

    /**
     * Starts describing the agreements: the describe and the terms call of each one are queued one after the other,
     * so the two operations run side by side, each at its own quota.
     */
    Described describe(String accountId, List<String> agreementIds) {
        List<CompletableFuture<DescribeAgreementResponse>> described = new ArrayList<>(agreementIds.size());
        List<CompletableFuture<List<AcceptedTerm>>> terms = new ArrayList<>(agreementIds.size());
        for (String id : agreementIds) {
            described.add(CompletableFuture.supplyAsync(() -> agreements.describe(accountId, id), calls));
            terms.add(CompletableFuture.supplyAsync(() -> agreements.terms(accountId, id), calls));
        }
        return new Described(List.copyOf(agreementIds), described, terms);
    }

    /** Waits for the described agreements and upserts them in one collection per 200. */
    void write(Described batch, String sellerAccount, Links links, SyncReport report) {
        // Joined here, never inside a task: no task waits on another task.
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, DescribeAgreementResponse> byId = new HashMap<>();
        for (int i = 0; i < batch.ids().size(); i++) {
            DescribeAgreementResponse agreement = join(batch.agreements().get(i));
            byId.put(agreement.agreementId(), agreement);
            var proposal = agreement.proposalSummary();
            String productId = proposal == null || proposal.resources().isEmpty() ? null
                    : proposal.resources().get(0).id();
            String offerId = proposal == null ? null : proposal.offerId();
            rows.add(AgreementRecord.of(agreement, join(batch.terms().get(i)), sellerAccount,
                    links.products().get(productId), links.offers().get(offerId), clock.instant()));
        }
        List<SalesforceRecords.WriteResult> results = salesforce.upsertAll(AGREEMENT, AGREEMENT_ID.name(), rows);
        report.add(results);
        results.stream().filter(SalesforceRecords.WriteResult::success)
                .forEach(result -> announce(byId.get(result.key()), result));
    }

    /**
     * Fills the links of agreements AWS did not change: the product or offer record an empty lookup can point to now
     * (an offer imported since the agreement was written, a product refreshed since), from the ids the search gave,
     * without describing them again. Only agreements that gain a link are written, one collection per 200; they are
     * not announced, as nothing changed in AWS.
     */
    void link(List<Unlinked> unlinked, Links links, SyncReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> agreementIds = new ArrayList<>();
        for (Unlinked agreement : unlinked) {
            Map<String, Object> row = new LinkedHashMap<>();
            String product = links.products().get(agreement.productId());
            if (agreement.held().product() == null && product != null) {
                row.put(PRODUCT.name(), product);
            }
            String offer = links.offers().get(agreement.offerId());
            if (agreement.held().offer() == null && offer != null) {
                row.put(PRIVATE_OFFER.name(), offer);
            }
            if (row.isEmpty()) {
                report.unchanged(1);
            } else {
                row.put("Id", agreement.held().recordId());
                rows.add(row);
                agreementIds.add(agreement.agreementId());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<SalesforceRecords.WriteResult> results = salesforce.updateAll(AGREEMENT, rows);
        List<SalesforceRecords.WriteResult> byAgreement = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            SalesforceRecords.WriteResult result = results.get(i);
            byAgreement.add(new SalesforceRecords.WriteResult(agreementIds.get(i), result.id(), result.success(),
                    false, result.errors()));
        }
        report.add(byAgreement);
    }

    /** Only agreements written are announced: a sync writes the new and the changed ones, nothing else. */
    private void announce(DescribeAgreementResponse agreement, SalesforceRecords.WriteResult result) {
        if (agreement == null) {
            return;
        }
        String offerId = agreement.proposalSummary() == null ? null : agreement.proposalSummary().offerId();
        String buyer = agreement.acceptor() == null ? null : agreement.acceptor().accountId();
        String said = "Agreement " + agreement.agreementId() + (buyer == null ? "" : " with buyer " + buyer)
                + (result.created() ? " is new" : " changed") + ": " + agreement.statusAsString() + ".";
        events.publish(result.created() ? DomainEvent.Type.AGREEMENT_NEW : DomainEvent.Type.AGREEMENT_CHANGED,
                agreement.proposer() == null ? null : agreement.proposer().accountId(), AGREEMENT, result.id(),
                agreement.statusAsString(), said,
                DomainEvent.MarketplaceIds.agreement(agreement.agreementId(), offerId));
    }

    /** Agreements whose describe and terms calls are under way, in the order they were asked for. */
    record Described(List<String> ids, List<CompletableFuture<DescribeAgreementResponse>> agreements,
                     List<CompletableFuture<List<AcceptedTerm>>> terms) {
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }

    record Links(Map<String, String> products, Map<String, String> offers) {
    }

    /** An agreement's record: its id, its change fingerprint, and the product and offer records it links to. */
    record Held(String recordId, String fingerprint, String product, String offer) {

        /** Whether a lookup is empty that a record in Salesforce may fill. */
        boolean unlinked() {
            return product == null || offer == null;
        }
    }

    /** An agreement AWS did not change whose record misses a link, with the ids of what it links to. */
    record Unlinked(String agreementId, Held held, String productId, String offerId) {
    }
}
