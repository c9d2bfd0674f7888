package io.mpcrm.connector.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.RequestAction;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectCatalog;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.SalesforceRejected;
import io.mpcrm.connector.salesforce.Soql;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * GENERATE_PAYMENT_SCHEDULE: turns the seller's schedule parameters into installment rows on the offer
 * ({@code MP_Payment_Installment__c}) or resale authorization ({@code MP_Resale_Installment__c}), replacing its earlier
 * installments in one all-or-none transaction. No AWS call; the seller can edit the rows afterwards.
 *
 * <p>What the target cannot use is refused here, by field, before anything is written: a first payment before today
 * (UTC, as Create Offer counts days), a currency AWS Marketplace does not charge the target in, an installment larger
 * than {@code Charge_Amount__c} holds.
 */
@Component
public class GeneratePaymentScheduleAction implements RequestAction {

    /**
     * The currencies AWS Marketplace prices a private offer's fixed, upfront and scheduled charges in (USD, AUD, EUR,
     * GBP, JPY: https://docs.aws.amazon.com/marketplace/latest/developerguide/work-with-private-offers.html), which
     * Validate Offer accepts. AWS's published offer model also lists CAD; Validate Offer does not accept it, so
     * neither does the schedule.
     */
    public static final Set<String> OFFER_CURRENCIES = Set.of("USD", "EUR", "GBP", "AUD", "JPY");
    /**
     * A resale authorization's ResalePaymentScheduleTerm takes USD only: AWS's published resale authorization model
     * (https://github.com/awslabs/aws-marketplace-catalog-api-shapes-for-python, resale authorization change types,
     * update_payment_schedule_term_currency_code.py) enumerates USD alone.
     */
    public static final String RESALE_CURRENCY = "USD";

    private final SalesforceRecords salesforce;
    private final SObjectCatalog catalog;
    private final Clock clock;
    private final PaymentScheduleGenerator generator = new PaymentScheduleGenerator();

    public GeneratePaymentScheduleAction(SalesforceRecords salesforce, SObjectCatalog catalog, Clock clock) {
        this.salesforce = salesforce;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String action() {
        return "GENERATE_PAYMENT_SCHEDULE";
    }

    @Override
    public Set<String> targetObjects() {
        return Set.of(OfferFields.OFFER, ResaleAuthorizationFields.AUTHORIZATION);
    }

    @Override
    public String perform(MarketplaceRequest request) {
        ScheduleOwner owner = findOwner(request);
        PaymentSchedule schedule = schedule(PaymentScheduleInput.parse(request.input()), owner,
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));

        InstallmentObject installments = owner.installments();
        List<String> earlier = salesforce.query("SELECT Id FROM " + installments.sobject() + " WHERE "
                        + installments.master().name() + " = " + Soql.quote(owner.recordId())).stream()
                .map(r -> r.path("Id").asText()).toList();
        try {
            // One transaction: the earlier rows go only if the new ones are written.
            salesforce.write(salesforce.allOrNone().deleteAll(earlier).createAll(installments.sobject(),
                    schedule.installments().stream().map(i -> row(owner, schedule, i)).toList()));
        } catch (SalesforceRejected refused) {
            throw new RequestRejected(List.of(new FieldProblem(installments.sobject(), "Salesforce refused the new"
                    + " installments (" + refused.errors().stream().map(e -> e.message()
                    + (e.fields().isEmpty() ? "" : " [" + String.join(", ", e.fields()) + "]")).toList()
                    + "), so nothing was changed" + (earlier.isEmpty() ? "" : ": the " + earlier.size()
                    + " earlier installments are kept") + ". If a validation rule of your org refused them, change"
                    + " the schedule so that it passes, or ask your administrator about the rule.")));
        }

        List<Installment> rows = schedule.installments();
        NumberFormat amount = NumberFormat.getNumberInstance(Locale.US);
        amount.setMinimumFractionDigits(schedule.currency().getDefaultFractionDigits());
        return "Generated " + rows.size() + (rows.size() == 1 ? " installment" : " installments") + " totalling "
                + amount.format(rows.stream().map(Installment::amount).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add)) + " " + schedule.currency().getCurrencyCode() + ", from "
                + rows.get(0).chargeDate() + " to " + rows.get(rows.size() - 1).chargeDate()
                + (earlier.isEmpty() ? "." : ", replacing " + earlier.size() + " earlier installments.");
    }

    /** The schedule, or every problem with it at once: the generator's and what the target cannot take. */
    private PaymentSchedule schedule(PaymentScheduleInput input, ScheduleOwner owner, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>(owner.currencyProblems(input.currency().getCurrencyCode()));
        if (input.firstPaymentDate().isBefore(today)) {
            problems.add(new FieldProblem(PaymentScheduleInput.FIRST_PAYMENT_DATE, "The first payment date "
                    + input.firstPaymentDate() + " has passed (today is " + today + ", UTC); choose today or a later"
                    + " date."));
        }
        PaymentSchedule schedule = null;
        try {
            schedule = generator.generate(input);
        } catch (RequestRejected rejected) {
            problems.addAll(rejected.problems());
        }
        if (schedule != null) {
            problems.addAll(fitsTheField(input, schedule));
        }
        if (!problems.isEmpty()) {
            throw new RequestRejected(PaymentScheduleInput.inFormOrder(problems));
        }
        return schedule;
    }

    /** Every installment must fit {@code Charge_Amount__c}, or Salesforce would refuse the rows. */
    private static List<FieldProblem> fitsTheField(PaymentScheduleInput input, PaymentSchedule schedule) {
        BigDecimal largest = schedule.installments().stream().map(Installment::amount).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        if (largest.compareTo(InstallmentObject.MAX_CHARGE_AMOUNT) <= 0) {
            return List.of();
        }
        NumberFormat amount = NumberFormat.getNumberInstance(Locale.US);
        amount.setMinimumFractionDigits(schedule.currency().getDefaultFractionDigits());
        String code = schedule.currency().getCurrencyCode();
        int count = schedule.installments().size();
        return List.of(new FieldProblem(PaymentScheduleInput.TOTAL_AMOUNT, "The total amount "
                + amount.format(input.totalAmount()) + " " + code + " gives " + (count == 1 ? "one installment of "
                : count + " installments of up to ") + amount.format(largest) + " " + code + ", but an installment's"
                + " Charge Amount holds at most " + amount.format(InstallmentObject.MAX_CHARGE_AMOUNT) + ". Enter a"
                + " total of at most " + amount.format(InstallmentObject.MAX_CHARGE_AMOUNT.multiply(
                BigDecimal.valueOf(count))) + " " + code + ", or spread it over more installments (a shorter"
                + " frequency or a later end date)."));
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
            case OfferFields.OFFER -> new ScheduleOwner(sobject, InstallmentObject.OF_OFFER, OfferFields.SELLER,
                    OfferFields.CURRENCY_CODE, target, null);
            case ResaleAuthorizationFields.AUTHORIZATION -> new ScheduleOwner(sobject,
                    InstallmentObject.OF_RESALE_AUTHORIZATION, ResaleAuthorizationFields.SELLER,
                    ResaleAuthorizationFields.CURRENCY_CODE, target, null);
            default -> null;
        }).orElseThrow(() -> new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(),
                "Record " + target + " is not a private offer or resale authorization. Start Generate Payment"
                        + " Schedule from the offer or resale authorization the schedule is for."))));
        List<ObjectNode> found = salesforce.query("SELECT Id, " + owner.seller().name() + ", "
                + owner.currencyField().name() + " FROM " + owner.sobject() + " WHERE Id = " + Soql.quote(target));
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
        return new ScheduleOwner(owner.sobject(), owner.installments(), owner.seller(), owner.currencyField(),
                found.get(0).path("Id").asText(), FieldValues.text(found.get(0), owner.currencyField()));
    }

    /** An offer or resale authorization, and the currency it is priced in (null when not chosen yet). */
    private record ScheduleOwner(String sobject, InstallmentObject installments, SObjectField seller,
                                 SObjectField currencyField, String recordId, String currency) {

        /** Why AWS Marketplace could not charge this record's installments in {@code code}. */
        List<FieldProblem> currencyProblems(String code) {
            if (ResaleAuthorizationFields.AUTHORIZATION.equals(sobject)) {
                return RESALE_CURRENCY.equals(code) ? List.of() : List.of(new FieldProblem(
                        PaymentScheduleInput.CURRENCY, "A resale authorization's installments are charged in "
                        + RESALE_CURRENCY + " only, not " + code + "; choose " + RESALE_CURRENCY + "."));
            }
            if (!OFFER_CURRENCIES.contains(code)) {
                return List.of(new FieldProblem(PaymentScheduleInput.CURRENCY, "AWS Marketplace charges private"
                        + " offers in USD, EUR, GBP, AUD or JPY, not " + code + "; choose one of them"
                        + (currency == null ? "." : ", the offer's own currency is " + currency + ".")));
            }
            if (currency != null && !currency.equals(code)) {
                return List.of(new FieldProblem(PaymentScheduleInput.CURRENCY, "The offer is priced in " + currency
                        + " and its installments are charged in that currency; generate the schedule in " + currency
                        + ", or change the offer's Currency first."));
            }
            return List.of();
        }
    }
}
