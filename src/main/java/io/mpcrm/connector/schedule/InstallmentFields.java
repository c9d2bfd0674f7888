package io.mpcrm.connector.schedule;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.CURRENCY;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.NUMBER;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;
import java.math.BigDecimal;

/**
 * The fields of the two installment objects and of the records a schedule belongs to. An installment is a
 * master-detail child of its parent, so that it is shared as the parent is; a child has exactly one master object, so
 * an offer's charges ({@code MP_Payment_Installment__c}) and a resale authorization's ({@code MP_Resale_Installment__c})
 * are two objects with the same charge fields.
 */
public final class InstallmentFields {

    public static final String OFFER = "MP_Private_Offer__c";
    public static final String RESALE_AUTHORIZATION = "MP_Resale_Authorization__c";
    public static final String OFFER_INSTALLMENT = "MP_Payment_Installment__c";
    public static final String RESALE_INSTALLMENT = "MP_Resale_Installment__c";

    public static final SObjectField OFFER_SELLER = SObjectField.of(OFFER, "Seller_Account__c", REFERENCE);
    public static final SObjectField RESALE_AUTHORIZATION_SELLER =
            SObjectField.of(RESALE_AUTHORIZATION, "Seller_Account__c", REFERENCE);
    public static final SObjectField OFFER_CURRENCY = SObjectField.of(OFFER, "Currency__c", TEXT);
    public static final SObjectField RESALE_AUTHORIZATION_CURRENCY =
            SObjectField.of(RESALE_AUTHORIZATION, "Currency__c", TEXT);

    /**
     * The largest amount one installment's {@code Charge_Amount__c} holds: the field is Currency(16, 2) on both
     * installment objects (precision 16, scale 2 in their field-meta.xml), so 14 digits before the point.
     */
    public static final BigDecimal MAX_CHARGE_AMOUNT = new BigDecimal("99999999999999.99");

    public static final SObjectField OFFER_INSTALLMENT_OFFER =
            SObjectField.of(OFFER_INSTALLMENT, "Private_Offer__c", REFERENCE);
    public static final SObjectField OFFER_INSTALLMENT_NUMBER =
            SObjectField.of(OFFER_INSTALLMENT, "Installment_Number__c", NUMBER);
    public static final SObjectField OFFER_CHARGE_DATE = SObjectField.of(OFFER_INSTALLMENT, "Charge_Date__c", DATE);
    public static final SObjectField OFFER_CHARGE_AMOUNT =
            SObjectField.of(OFFER_INSTALLMENT, "Charge_Amount__c", CURRENCY);
    public static final SObjectField OFFER_CHARGE_CURRENCY = SObjectField.of(OFFER_INSTALLMENT, "Currency__c", TEXT);

    public static final SObjectField RESALE_INSTALLMENT_AUTHORIZATION =
            SObjectField.of(RESALE_INSTALLMENT, "Resale_Authorization__c", REFERENCE);
    public static final SObjectField RESALE_INSTALLMENT_NUMBER =
            SObjectField.of(RESALE_INSTALLMENT, "Installment_Number__c", NUMBER);
    public static final SObjectField RESALE_CHARGE_DATE = SObjectField.of(RESALE_INSTALLMENT, "Charge_Date__c", DATE);
    public static final SObjectField RESALE_CHARGE_AMOUNT =
            SObjectField.of(RESALE_INSTALLMENT, "Charge_Amount__c", CURRENCY);
    public static final SObjectField RESALE_CHARGE_CURRENCY =
            SObjectField.of(RESALE_INSTALLMENT, "Currency__c", TEXT);

    /** Where one kind of parent keeps its charges: the installment object, its master field and its charge fields. */
    record InstallmentObject(String sobject, SObjectField master, SObjectField number, SObjectField chargeDate,
                             SObjectField chargeAmount, SObjectField currency) {
    }

    static final InstallmentObject OF_OFFER = new InstallmentObject(OFFER_INSTALLMENT, OFFER_INSTALLMENT_OFFER,
            OFFER_INSTALLMENT_NUMBER, OFFER_CHARGE_DATE, OFFER_CHARGE_AMOUNT, OFFER_CHARGE_CURRENCY);
    static final InstallmentObject OF_RESALE_AUTHORIZATION = new InstallmentObject(RESALE_INSTALLMENT,
            RESALE_INSTALLMENT_AUTHORIZATION, RESALE_INSTALLMENT_NUMBER, RESALE_CHARGE_DATE, RESALE_CHARGE_AMOUNT,
            RESALE_CHARGE_CURRENCY);

    private InstallmentFields() {
    }
}
