package io.mpcrm.connector.agreementoffer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.AgreementFields;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ProductFields;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.OfferRecords;
import io.mpcrm.connector.offer.OfferSubmission;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.AllOrNone;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CREATE_AGREEMENT_BASED_OFFER. On an agreement: checks it can be replaced and prefills a new agreement-based offer
 * record from it, without calling AWS; the seller reviews that offer and presses the button again. On that offer:
 * checks the agreement is still replaceable and creates the offer as CREATE_OFFER does (one change set, released),
 * starting from CreateReplacementOffer or, for a channel partner's agreement,
 * CreateReplacementOfferUsingResaleAuthorization.
 */
@Component
public class CreateAgreementBasedOfferAction implements RequestAction {

    private final SalesforceRecords salesforce;
    private final SObjectCatalog catalog;
    private final OfferRecords offers;
    private final OfferSubmission submission;
    private final Clock clock;

    public CreateAgreementBasedOfferAction(SalesforceRecords salesforce, SObjectCatalog catalog, OfferRecords offers,
                                           OfferSubmission submission, Clock clock) {
        this.salesforce = salesforce;
        this.catalog = catalog;
        this.offers = offers;
        this.submission = submission;
        this.clock = clock;
    }

    @Override
    public String action() {
        return "CREATE_AGREEMENT_BASED_OFFER";
    }

    @Override
    public Set<String> targetObjects() {
        // The agreement it prefills a draft from, and that draft, which it creates in AWS.
        return Set.of(AgreementFields.AGREEMENT, OfferFields.OFFER);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        String object = catalog.objectOf(request.targetRecordId()).orElse(null);
        if (AgreementFields.AGREEMENT.equals(object)) {
            return prefill(request);
        }
        if (OfferFields.OFFER.equals(object)) {
            return create(request);
        }
        throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(), "Start Create Agreement"
                + " Based Offer from an agreement, to get a new offer prefilled from it, or from that offer, to create"
                + " it in AWS Marketplace.")));
    }

    private String prefill(MarketplaceRequest request) {
        ReplaceableAgreement agreement = agreement(request.targetRecordId());
        List<FieldProblem> problems = agreement.problems(request.sellerAccountRecordId(), today());
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        // A resumed or repeated request finds the draft it made instead of making a second one.
        List<ObjectNode> unsent = salesforce.query("SELECT Id FROM " + OfferFields.OFFER + " WHERE "
                + OfferFields.AGREEMENT.name() + " = " + Soql.quote(agreement.recordId()) + " AND "
                + OfferFields.STATUS.name() + " = 'New' AND " + OfferFields.OFFER_ID.name() + " = null");
        if (!unsent.isEmpty()) {
            return "Agreement " + agreement.agreementId() + " already has an unsent agreement-based offer, "
                    + unsent.get(0).path("Id").asText() + ": open it, check the terms and the agreement end date"
                    + " (Service End Date), then press Create Offer on it.";
        }
        AgreementBasedOfferDraft draft = AgreementBasedOfferDraft.of(agreement, today());
        Map<String, Object> fields = new java.util.HashMap<>(draft.offer());
        // The seller who asked owns the draft, so that they can edit it and create it.
        fields.put("OwnerId", request.requestedBy());
        // One transaction: a repeated request finds the unsent draft, so it must never lack its rates.
        AllOrNone writes = salesforce.allOrNone();
        String created = writes.create(OfferFields.OFFER, fields);
        writes.createAll(OfferFields.RATE, children(draft.rates(), OfferFields.RATE_OFFER.name(), created));
        writes.createAll(OfferFields.INSTALLMENT, children(draft.installments(), OfferFields.INSTALLMENT_OFFER.name(),
                created));
        String offer = salesforce.write(writes).get(created);
        return "Prefilled " + agreement.replacedBy().label().toLowerCase() + " offer " + offer + " from agreement "
                + agreement.agreementId() + " (" + draft.rates().size() + " rates"
                + (draft.installments().isEmpty() ? "" : ", " + draft.installments().size()
                + " installments still to be charged") + "). Open it, check the terms and the agreement end date"
                + " (Service End Date), then press Create Offer on it.";
    }

    private String create(MarketplaceRequest request) {
        ObjectNode record = offers.record(request.targetRecordId(), request.sellerAccountRecordId());
        OfferOrigin origin = OfferRecords.origin(record);
        if (!origin.replacesAgreement()) {
            throw new RequestRejected(List.of(new FieldProblem(OfferFields.OFFER_TYPE.name(), "This is a "
                    + origin.type().label() + " offer, not an agreement-based one: press Create Offer on it, or start"
                    + " Create Agreement Based Offer from the agreement to replace.")));
        }
        String agreementRecord = FieldValues.text(record, OfferFields.AGREEMENT);
        if (agreementRecord != null) {
            // The agreement may have ended or been replaced since the offer was prefilled.
            List<FieldProblem> problems = agreement(agreementRecord).problems(request.sellerAccountRecordId(),
                    today()).stream().map(p -> new FieldProblem(OfferFields.AGREEMENT.name(), p.field() + ": "
                    + p.message())).toList();
            if (!problems.isEmpty()) {
                throw new RequestRejected(problems);
            }
        }
        return submission.submit(request, true);
    }

    private ReplaceableAgreement agreement(String recordId) {
        List<ObjectNode> found = salesforce.query("SELECT " + ReplaceableAgreement.FIELDS + " FROM "
                + AgreementFields.AGREEMENT + " WHERE Id = " + Soql.quote(recordId));
        if (found.isEmpty()) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(), "Agreement record "
                    + recordId + " was not found; it may have been deleted.")));
        }
        ObjectNode record = found.get(0);
        String productType = null;
        String offerProduct = ReplaceableAgreement.offerProductRecord(record);
        if (FieldValues.text(record, AgreementFields.PRODUCT) == null && offerProduct != null) {
            productType = salesforce.query("SELECT " + ProductFields.PRODUCT_TYPE.name() + " FROM "
                    + ProductFields.PRODUCT_TYPE.sobject() + " WHERE"
                    + " Id = " + Soql.quote(offerProduct)).stream()
                    .map(p -> FieldValues.text(p, ProductFields.PRODUCT_TYPE)).findFirst().orElse(null);
        }
        return ReplaceableAgreement.of(record, productType);
    }

    private static List<Map<String, Object>> children(List<Map<String, Object>> rows, String parentField,
                                                      String parent) {
        return rows.stream().map(row -> {
            Map<String, Object> child = new java.util.LinkedHashMap<>(row);
            child.put(parentField, parent);
            return child;
        }).toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
