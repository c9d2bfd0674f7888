package io.mpcrm.connector.schedule;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.CURRENCY;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.ID;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.NUMBER;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;

/** The fields of {@code MP_Payment_Installment__c} and of the records a schedule belongs to. */
public final class InstallmentFields {

    public static final String INSTALLMENT = "MP_Payment_Installment__c";
    public static final String OFFER = "MP_Private_Offer__c";
    public static final String RESALE_AUTHORIZATION = "MP_Resale_Authorization__c";

    public static final SObjectField ID_FIELD = SObjectField.of(INSTALLMENT, "Id", ID);
    public static final SObjectField PRIVATE_OFFER = SObjectField.of(INSTALLMENT, "Private_Offer__c", REFERENCE);
    public static final SObjectField RESALE_AUTHORIZATION_LOOKUP =
            SObjectField.of(INSTALLMENT, "Resale_Authorization__c", REFERENCE);
    public static final SObjectField NUMBER_FIELD = SObjectField.of(INSTALLMENT, "Installment_Number__c", NUMBER);
    public static final SObjectField CHARGE_DATE = SObjectField.of(INSTALLMENT, "Charge_Date__c", DATE);
    public static final SObjectField CHARGE_AMOUNT = SObjectField.of(INSTALLMENT, "Charge_Amount__c", CURRENCY);
    public static final SObjectField CURRENCY_CODE = SObjectField.of(INSTALLMENT, "Currency__c", TEXT);

    public static final SObjectField OFFER_SELLER = SObjectField.of(OFFER, "Seller_Account__c", REFERENCE);
    public static final SObjectField RESALE_AUTHORIZATION_SELLER =
            SObjectField.of(RESALE_AUTHORIZATION, "Seller_Account__c", REFERENCE);

    private InstallmentFields() {
    }
}
