package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorizations;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import static io.mpcrm.connector.fields.OfferFields.CHANGE_SET_ID;
import static io.mpcrm.connector.fields.OfferFields.EULA_DOCUMENT;
import static io.mpcrm.connector.fields.OfferFields.EULA_TYPE;
import static io.mpcrm.connector.fields.OfferFields.EULA_URL;
import static io.mpcrm.connector.fields.OfferFields.LAST_ERROR;
import static io.mpcrm.connector.fields.OfferFields.OFFER_ID;
import static io.mpcrm.connector.fields.OfferFields.STATUS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.eula.EulaDocument;
import io.mpcrm.connector.eula.EulaStore;
import io.mpcrm.connector.marketplace.ChangeSets;
import io.mpcrm.connector.marketplace.SellerAccounts;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.OnItsWay;
import io.mpcrm.connector.request.RecordRevision;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceOrg;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns an offer record into its change set: read, validate (every problem, before any AWS change, a custom EULA's file
 * included: Validate and Create download and check it alike), store a custom EULA, build; and, for create and
 * save-as-draft, start it with a token derived from the record and its revision ({@link RecordRevision}), so that a
 * retried or resumed request, or a second press, reaches the same change set. A channel partner offer's resale
 * authorization is read from AWS
 * Marketplace first (one DescribeEntity), so that validating and creating judge it as AWS holds it now.
 */
@Component
public class OfferSubmission {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final String EULA_PLACEHOLDER = "<presigned URL of the stored custom EULA>";

    private final OfferRecords records;
    private final OfferValidator validator;
    private final OfferChangeSetBuilder builder;
    private final EulaStore eulas;
    private final ChangeSets changeSets;
    private final SellerAccounts sellerAccounts;
    private final SharedResaleAuthorizations authorizations;
    private final Clock clock;
    private final OnItsWay onItsWay;
    private final SalesforceOrg org;
    private final SecondOfferCheck secondOffer;

    /** The buttons that send an offer to AWS Marketplace; all but Save as Draft release it. */
    static final OnItsWay.Creates CREATES = new OnItsWay.Creates("offer", OfferFields.STATUS, Map.of(
            "CREATE_OFFER", "Create Offer", "SAVE_OFFER_DRAFT", "Save as Draft",
            "CREATE_CHANNEL_PARTNER_OFFER", "Create Channel Partner Offer",
            "CREATE_AGREEMENT_BASED_OFFER", "Create Agreement Based Offer"),
            Set.of("CREATE_OFFER", "CREATE_CHANNEL_PARTNER_OFFER", "CREATE_AGREEMENT_BASED_OFFER"),
            "Refresh Offer Status");

    public OfferSubmission(OfferRecords records, EulaStore eulas, ChangeSets changeSets, SellerAccounts sellerAccounts,
                           SharedResaleAuthorizations authorizations, Clock clock, OnItsWay onItsWay,
                           SecondOfferCheck secondOffer, SalesforceOrg org, OfferValidator validator,
                           List<OfferKindChanges> kinds) {
        this.validator = validator;
        this.builder = new OfferChangeSetBuilder(clock, kinds);
        this.org = org;
        this.onItsWay = onItsWay;
        this.secondOffer = secondOffer;
        this.records = records;
        this.authorizations = authorizations;
        this.eulas = eulas;
        this.changeSets = changeSets;
        this.sellerAccounts = sellerAccounts;
        this.clock = clock;
    }

    /** The change set the offer would send, validated, and the name buyers will see; nothing is stored or sent. */
    public Preview preview(MarketplaceRequest request, boolean release) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        ReleasedOffer.refuseEdits(record);
        Validated offer = validated(request, record, isCustomEula(record) ? EULA_PLACEHOLDER : null, release);
        return new Preview(offer.changes(), offer.offer().name(), !OfferRecords.offerNameGiven(record));
    }

    /**
     * What Validate Offer shows: the change set, and the offer name buyers will see.
     *
     * @param nameFromRecordName Offer Name is empty (or only spaces), so buyers see the record's Name
     */
    public record Preview(ArrayNode changes, String buyerName, boolean nameFromRecordName) {
    }

    /**
     * Validates, stores the custom EULA, starts the change set and shows it on the offer; or sends nothing when the
     * offer is already on its way ({@link OnItsWay}) and says so, or when another offer holds what this one needs
     * ({@link SecondOfferCheck}).
     */
    public String submit(MarketplaceRequest request, boolean release) {
        ObjectNode record = records.record(request.targetRecordId(), request.sellerAccountRecordId());
        ReleasedOffer.refuseEdits(record);
        Optional<String> underway = onItsWay.check(request, CREATES, FieldValues.text(record, STATUS),
                FieldValues.text(record, CHANGE_SET_ID));
        if (underway.isPresent()) {
            return underway.get();
        }
        // Validation first, once: a file is only uploaded for an offer that can be sent.
        Validated offer = validated(request, record, isCustomEula(record) ? EULA_PLACEHOLDER : null, release);
        // After validation, which tells an authorization AWS already counts as used by its own data.
        secondOffer.refuseUnconfirmed(request, record);
        RecordRevision revision = new RecordRevision(org.id(), record.path("Id").asText(),
                FieldValues.text(record, CHANGE_SET_ID));
        String name = revision.changeSetName(release ? "Create offer" : "Save offer draft");
        Map<String, Object> shown = OfferRecords.fields(STATUS.name(), "PREPARING", LAST_ERROR.name(), null);
        // A request taken up again may have started its change set before it stopped: that one is found by its name,
        // so nothing is sent twice, not even with a custom EULA's link signed anew.
        String changeSetId = request.attempts() > 1
                ? changeSets.named(request.sellerAccountId(), name).stream().findFirst().orElse(null) : null;
        int changeCount = offer.changes().size();
        if (changeSetId == null) {
            ArrayNode validChanges = offer.changes();
            if (isCustomEula(record)) {
                var stored = offer.eula() == null ? eulas.store(request.sellerAccountId(), FieldValues.text(record,
                        EULA_DOCUMENT), EULA_DOCUMENT.name())
                        : eulas.store(request.sellerAccountId(), offer.eula(), EULA_DOCUMENT.name());
                validChanges = withEulaUrl(validChanges, stored.presignedUrl().toString());
                // The record keeps where the file is; the presigned link is long and short-lived, so only AWS gets it.
                shown.put(EULA_URL.name(), "s3://" + stored.bucket() + "/" + stored.key());
            } else {
                shown.put(EULA_URL.name(), null);
            }
            String draft = FieldValues.text(record, OFFER_ID);
            ArrayNode changes = draft == null ? validChanges : onExistingDraft(validChanges, draft);
            changeCount = changes.size();
            changeSetId = changeSets.start(request.sellerAccountId(), changes, name, revision.clientRequestToken());
        }
        shown.put(CHANGE_SET_ID.name(), changeSetId);
        records.write(record.path("Id").asText(), shown);
        return "Change set " + changeSetId + " started (" + changeCount + " changes"
                + (release ? ", released when it succeeds" : ", saved as a draft") + "). The offer's status follows it.";
    }

    private Validated validated(MarketplaceRequest request, ObjectNode record, String eulaUrl, boolean release) {
        PrivateOffer offer = records.offer(record, eulaUrl);
        OfferProduct product = records.product(record);
        boolean bucket = sellerAccounts.find(request.sellerAccountId()).map(a -> a.eulaBucket() != null
                && !a.eulaBucket().isBlank()).orElse(false);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<FieldProblem> problems = new ArrayList<>(offer.origin().type() == OfferOrigin.Type.CHANNEL_PARTNER
                ? validator.channelPartnerProblems(offer, authorizations.current(record, OfferFields.SHARED_RESALE_AUTHORIZATION,
                        request.sellerAccountId()),
                        record.path(OfferFields.RESELLER_CONTRACT_ACCEPTED.name()).asBoolean(false), today, bucket)
                : validator.problems(offer, product, request.sellerAccountId(), replacing(offer, record), today,
                        bucket));
        EulaDocument eula = null;
        String file = FieldValues.text(record, EULA_DOCUMENT);
        if (isCustomEula(record) && file != null) {
            try {
                eula = eulas.check(file, EULA_DOCUMENT.name());
            } catch (RequestRejected refused) {
                problems.addAll(refused.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        return new Validated(offer, builder.create(offer, product, release), eula);
    }

    /** The shared resale authorization a channel partner's agreement-based offer is made on, when it names one. */
    private SharedResaleAuthorization replacing(PrivateOffer offer, ObjectNode record) {
        return offer.origin().type() == OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED
                ? authorizations.find(FieldValues.text(record, OfferFields.SHARED_RESALE_AUTHORIZATION)) : null;
    }

    /** The changes with the stored EULA's presigned URL where they were validated with the placeholder. */
    static ArrayNode withEulaUrl(ArrayNode changes, String presignedUrl) {
        ArrayNode sent = changes.deepCopy();
        for (var documents : sent.findValues("Documents")) {
            for (var document : documents) {
                if (EULA_PLACEHOLDER.equals(document.path("Url").asText())) {
                    ((ObjectNode) document).put("Url", presignedUrl);
                }
            }
        }
        return sent;
    }

    /**
     * The same changes aimed at the draft the offer already has in AWS Marketplace (saved as a draft before), so that
     * creating it releases that draft instead of making a second offer.
     */
    static ArrayNode onExistingDraft(ArrayNode changes, String offerId) {
        ArrayNode onDraft = changes.arrayNode();
        String created = "$" + changes.path(0).path("ChangeType").asText() + ".Entity.Identifier";
        for (var change : changes) {
            if (change.path("ChangeType").asText().startsWith("Create")) {
                continue;
            }
            String text = change.toString().replace(created, offerId);
            try {
                onDraft.add(JSON.readTree(text));
            } catch (java.io.IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return onDraft;
    }

    static String pretty(ArrayNode changes) {
        return OfferChangeSetBuilder.pretty(changes);
    }

    private static boolean isCustomEula(ObjectNode record) {
        return "CustomEula".equals(FieldValues.text(record, EULA_TYPE));
    }

    /** The offer, its change set, and its custom EULA's checked file (null without one). */
    private record Validated(PrivateOffer offer, ArrayNode changes, EulaDocument eula) {
    }
}
