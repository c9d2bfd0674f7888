package io.mpcrm.connector.resale;

import static io.mpcrm.connector.fields.ResaleAuthorizationFields.AUTHORIZATION_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.BUYER_EULA_URL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_DOCUMENT;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.CONTRACT_URL;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.LAST_ERROR;
import static io.mpcrm.connector.fields.ResaleAuthorizationFields.STATUS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.eula.EulaDocument;
import io.mpcrm.connector.eula.EulaStore;
import io.mpcrm.connector.eula.StoredEula;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.offer.OfferChangeSetBuilder;
import io.mpcrm.connector.offer.OfferRecords;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.OnItsWay;
import io.mpcrm.connector.request.RecordRevision;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceOrg;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns a resale authorization record into its change set: read, validate (every problem, before any AWS call, the
 * custom legal documents' files included: Validate and Create download and check them alike), store custom legal
 * documents, build; and for create and save-as-draft, start it with a token derived from the record and its revision
 * ({@link RecordRevision}), so that a retried or resumed request, or a second press, reaches the same change set.
 */
@Component
public class ResaleAuthorizationSubmission {

    static final String EULA_PLACEHOLDER = "<presigned URL of the stored custom buyer EULA>";
    static final String CONTRACT_PLACEHOLDER = "<presigned URL of the stored custom reseller contract>";

    private final ResaleAuthorizationRecords records;
    private final ResaleAuthorizationValidator validator = new ResaleAuthorizationValidator();
    private final ResaleAuthorizationChangeSetBuilder builder = new ResaleAuthorizationChangeSetBuilder();
    private final EulaStore documents;
    private final ChangeSets changeSets;
    private final SellerAccounts sellerAccounts;
    private final Clock clock;
    private final OnItsWay onItsWay;
    private final SalesforceOrg org;

    /** The buttons that send a resale authorization to AWS Marketplace; Create activates (releases) it. */
    static final OnItsWay.Creates CREATES = new OnItsWay.Creates("resale authorization", STATUS, Map.of(
            "CREATE_RESALE_AUTHORIZATION", "Create Resale Authorization",
            "SAVE_RESALE_AUTHORIZATION_DRAFT", "Save as Draft"), Set.of("CREATE_RESALE_AUTHORIZATION"),
            "Refresh Status");

    public ResaleAuthorizationSubmission(ResaleAuthorizationRecords records, EulaStore documents,
                                         ChangeSets changeSets, SellerAccounts sellerAccounts, Clock clock,
                                         OnItsWay onItsWay, SalesforceOrg org) {
        this.org = org;
        this.onItsWay = onItsWay;
        this.records = records;
        this.documents = documents;
        this.changeSets = changeSets;
        this.sellerAccounts = sellerAccounts;
        this.clock = clock;
    }

    /** The change set the authorization would send, validated; nothing is stored or sent. */
    public String preview(MarketplaceRequest request) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        ResaleAuthorization ra = validated(request, record, true).authorization();
        String existing = FieldValues.text(record, AUTHORIZATION_ID);
        return OfferChangeSetBuilder.pretty(existing == null ? builder.create(withPlaceholders(ra), true)
                : builder.onDraft(withPlaceholders(ra), existing, true));
    }

    /**
     * Validates, stores custom documents, starts the change set and shows it on the record; or sends nothing when the
     * authorization is already on its way ({@link OnItsWay}) and says so.
     */
    public String submit(MarketplaceRequest request, boolean release) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        String status = FieldValues.text(record, STATUS);
        Optional<String> underway = onItsWay.check(request, CREATES, status, FieldValues.text(record, CHANGE_SET_ID));
        if (underway.isPresent()) {
            return underway.get();
        }
        String existing = FieldValues.text(record, AUTHORIZATION_ID);
        if (existing != null && !"Draft".equals(status) && !"FAILED".equals(status)) {
            throw new RequestRejected(List.of(new FieldProblem(AUTHORIZATION_ID.name(), "This resale authorization"
                    + " is already " + status + " in AWS Marketplace, which freezes its terms. Use Clone Resale"
                    + " Authorization to make a new one from it.")));
        }
        Validated validated = validated(request, record, release);
        ResaleAuthorization ra = validated.authorization();
        RecordRevision revision = new RecordRevision(org.id(), record.path("Id").asText(),
                FieldValues.text(record, CHANGE_SET_ID));
        String name = revision.changeSetName(release ? "Create resale authorization"
                : "Save resale authorization draft");
        Map<String, Object> shown = OfferRecords.fields(STATUS.name(), "PREPARING", LAST_ERROR.name(), null);
        // A request taken up again may have started its change set before it stopped: that one is found by its name,
        // so nothing is sent twice, not even with custom documents' links signed anew.
        String changeSetId = request.attempts() > 1
                ? changeSets.named(request.sellerAccountId(), name).stream().findFirst().orElse(null) : null;
        int changeCount = -1;
        if (changeSetId == null) {
            String eulaUrl = null;
            String contractUrl = null;
            shown.put(BUYER_EULA_URL.name(), null);
            shown.put(CONTRACT_URL.name(), null);
            if (ResaleAuthorization.CUSTOM_EULA.equals(ra.buyerEulaType())) {
                StoredEula stored = store(request, record, validated, BUYER_EULA_DOCUMENT);
                eulaUrl = stored.presignedUrl().toString();
                shown.put(BUYER_EULA_URL.name(), location(stored));
            }
            if (ResaleAuthorization.CUSTOM_CONTRACT.equals(ra.resellerContractType())) {
                StoredEula stored = store(request, record, validated, CONTRACT_DOCUMENT);
                contractUrl = stored.presignedUrl().toString();
                shown.put(CONTRACT_URL.name(), location(stored));
            }
            ResaleAuthorization withDocuments = ra.withDocumentUrls(eulaUrl, contractUrl);
            ArrayNode changes = existing == null ? builder.create(withDocuments, release)
                    : builder.onDraft(withDocuments, existing, release);
            changeCount = changes.size();
            changeSetId = changeSets.start(request.sellerAccountId(), changes, name, revision.clientRequestToken());
        }
        shown.put(CHANGE_SET_ID.name(), changeSetId);
        records.write(record.path("Id").asText(), shown);
        return "Change set " + changeSetId + " started (" + (changeCount < 0 ? "" : changeCount + " changes, ")
                + (release ? "the authorization becomes Active when it succeeds"
                : "saved as a draft in AWS Marketplace") + "). The record's status follows it.";
    }

    private Validated validated(MarketplaceRequest request, ObjectNode record, boolean release) {
        ResaleAuthorization ra = records.authorization(record);
        boolean bucket = sellerAccounts.find(request.sellerAccountId()).map(a -> a.eulaBucket() != null
                && !a.eulaBucket().isBlank()).orElse(false);
        List<FieldProblem> problems = new ArrayList<>(validator.problems(ra, records.product(record),
                request.sellerAccountId(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), bucket, release));
        Map<String, EulaDocument> files = new HashMap<>();
        if (ResaleAuthorization.CUSTOM_EULA.equals(ra.buyerEulaType())) {
            check(record, BUYER_EULA_DOCUMENT, files, problems);
        }
        if (ResaleAuthorization.CUSTOM_CONTRACT.equals(ra.resellerContractType())) {
            check(record, CONTRACT_DOCUMENT, files, problems);
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        return new Validated(ra, files);
    }

    /** Downloads and checks the file a document field names (size, type by content), as Create will store it. */
    private void check(ObjectNode record, SObjectField field, Map<String, EulaDocument> files,
                       List<FieldProblem> problems) {
        String file = FieldValues.text(record, field);
        if (file == null) {
            return; // the validator asks for the file
        }
        try {
            files.put(field.name(), documents.check(file, field.name()));
        } catch (RequestRejected refused) {
            problems.addAll(refused.problems());
        }
    }

    /** Stores the file checked during validation (downloaded once), or downloads it if it was not checked. */
    private StoredEula store(MarketplaceRequest request, ObjectNode record, Validated validated, SObjectField field) {
        EulaDocument checked = validated.files().get(field.name());
        return checked == null ? documents.store(request.sellerAccountId(), FieldValues.text(record, field),
                field.name()) : documents.store(request.sellerAccountId(), checked, field.name());
    }

    /** The authorization, and the checked files of its custom documents by field. */
    private record Validated(ResaleAuthorization authorization, Map<String, EulaDocument> files) {
    }

    private static ResaleAuthorization withPlaceholders(ResaleAuthorization ra) {
        return ra.withDocumentUrls(ResaleAuthorization.CUSTOM_EULA.equals(ra.buyerEulaType()) ? EULA_PLACEHOLDER : null,
                ResaleAuthorization.CUSTOM_CONTRACT.equals(ra.resellerContractType()) ? CONTRACT_PLACEHOLDER : null);
    }

    /** The record keeps where the file is; the presigned link is long and short-lived, so only AWS gets it. */
    private static String location(StoredEula stored) {
        return "s3://" + stored.bucket() + "/" + stored.key();
    }
}
