package io.mpcrm.connector.channeloffer;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.offer.OfferOrigin;
import io.mpcrm.connector.offer.PrivateOffer;
import io.mpcrm.connector.terms.OfferDimension;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorizations;
import io.mpcrm.connector.sharedresale.SharedResaleAuthorization;
import io.mpcrm.connector.terms.ScheduledCharge;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.EXPIRATION;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.OFFER_STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.STATUS;
import static io.mpcrm.connector.fields.SharedResaleAuthorizationFields.WHOLESALE_RATES;

import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.fields.RequestFields;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.request.Today;
import io.mpcrm.connector.salesforce.AllOrNone;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A new MP_Private_Offer__c of type Channel Partner, prefilled with what a shared resale authorization fixes (product,
 * wholesale rates, installments, duration, currency, buyers, the ISV's EULA), for the partner to complete: buyers,
 * name, markup, expiry, own legal terms, accepting the reseller contract. No AWS call; an authorization that cannot
 * take an offer any more is refused here, on its own fields.
 */
@Component
public class ChannelPartnerOfferDraft {

    private static final int MAX_NAME = 80;

    private final SharedResaleAuthorizations authorizations;
    private final SalesforceRecords salesforce;
    private final Clock clock;

    public ChannelPartnerOfferDraft(SharedResaleAuthorizations authorizations, SalesforceRecords salesforce,
                                    Clock clock) {
        this.authorizations = authorizations;
        this.salesforce = salesforce;
        this.clock = clock;
    }

    /** Creates the draft (once per request) and says where it is. */
    public String create(MarketplaceRequest request) {
        SharedResaleAuthorization authorization = authorizations.find(request.targetRecordId());
        if (authorization == null) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.TARGET_RECORD_ID.name(), "Record "
                    + request.targetRecordId() + " is not a shared resale authorization, or it was deleted.")));
        }
        if (!FieldValues.sameRecord(authorization.sellerAccountRecordId(), request.sellerAccountRecordId())) {
            throw new RequestRejected(List.of(new FieldProblem(RequestFields.SELLER.name(),
                    "The resale authorization is"
                    + " shared with a different seller account than the request's. Create the request from the"
                    + " authorization itself.")));
        }
        List<FieldProblem> problems = unusable(authorization, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (!problems.isEmpty()) {
            throw new RequestRejected(problems);
        }
        String name = draftName(authorization, request);
        // A resumed request finds the draft it already made instead of making a second one.
        List<String> existing = salesforce.query("SELECT Id FROM " + OfferFields.OFFER + " WHERE "
                        + OfferFields.SHARED_RESALE_AUTHORIZATION + " = " + Soql.quote(authorization.recordId())
                        + " AND Name = " + Soql.quote(name)).stream().map(r -> r.path("Id").asText()).toList();
        String offer = existing.isEmpty() ? insert(authorization, request, name) : existing.get(0);
        return "Draft channel partner offer \"" + name + "\" (record " + offer + ") prefilled from resale authorization "
                + authorization.resaleAuthorizationId() + ". Open it, add buyers, a description, your markup and the"
                + " expiration date, tick Reseller Contract Accepted, then press Create Offer.";
    }

    /** Why no offer can be made on the authorization now, on the authorization's own fields. */
    static List<FieldProblem> unusable(SharedResaleAuthorization authorization, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (authorization.expiredOn(today)) {
            problems.add(new FieldProblem(EXPIRATION.name(), "This resale authorization expired"
                    + (authorization.expiration() == null ? "" : " on " + authorization.expiration() + " ("
                    + Today.named(today) + ")")
                    + ": ask the ISV for a new one, then refresh shared resale authorizations."));
        } else if (!"Active".equals(authorization.status())) {
            problems.add(new FieldProblem(STATUS.name(), "This resale authorization is " + authorization.status()
                    + ", not Active: the ISV no longer allows new offers on it. Ask the ISV for a new resale"
                    + " authorization, then refresh shared resale authorizations."));
        }
        if (authorization.usedUp()) {
            problems.add(new FieldProblem(OFFER_STATUS.name(), "This one-time resale authorization already has its"
                    + " offer (" + authorization.offerStatus() + "); ask the ISV for a new authorization."));
        }
        if (authorization.rates().isEmpty()) {
            problems.add(new FieldProblem(WHOLESALE_RATES.name(), "No wholesale rates were synced for this resale"
                    + " authorization; refresh shared resale authorizations."));
        }
        return problems;
    }

    private String insert(SharedResaleAuthorization authorization, MarketplaceRequest request, String name) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(OfferFields.NAME.name(), name);
        // The partner who asked owns the draft, so that it can edit it and send it.
        fields.put("OwnerId", request.requestedBy());
        fields.put(OfferFields.OFFER_NAME.name(), authorization.name());
        fields.put(OfferFields.OFFER_TYPE.name(), OfferOrigin.Type.CHANNEL_PARTNER.label());
        fields.put(OfferFields.STATUS.name(), "New");
        fields.put(OfferFields.SELLER.name(), request.sellerAccountRecordId());
        fields.put(OfferFields.SHARED_RESALE_AUTHORIZATION.name(), authorization.recordId());
        fields.put(OfferFields.PRODUCT.name(), authorization.productRecordId());
        fields.put(OfferFields.PRICING_MODEL.name(), authorization.pricingModel());
        fields.put(OfferFields.CURRENCY_CODE.name(), authorization.currency());
        fields.put(OfferFields.SERVICE_LENGTH.name(), authorization.duration());
        fields.put(OfferFields.BUYER_ACCOUNTS.name(), authorization.buyerAccounts().isEmpty() ? null
                : String.join(", ", authorization.buyerAccounts()));
        // Only the standard EULA is named; any other ISV terms stay on the authorization and are kept as they are.
        fields.put(OfferFields.EULA_TYPE.name(), PrivateOffer.STANDARD_EULA.equals(authorization.buyerEulaType())
                ? PrivateOffer.STANDARD_EULA : null);
        List<ScheduledCharge> schedule = authorization.schedule();
        fields.put(OfferFields.INSTALLMENTS_ENABLED.name(), !schedule.isEmpty());
        fields.put(OfferFields.RESELLER_CONTRACT_ACCEPTED.name(), false);
        // One transaction: a resumed request finds the draft by its name, so it must never lack its rates.
        AllOrNone writes = salesforce.allOrNone();
        String offer = writes.create(OfferFields.OFFER, fields);

        List<Map<String, Object>> rates = new ArrayList<>();
        for (OfferDimension rate : authorization.rates()) {
            Map<String, Object> row = new HashMap<>();
            row.put(OfferFields.RATE_OFFER.name(), offer);
            row.put("Name", rate.key());
            row.put(OfferFields.RATE_KEY.name(), rate.key());
            row.put(OfferFields.RATE_VALUE.name(), rate.rate());
            row.put(OfferFields.RATE_KIND.name(), rate.rateKind());
            if (rate.quantity() != null) {
                row.put(OfferFields.RATE_QUANTITY.name(), rate.quantity());
            }
            rates.add(row);
        }
        writes.createAll(OfferFields.RATE, rates);
        List<Map<String, Object>> installments = new ArrayList<>();
        for (ScheduledCharge charge : schedule) {
            Map<String, Object> row = new HashMap<>();
            row.put(OfferFields.INSTALLMENT_OFFER.name(), offer);
            row.put(OfferFields.CHARGE_DATE.name(), charge.chargeDate().toString());
            row.put(OfferFields.CHARGE_AMOUNT.name(), charge.amount());
            row.put(OfferFields.CHARGE_CURRENCY.name(), authorization.currency());
            installments.add(row);
        }
        writes.createAll(OfferFields.INSTALLMENT, installments);
        return salesforce.write(writes).get(offer);
    }

    private static String draftName(SharedResaleAuthorization authorization, MarketplaceRequest request) {
        String suffix = " (" + request.name() + ")";
        String base = authorization.name() == null ? authorization.resaleAuthorizationId() : authorization.name();
        return (base.length() + suffix.length() > MAX_NAME ? base.substring(0, MAX_NAME - suffix.length()) : base)
                + suffix;
    }
}
