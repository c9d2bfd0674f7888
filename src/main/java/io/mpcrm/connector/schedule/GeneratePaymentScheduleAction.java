package io.mpcrm.connector.schedule;

import static io.mpcrm.connector.schedule.InstallmentFields.CHARGE_AMOUNT;
import static io.mpcrm.connector.schedule.InstallmentFields.CHARGE_DATE;
import static io.mpcrm.connector.schedule.InstallmentFields.CURRENCY_CODE;
import static io.mpcrm.connector.schedule.InstallmentFields.INSTALLMENT;
import static io.mpcrm.connector.schedule.InstallmentFields.NUMBER_FIELD;

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
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * GENERATE_PAYMENT_SCHEDULE: turns the seller's schedule parameters into installment rows on the offer or resale
 * authorization, replacing its earlier installments. No AWS call; the seller can edit the rows afterwards.
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

        List<String> earlier = salesforce.query("SELECT Id FROM " + INSTALLMENT + " WHERE " + owner.lookup().name()
                + " = " + Soql.quote(owner.recordId())).stream().map(r -> r.path("Id").asText()).toList();
        // Delete first: a retry after a crash between the two calls finds the new rows and replaces them again.
        salesforce.deleteAll(earlier);
        salesforce.createAll(INSTALLMENT, schedule.installments().stream().map(i -> row(owner, schedule, i)).toList());

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
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(owner.lookup().name(), owner.recordId());
        row.put(NUMBER_FIELD.name(), installment.number());
        row.put(CHARGE_DATE.name(), installment.chargeDate().toString());
        row.put(CHARGE_AMOUNT.name(), installment.amount());
        row.put(CURRENCY_CODE.name(), schedule.currency().getCurrencyCode());
        return row;
    }

    /** The offer or resale authorization the schedule is for; it must belong to the request's seller account. */
    private ScheduleOwner findOwner(MarketplaceRequest request) {
        String target = request.targetRecordId();
        ScheduleOwner owner = catalog.objectOf(target).map(sobject -> switch (sobject) {
            case InstallmentFields.OFFER -> new ScheduleOwner(sobject, InstallmentFields.PRIVATE_OFFER,
                    InstallmentFields.OFFER_SELLER, target);
            case InstallmentFields.RESALE_AUTHORIZATION -> new ScheduleOwner(sobject,
                    InstallmentFields.RESALE_AUTHORIZATION_LOOKUP, InstallmentFields.RESALE_AUTHORIZATION_SELLER, target);
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
        return new ScheduleOwner(owner.sobject(), owner.lookup(), owner.seller(), found.get(0).path("Id").asText());
    }

    private record ScheduleOwner(String sobject, SObjectField lookup, SObjectField seller, String recordId) {
    }
}
