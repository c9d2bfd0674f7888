package io.mpcrm.connector.schedule;

import io.mpcrm.connector.fields.OfferFields;
import io.mpcrm.connector.fields.ResaleAuthorizationFields;
import io.mpcrm.connector.salesforce.SObjectField;
import java.math.BigDecimal;

/**
 * Where one kind of parent keeps its charges: the installment object, its master field and its charge fields. An
 * installment is a master-detail child of its parent, so that it is shared as the parent is; a child has exactly one
 * master object, so an offer's charges ({@code MP_Payment_Installment__c}) and a resale authorization's
 * ({@code MP_Resale_Installment__c}) are two objects with the same charge fields.
 */
record InstallmentObject(String sobject, SObjectField master, SObjectField number, SObjectField chargeDate,
                         SObjectField chargeAmount, SObjectField currency) {

    /**
     * The largest amount one installment's {@code Charge_Amount__c} holds: the field is Currency(16, 2) on both
     * installment objects (precision 16, scale 2 in their field-meta.xml), so 14 digits before the point.
     */
    static final BigDecimal MAX_CHARGE_AMOUNT = new BigDecimal("99999999999999.99");

    static final InstallmentObject OF_OFFER = new InstallmentObject(OfferFields.INSTALLMENT,
            OfferFields.INSTALLMENT_OFFER, OfferFields.INSTALLMENT_NUMBER, OfferFields.CHARGE_DATE,
            OfferFields.CHARGE_AMOUNT, OfferFields.CHARGE_CURRENCY);
    static final InstallmentObject OF_RESALE_AUTHORIZATION = new InstallmentObject(
            ResaleAuthorizationFields.INSTALLMENT, ResaleAuthorizationFields.INSTALLMENT_AUTHORIZATION,
            ResaleAuthorizationFields.INSTALLMENT_NUMBER, ResaleAuthorizationFields.CHARGE_DATE,
            ResaleAuthorizationFields.CHARGE_AMOUNT, ResaleAuthorizationFields.CHARGE_CURRENCY);
}
