package io.mpcrm.connector.agreement;

import io.mpcrm.connector.marketplace.MarketplaceAgreements;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.request.RequestProgress;
import io.mpcrm.connector.request.SyncReport;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;

/**
 * REFRESH_AGREEMENTS: every agreement the seller account proposed. Incremental: an agreement whose status and dates
 * are unchanged since the last sync is neither described again nor written.
 */
@Component
public class RefreshAgreementsAction implements RequestAction {

    private static final int PROGRESS_EVERY = 1000;

    private final MarketplaceAgreements agreements;
    private final AgreementSync sync;
    private final RequestProgress progress;

    public RefreshAgreementsAction(MarketplaceAgreements agreements, AgreementSync sync, RequestProgress progress) {
        this.agreements = agreements;
        this.sync = sync;
        this.progress = progress;
    }

    @Override
    public String action() {
        return "REFRESH_AGREEMENTS";
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String account = request.sellerAccountId();
        String seller = request.sellerAccountRecordId();
        Map<String, String> known = sync.knownFingerprints(seller);
        AgreementSync.Links links = sync.links(seller);
        SyncReport report = new SyncReport("agreement");
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
        List<String> pending = new ArrayList<>();
        int[] checked = {0, 0};
        agreements.searchProposed(account, page -> {
            for (AgreementViewSummary summary : page) {
                checked[0]++;
                if (AgreementRecord.fingerprint(summary).equals(known.get(summary.agreementId()))) {
                    report.unchanged(1);
                } else {
                    pending.add(summary.agreementId());
                }
            }
            if (pending.size() >= SalesforceRecords.COLLECTION_LIMIT) {
                sync.write(account, seller, List.copyOf(pending), links, report);
                checked[1] += pending.size();
                pending.clear();
            }
            if (checked[0] / PROGRESS_EVERY > (checked[0] - page.size()) / PROGRESS_EVERY) {
                progress.report(request, "Checked " + count.format(checked[0]) + " agreements; "
                        + count.format(checked[1]) + " new or changed written so far");
            }
        });
        if (!pending.isEmpty()) {
            sync.write(account, seller, List.copyOf(pending), links, report);
        }
        return report.conclude("checked " + count.format(checked[0]) + " agreements");
    }
}
