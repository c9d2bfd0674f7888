package io.mpcrm.connector.offer;

import io.mpcrm.connector.fields.OfferFields;
import java.math.BigDecimal;
import java.util.List;

/**
 * What an offer sends to AWS Marketplace, term by term, for each kind of offer, and which {@link OfferValidator} check
 * covers it. The rule is that the {@link OfferChangeSetBuilder} sends a term exactly when the validator checked it;
 * a term AWS takes from elsewhere (the agreement, the resale authorization) is not sent, and the validator then only
 * checks that the record does not claim otherwise. {@code OfferTermTest} walks this table against the builder and
 * the validator.
 *
 * <table>
 * <caption>Sent when (validator check): "-" not sent; "checked only" not sent, the record is checked against what AWS
 * keeps</caption>
 * <tr><th>Term (change)</th><th>Direct</th><th>Agreement based</th><th>Channel partner</th>
 * <th>Channel partner agreement based</th></tr>
 * <tr><td>CREATION (Create*)</td><td>always, ProductId (product: synced, of a known type, not Unavailable;
 * ownProduct)</td>
 * <td>always, AgreementId (agreementBasedProblems)</td>
 * <td>always, ResaleAuthorizationId (channelPartnerProblems: Active, unexpired, not used up, reseller contract)</td>
 * <td>always, AgreementId and ResaleAuthorizationId (agreementBasedProblems)</td></tr>
 * <tr><td>INFORMATION (UpdateInformation Name, Description)</td><td colspan="4">always (information)</td></tr>
 * <tr><td>RENEWAL (UpdateInformation PreExistingAgreement)</td><td colspan="4">when Renewal is ticked (renewal)</td></tr>
 * <tr><td>TARGETING (UpdateTargeting)</td><td>always (buyers)</td><td>checked only: AWS targets the agreement's
 * buyer (agreementBasedProblems)</td><td>always (buyers, channelPartnerBuyers)</td><td>checked only, as agreement
 * based</td></tr>
 * <tr><td>PRICING (UpdatePricingTerms)</td><td colspan="2">always: rate cards, or the Upfront units granted for 0
 * with installments (pricing, dimensions, dimensionCounts: at most 200 Entitled and 200 ExternallyMetered, totals,
 * zeroDollarSchedule: no charging installments beside Zero Dollar Pricing)</td><td>checked only: the authorization's prices, marked up
 * (channelPartnerProblems: currency, duration)</td><td>with installments: the Upfront units granted for 0, a
 * FixedUpfrontPricingTerm only (resoldReplacement, totals); without: - (the authorization's prices, marked up)</td></tr>
 * <tr><td>LEGAL (UpdateLegalTerms)</td><td colspan="2">always (eula)</td><td colspan="2">with a custom EULA (eula);
 * otherwise checked only: the ISV's buyer terms stay</td></tr>
 * <tr><td>AVAILABILITY (UpdateAvailability)</td><td colspan="4">always (expiration; expirationLimits, which Modify
 * Expiration applies to its new date too: channel partner, not after the authorization's expiry; before a future
 * start; before the agreement end an agreement-based offer gives; at most one installment on or before it)</td></tr>
 * <tr><td>VALIDITY (UpdateValidityTerms)</td><td>with a Service Length (of at most four digits, ServiceLength) or
 * future dates (serviceTerm)</td><td>always,
 * AgreementEndDate (agreementBasedProblems)</td><td>with a Service Length or future dates (serviceTerm,
 * channelPartnerDuration)</td><td>always, AgreementEndDate (agreementBasedProblems)</td></tr>
 * <tr><td>PAYMENT_SCHEDULE (UpdatePaymentScheduleTerms)</td><td colspan="2">with installments (schedule, totals)</td>
 * <td>with installments and no markup (channelPartnerSchedule: the authorization's dates, amounts at least its own);
 * with a markup checked only: the ISV's installments, marked up</td><td>with installments (schedule, totals,
 * resoldReplacement: no markup, and the authorization's dates with amounts at least its own when it has
 * installments)</td></tr>
 * <tr><td>MARKUP (UpdateMarkup)</td><td colspan="2">-</td><td>always (channelPartnerProblems)</td><td>without
 * installments, 0 when empty (resoldReplacement); with them checked only: it must be 0, as AWS refuses a markup on
 * terms the authorization does not have</td></tr>
 * </table>
 * ReleaseOffer follows when the offer is created rather than saved as a draft.
 *
 * @param change  the change type that sends the term (for CREATION, the offer's own Create change)
 * @param pointer where in the change's DetailsDocument the term is, or "" for the whole change
 * @param fields  the Salesforce fields (or their prefixes) the validator's problems on the term name
 */
public enum OfferTerm {
    CREATION(null, "", List.of(OfferValidator.PRODUCT, OfferValidator.AGREEMENT,
            OfferValidator.SHARED_RESALE_AUTHORIZATION, OfferValidator.RESELLER_CONTRACT)),
    INFORMATION("UpdateInformation", "/Name", List.of(OfferValidator.NAME, OfferValidator.DESCRIPTION)),
    RENEWAL("UpdateInformation", "/PreExistingAgreement", List.of(OfferValidator.RENEWAL_CHANNEL,
            OfferValidator.RENEWAL_PRICING)),
    TARGETING("UpdateTargeting", "", List.of(OfferValidator.BUYER_ACCOUNTS)),
    PRICING("UpdatePricingTerms", "", List.of(OfferValidator.PRICING_MODEL, OfferValidator.CURRENCY,
            OfferValidator.TIERED, OfferValidator.ZERO_DOLLAR, OfferValidator.SERVICE_LENGTH, OfferFields.RATE,
            "Dimension ")),
    LEGAL("UpdateLegalTerms", "", List.of(OfferValidator.EULA_TYPE, OfferValidator.EULA_DOCUMENT)),
    AVAILABILITY("UpdateAvailability", "", List.of(OfferValidator.EXPIRATION)),
    VALIDITY("UpdateValidityTerms", "", List.of(OfferValidator.SERVICE_LENGTH, OfferValidator.SERVICE_START,
            OfferValidator.SERVICE_END)),
    PAYMENT_SCHEDULE("UpdatePaymentScheduleTerms", "", List.of(OfferValidator.INSTALLMENTS,
            OfferFields.INSTALLMENT)),
    MARKUP("UpdateMarkup", "", List.of(OfferValidator.MARKUP));

    /** How a term of an offer is covered. */
    public enum Coverage {
        /** Sent, and checked by the validator first. */
        SENT,
        /** Not sent, because AWS keeps its own; the validator checks the record does not say otherwise. */
        CHECKED_ONLY,
        /** Neither sent nor checked. */
        NONE
    }

    private final String change;
    private final String pointer;
    private final List<String> fields;

    OfferTerm(String change, String pointer, List<String> fields) {
        this.change = change;
        this.pointer = pointer;
        this.fields = fields;
    }

    /** The change type that sends this term of {@code offer}. */
    public String change(PrivateOffer offer) {
        return change == null ? offer.origin().createChange() : change;
    }

    public String pointer() {
        return pointer;
    }

    /** Whether a problem on {@code field} is a problem of this term. */
    public boolean names(String field) {
        return fields.stream().anyMatch(field::startsWith);
    }

    /** How this term of {@code offer} is covered, as the table above says. */
    public Coverage coverage(PrivateOffer offer) {
        OfferOrigin.Type type = offer.origin().type();
        boolean channelPartner = offer.origin().channelPartner();
        boolean installments = offer.flexiblePaymentSchedule();
        return switch (this) {
            case CREATION, INFORMATION, AVAILABILITY -> Coverage.SENT;
            case RENEWAL -> offer.renewal() ? Coverage.SENT : Coverage.NONE;
            case TARGETING -> offer.origin().replacesAgreement() ? Coverage.CHECKED_ONLY : Coverage.SENT;
            case PRICING -> switch (type) {
                case DIRECT, AGREEMENT_BASED -> Coverage.SENT;
                case CHANNEL_PARTNER -> Coverage.CHECKED_ONLY;
                case CHANNEL_PARTNER_AGREEMENT_BASED -> installments ? Coverage.SENT : Coverage.NONE;
            };
            case LEGAL -> !channelPartner || PrivateOffer.CUSTOM_EULA.equals(offer.eulaType())
                    ? Coverage.SENT : Coverage.CHECKED_ONLY;
            case VALIDITY -> offer.origin().replacesAgreement() || offer.serviceLength() != null
                    || offer.futureDated() ? Coverage.SENT : Coverage.NONE;
            case PAYMENT_SCHEDULE -> {
                if (!installments) {
                    yield Coverage.NONE;
                }
                BigDecimal markup = offer.origin().markupPercentage();
                boolean markedUp = type == OfferOrigin.Type.CHANNEL_PARTNER && markup != null && markup.signum() > 0;
                yield markedUp ? Coverage.CHECKED_ONLY : Coverage.SENT;
            }
            case MARKUP -> !channelPartner ? Coverage.NONE
                    : type == OfferOrigin.Type.CHANNEL_PARTNER_AGREEMENT_BASED && installments ? Coverage.CHECKED_ONLY
                    : Coverage.SENT;
        };
    }
}
