package io.mpcrm.connector.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.request.RequestFields;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import io.mpcrm.connector.schedule.InstallmentFields.InstallmentObject;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * GENERATE_PAYMENT_SCHEDULE: turns the seller's schedule parameters into installment rows on the offer
 * ({@code MP_Payment_Installment__c}) or resale authorization ({@code MP_Resale_Installment__c}), replacing its earlier
 * installments in one all-or-none transaction. No AWS call; the seller can edit the rows afterwards.
 */
@Component
public class GeneratePaymentScheduleAction implements RequestAction {

    private final SalesforceRecords salesforce;
    private final SObjectCatalog catalog;
    private final PaymentScheduleGenerator generator = new PaymentScheduleGenerator();

    public GeneratePaymentScheduleAction(SalesforceRecords salesforce, SObjectCatalog catalog) {
        this.salesforce = salesforce;
        this.catalog = catalog;
    }

    @Override
    public String action() {
        return "GENERATE_PAYMENT_SCHEDULE";
    }

    @Override
    public String perform(MarketplaceRequest request) {
        ScheduleOwner owner = findOwner(request);
        PaymentSchedule schedule = generator.generate(PaymentScheduleInput.parse(request.input()));

        InstallmentObject installments = owner.installments();
        List<String> earlier = salesforce.query("SELECT Id FROM " + installments.sobject() + " WHERE "
                        + installments.master().name() + " = " + Soql.quote(owner.recordId())).stream()
                .map(r -> r.path("Id").asText()).toList();
        // One transaction: the earlier rows go only if the new ones are written.
        salesforce.write(salesforce.allOrNone().deleteAll(earlier).createAll(installments.sobject(),
                schedule.installments().stream().map(i -> row(owner, schedule, i)).toList()));

        List<Installment> rows = schedule.installments();
        NumberFormat amount = NumberFormat.getNumberInstance(Locale.US);
        amount.setMinimumFractionDigits(schedule.currency().getDefaultFractionDigits());
        return "Generated " + rows.size() + (rows.size() == 1 ? " installment" : " installments") + " totalling "
                + amount.format(rows.stream().map(Installment::amount).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add)) + " " + schedule.currency().getCurrencyCode() + ", from "
                + rows.get(0).chargeDate() + " to " + rows.get(rows.size() - 1).chargeDate()
                + (earlier.isEmpty() ? "." : ", replacing " + earlier.size() + " earlier installments.");
    }

    private Map<String, Object> row(ScheduleOwner owner, PaymentSchedule schedule, Installment installment) {
        InstallmentObject installments = owner.installments();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(installments.master().name(), owner.recordId());
        row.put(installments.number().name(), installment.number());
        row.put(installments.chargeDate().name(), installment.chargeDate().toString());
        row.put(installments.chargeAmount().name(), installment.amount());
        row.put(installments.currency().name(), schedule.currency().getCurrencyCode());
        return row;
    }

    /** The offer or resale authorization the schedule is for; it must belong to the request's seller account. */
    private ScheduleOwner findOwner(MarketplaceRequest request) {
        String target = request.targetRecordId();
        ScheduleOwner owner = catalog.objectOf(target).map(sobject -> switch (sobject) {
            case InstallmentFields.OFFER -> new ScheduleOwner(sobject, InstallmentFields.OF_OFFER,
                    InstallmentFields.OFFER_SELLER, target);
            case InstallmentFields.RESALE_AUTHORIZATION -> new ScheduleOwner(sobject,
                    InstallmentFields.OF_RESALE_AUTHORIZATION, InstallmentFields.RESALE_AUTHORIZATION_SELLER, target);
            default -> null;
        }).orElseThrow(() -> new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(),
                "Record " + target + " is not a private offer or resale authorization. Start Generate Payment"
                        + " Schedule from the offer or resale authorization the schedule is for."))));
        List<ObjectNode> found = salesforce.query("SELECT Id, " + owner.seller().name() + " FROM " + owner.sobject()
                + " WHERE Id = " + Soql.quote(target));
        if (found.isEmpty()) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(),
                    "Record " + target + " no longer exists.")));
        }
        String seller = found.get(0).path(owner.seller().name()).asText(null);
        if (!FieldValues.sameRecord(seller, request.sellerAccountRecordId())) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.SELLER.name(),
                    "The record belongs to a different seller account than the request. Create the request"
                            + " from the record itself.")));
        }
        return new ScheduleOwner(owner.sobject(), owner.installments(), owner.seller(), found.get(0).path("Id").asText());
    }

    private record ScheduleOwner(String sobject, InstallmentObject installments, SObjectField seller, String recordId) {
    }
}
