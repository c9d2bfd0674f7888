package io.mpcrm.connector.offer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.request.FieldProblem;
import io.mpcrm.connector.request.MarketplaceRequest;
import io.mpcrm.connector.request.OnItsWay;
import io.mpcrm.connector.request.RequestRejected;
import io.mpcrm.connector.request.UnfinishedRequest;
import io.mpcrm.connector.fields.SharedResaleAuthorizationFields;
import io.mpcrm.connector.salesforce.FieldValues;
import io.mpcrm.connector.salesforce.SObjectField;
import io.mpcrm.connector.salesforce.SalesforceRecords;
import io.mpcrm.connector.salesforce.Soql;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where AWS has one resource for several offer records, a second offer on it is sent only when the seller confirms
 * it on the offer ({@code Confirm_Second_Offer__c}), and the refusal names the offer that holds it:
 * <ul>
 * <li>a one-time resale authorization takes one offer ("Single Use – Applies to one opportunity and is no longer
 * applicable after the channel partner creates the private offer": awsdocs/aws-marketplace-user-guide-for-sellers,
 * consulting-partner-isv-info.md; AWS fails the second one). Another channel partner offer holds it once it is on its
 * way or made in AWS, expired or cancelled included;</li>
 * <li>an agreement is replaced by the first replacement offer its buyer accepts. AWS documents no limit on how many
 * may be open, but a seller almost never means two, so another agreement-based offer holds the agreement while a
 * buyer could accept it (on its way, a draft, or released; not once failed, expired or cancelled).</li>
 * </ul>
 * Another offer also holds it while a create request made on it before this one has not ended, so that two offers
 * pressed at once on two records (on whichever replica) never both go.
 */
@Component
public class SecondOfferCheck {

    private static final Set<String> HOLDS_AUTHORIZATION = Set.of("PREPARING", "APPLYING", "SUCCEEDED", "Draft",
            "Released", "Expired", "Cancelled");
    private static final Set<String> HOLDS_AGREEMENT = Set.of("PREPARING", "APPLYING", "SUCCEEDED", "Draft",
            "Released");

    private final SalesforceRecords salesforce;
    private final OnItsWay onItsWay;

    public SecondOfferCheck(SalesforceRecords salesforce, OnItsWay onItsWay) {
        this.salesforce = salesforce;
        this.onItsWay = onItsWay;
    }

    /** Refuses the offer, naming the other, when another offer holds its one-time authorization or its agreement. */
    public void refuseUnconfirmed(MarketplaceRequest request, ObjectNode record) {
        if (record.path(OfferFields.CONFIRM_SECOND_OFFER.name()).asBoolean(false)) {
            return;
        }
        OfferOrigin origin = OfferRecords.origin(record);
        String id = record.path("Id").asText();
        String authorization = FieldValues.text(record, OfferFields.SHARED_RESALE_AUTHORIZATION);
        String agreement = FieldValues.text(record, OfferFields.AGREEMENT);
        boolean oneTime = "One-time".equals(record.path(OfferFields.SHARED_RESALE_AUTHORIZATION.relationship())
                .path(SharedResaleAuthorizationFields.USAGE.name()).asText(null));
        if (origin.type() == OfferOrigin.Type.CHANNEL_PARTNER && authorization != null && oneTime) {
            check(request, id, OfferFields.SHARED_RESALE_AUTHORIZATION, authorization, HOLDS_AUTHORIZATION);
        } else if (origin.replacesAgreement() && agreement != null) {
            check(request, id, OfferFields.AGREEMENT, agreement, HOLDS_AGREEMENT);
        }
    }

    private void check(MarketplaceRequest request, String offer, SObjectField lookup, String resource,
                       Set<String> holding) {
        boolean authorization = lookup == OfferFields.SHARED_RESALE_AUTHORIZATION;
        List<ObjectNode> sharing = salesforce.query("SELECT Id, Name, " + OfferFields.STATUS + ", "
                + OfferFields.OFFER_ID + ", " + lookup.relationship() + ".Name FROM " + OfferFields.OFFER + " WHERE "
                + lookup + " = " + Soql.quote(resource));
        ObjectNode own = sharing.stream().filter(r -> FieldValues.sameRecord(r.path("Id").asText(), offer))
                .findFirst().orElse(null);
        if (own == null) {
            return;
        }
        List<ObjectNode> others = sharing.stream().filter(r -> r != own).toList();
        String resourceName = own.path(lookup.relationship()).path("Name").asText(resource);
        // An offer AWS made from a one-time authorization used it, even a draft whose release then failed.
        String holder = others.stream().filter(r -> holding.contains(FieldValues.text(r, OfferFields.STATUS))
                        || (authorization && FieldValues.text(r, OfferFields.OFFER_ID) != null))
                .findFirst().map(r -> "offer \"" + r.path("Name").asText() + "\" (" + r.path("Id").asText() + ", "
                        + FieldValues.text(r, OfferFields.STATUS) + ")").orElse(null);
        if (holder == null && !others.isEmpty()) {
            Optional<UnfinishedRequest> sending = onItsWay.firstBefore(request,
                    others.stream().map(r -> r.path("Id").asText()).toList(), OfferSubmission.CREATES.buttons().keySet());
            holder = sending.map(r -> "offer " + r.targetRecordId() + ", which request " + r.name() + " ("
                    + OfferSubmission.CREATES.buttons().get(r.action()) + ") is sending now").orElse(null);
        }
        if (holder == null) {
            return;
        }
        throw new RequestRejected(List.of(new FieldProblem(lookup.name(), authorization
                ? "The one-time resale authorization \"" + resourceName + "\" is already used by " + holder + ": AWS"
                + " Marketplace allows one offer on a one-time authorization and fails a second. Ask the ISV for a new"
                + " authorization, or, if that offer will never reach AWS, tick Confirm Second Offer"
                + " (" + OfferFields.CONFIRM_SECOND_OFFER.name() + ") and press the button again."
                : "Agreement \"" + resourceName + "\" is already replaced by " + holder + ": whichever offer its buyer"
                + " accepts first replaces the agreement, and a second one is seldom meant. Cancel that offer first,"
                + " or, to send this one as well, tick Confirm Second Offer (" + OfferFields.CONFIRM_SECOND_OFFER.name()
                + ") and press the button again.")));
    }
}
