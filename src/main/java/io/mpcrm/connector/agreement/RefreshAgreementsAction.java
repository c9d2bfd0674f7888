package io.mpcrm.connector.agreement;

import io.mpcrm.connector.marketplace.MarketplaceAgreements;
import io.mpcrm.connector.request.SyncMetrics;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestProgress;
import io.mpcrm.connector.request.SyncReport;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;

/**
 * REFRESH_AGREEMENTS: every agreement the seller account proposed. Incremental: an agreement whose status and dates
 * are unchanged since the last sync is not described again, and is written only to fill a link it lacks (its offer
 * imported, or its product refreshed, since); a refresh that finds nothing new writes nothing. Salesforce calls are
 * spent sparingly: one collection per 200 agreements written, the records to link them to read only when something
 * is written or a record lacks a link, and progress shown only on a long refresh.
 */
@Component
public class RefreshAgreementsAction implements RequestAction {

    /** Progress is shown after this many more agreements are checked ... */
    static final int PROGRESS_EVERY = 5000;
    /** ... and this long after the start or the previous report, so that a refresh of a minute writes none. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMinutes(1);
    /**
     * Batches described ahead of the one being written, so the describe and terms calls go on at their quotas while
     * a batch is upserted and the next pages are searched.
     */
    private static final int BATCHES_AHEAD = 2;

    private final MarketplaceAgreements agreements;
    private final AgreementSync sync;
    private final RequestProgress progress;
    private final Clock clock;
    private final SyncMetrics syncMetrics;

    public RefreshAgreementsAction(MarketplaceAgreements agreements, AgreementSync sync, RequestProgress progress,
                                   Clock clock, SyncMetrics syncMetrics) {
        this.agreements = agreements;
        this.sync = sync;
        this.progress = progress;
        this.clock = clock;
        this.syncMetrics = syncMetrics;
    }

    @Override
    public String action() {
        return "REFRESH_AGREEMENTS";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(RequestFields.SELLER_ACCOUNT);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        Refresh refresh = new Refresh(request);
        agreements.searchProposed(request.sellerAccountId(), refresh::checkPage);
        return refresh.finish();
    }

    /** The state of one refresh: what is known, what is being described, what was written. */
    private final class Refresh {
        private final MarketplaceRequest request;
        private final String account;
        private final String seller;
        private final Map<String, AgreementSync.Held> known;
        private final List<AgreementSync.Unlinked> unlinked = new ArrayList<>();
        private final SyncReport report = new SyncReport("agreement");
        private final NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
        private final List<String> pending = new ArrayList<>();
        private final Deque<AgreementSync.Described> described = new ArrayDeque<>();
        private AgreementSync.Links links;
        private int checked;
        private int written;
        private int checkedAtReport;
        private Instant reportedAt;

        Refresh(MarketplaceRequest request) {
            this.request = request;
            this.account = request.sellerAccountId();
            this.seller = request.sellerAccountRecordId();
            this.known = sync.held(seller);
            this.reportedAt = clock.instant();
        }

        void checkPage(List<AgreementViewSummary> page) {
            for (AgreementViewSummary summary : page) {
                checked++;
                AgreementSync.Held held = known.get(summary.agreementId());
                if (held != null && AgreementRecord.fingerprint(summary).equals(held.fingerprint())) {
                    if (held.unlinked()) {
                        var proposal = summary.proposalSummary();
                        unlinked.add(new AgreementSync.Unlinked(summary.agreementId(), held,
                                proposal == null || proposal.resources().isEmpty() ? null
                                        : proposal.resources().get(0).id(),
                                proposal == null ? null : proposal.offerId()));
                    } else {
                        report.unchanged(1);
                    }
                } else {
                    pending.add(summary.agreementId());
                }
            }
            if (pending.size() >= SalesforceRecords.COLLECTION_LIMIT) {
                describePending();
            }
            while (described.size() > BATCHES_AHEAD) {
                writeOldest();
            }
            showProgress();
        }

        String finish() {
            if (!pending.isEmpty()) {
                describePending();
            }
            while (!described.isEmpty()) {
                writeOldest();
            }
            if (!unlinked.isEmpty()) {
                sync.link(unlinked, links(), report);
            }
            return syncMetrics.conclude(SyncMetrics.AGREEMENTS, account, report,
                    "checked " + count.format(checked) + " agreements");
        }

        private void describePending() {
            described.add(sync.describe(account, List.copyOf(pending)));
            pending.clear();
        }

        private void writeOldest() {
            AgreementSync.Described batch = described.poll();
            sync.write(batch, seller, links(), report);
            written += batch.ids().size();
        }

        private AgreementSync.Links links() {
            if (links == null) {
                links = sync.links(seller);
            }
            return links;
        }

        private void showProgress() {
            Instant now = clock.instant();
            if (checked - checkedAtReport >= PROGRESS_EVERY && !now.isBefore(reportedAt.plus(PROGRESS_INTERVAL))) {
                progress.report(request, "Checked " + count.format(checked) + " agreements; "
                        + count.format(written) + " new or changed written so far");
                checkedAtReport = checked;
                reportedAt = now;
            }
        }
    }
}
