package io.mpcrm.connector.agreement;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestInput;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.request.SyncReport;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** IMPORT_AGREEMENT: one agreement, by the id a seller pasted, described and written like the refresh does. */
@Component
public class ImportAgreementAction implements RequestAction {

    private final AgreementSync sync;
    private final RequestInput input;

    public ImportAgreementAction(AgreementSync sync, RequestInput input) {
        this.sync = sync;
        this.input = input;
    }

    @Override
    public String action() {
        return "IMPORT_AGREEMENT";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(RequestFields.SELLER_ACCOUNT);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String agreementId = agreementId(request);
        SyncReport report = new SyncReport("agreement");
        sync.write(request.sellerAccountId(), request.sellerAccountRecordId(), List.of(agreementId),
                sync.links(request.sellerAccountRecordId()), report);
        return report.conclude("imported " + agreementId);
    }

    private String agreementId(MarketplaceRequest request) {
        String id = input.text(request, "agreementId");
        if (id == null || !id.matches("[A-Za-z0-9_/-]{1,64}")) {
            throw new RequestRejected(List.of(new FieldProblem("agreementId", "Give the id of the agreement to"
                    + " import, as AWS Marketplace shows it (for example agmt-1a2b3c4d5e6f7g8h9i0j1k2l3)"
                    + (id == null ? "." : "; \"" + id + "\" is not one."))));
        }
        return id;
    }
}
