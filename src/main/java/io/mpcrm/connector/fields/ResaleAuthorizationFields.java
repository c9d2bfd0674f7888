package io.mpcrm.connector.fields;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.CHECKBOX;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.CURRENCY;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE_TIME;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.LONG_TEXT;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.NUMBER;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.PICKLIST;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;

/** The fields of an ISV's resale authorization, its wholesale rates and installments, as the resale actions use them. */
public final class ResaleAuthorizationFields {

    public static final String AUTHORIZATION = "MP_Resale_Authorization__c";
    public static final String RATE = "MP_Resale_Dimension__c";
    /** Its installments: a master-detail child of the authorization, shared as the authorization is. */
    public static final String INSTALLMENT = "MP_Resale_Installment__c";

    public static final SObjectField NAME = SObjectField.of(AUTHORIZATION, "Name", TEXT);
    public static final SObjectField LAST_MODIFIED = SObjectField.of(AUTHORIZATION, "LastModifiedDate", DATE_TIME);
    public static final SObjectField SELLER = SObjectField.of(AUTHORIZATION, "Seller_Account__c", REFERENCE);
    public static final SObjectField PRODUCT = SObjectField.of(AUTHORIZATION, "Product__c", REFERENCE);
    public static final SObjectField AUTHORIZATION_ID = SObjectField.of(AUTHORIZATION, "Resale_Authorization_Id__c", TEXT);
    public static final SObjectField DESCRIPTION = SObjectField.of(AUTHORIZATION, "Description__c", LONG_TEXT);
    public static final SObjectField STATUS = SObjectField.of(AUTHORIZATION, "Status__c", PICKLIST);
    public static final SObjectField CHANGE_SET_ID = SObjectField.of(AUTHORIZATION, "Change_Set_Id__c", TEXT);
    public static final SObjectField LAST_ERROR = SObjectField.of(AUTHORIZATION, "Last_Error__c", LONG_TEXT);
    public static final SObjectField RESELLER = SObjectField.of(AUTHORIZATION, "Reseller_Account_Id__c", TEXT);
    public static final SObjectField BUYER_ACCOUNTS = SObjectField.of(AUTHORIZATION, "Buyer_Accounts__c", LONG_TEXT);
    public static final SObjectField PRICING_MODEL = SObjectField.of(AUTHORIZATION, "Pricing_Model__c", PICKLIST);
    public static final SObjectField CURRENCY_CODE = SObjectField.of(AUTHORIZATION, "Currency__c", TEXT);
    public static final SObjectField SERVICE_LENGTH = SObjectField.of(AUTHORIZATION, "Service_Length__c", TEXT);
    public static final SObjectField SERVICE_START = SObjectField.of(AUTHORIZATION, "Service_Start_Date__c", DATE);
    public static final SObjectField SERVICE_END = SObjectField.of(AUTHORIZATION, "Service_End_Date__c", DATE);
    public static final SObjectField USAGE = SObjectField.of(AUTHORIZATION, "Usage__c", PICKLIST);
    public static final SObjectField EXPIRATION = SObjectField.of(AUTHORIZATION, "Expiration_Date__c", DATE);
    public static final SObjectField MAX_AGREEMENT_START = SObjectField.of(AUTHORIZATION,
            "Maximum_Agreement_Start_Date__c", DATE);
    public static final SObjectField ZERO_DOLLAR = SObjectField.of(AUTHORIZATION, "Zero_Dollar_Pricing__c", CHECKBOX);
    public static final SObjectField INSTALLMENTS_ENABLED = SObjectField.of(AUTHORIZATION, "Installments_Enabled__c",
            CHECKBOX);
    public static final SObjectField BUYER_EULA_TYPE = SObjectField.of(AUTHORIZATION, "Buyer_EULA_Type__c", PICKLIST);
    public static final SObjectField BUYER_EULA_DOCUMENT = SObjectField.of(AUTHORIZATION, "Buyer_EULA_Document_Id__c",
            TEXT);
    public static final SObjectField BUYER_EULA_URL = SObjectField.of(AUTHORIZATION, "Buyer_EULA_Url__c", TEXT);
    public static final SObjectField CONTRACT_TYPE = SObjectField.of(AUTHORIZATION, "Reseller_Contract_Type__c",
            PICKLIST);
    public static final SObjectField CONTRACT_DOCUMENT = SObjectField.of(AUTHORIZATION,
            "Reseller_Contract_Document_Id__c", TEXT);
    public static final SObjectField CONTRACT_URL = SObjectField.of(AUTHORIZATION, "Reseller_Contract_Url__c", TEXT);
    public static final SObjectField RENEWAL = SObjectField.of(AUTHORIZATION, "Renewal__c", CHECKBOX);
    public static final SObjectField RENEWAL_CHANNEL = SObjectField.of(AUTHORIZATION, "Renewal_Acquisition_Channel__c",
            PICKLIST);
    public static final SObjectField RENEWAL_PRICING = SObjectField.of(AUTHORIZATION, "Renewal_Pricing_Model__c",
            PICKLIST);
    public static final SObjectField CLONED_FROM = SObjectField.of(AUTHORIZATION, "Cloned_From__c", REFERENCE);

    public static final SObjectField RATE_NAME = SObjectField.of(RATE, "Name", TEXT);
    public static final SObjectField RATE_AUTHORIZATION = SObjectField.of(RATE, "Resale_Authorization__c", REFERENCE);
    public static final SObjectField RATE_KEY = SObjectField.of(RATE, "Dimension_Key__c", TEXT);
    public static final SObjectField RATE_VALUE = SObjectField.of(RATE, "Rate__c", NUMBER);
    public static final SObjectField RATE_KIND = SObjectField.of(RATE, "Rate_Kind__c", PICKLIST);
    public static final SObjectField RATE_QUANTITY = SObjectField.of(RATE, "Quantity__c", NUMBER);

    public static final SObjectField INSTALLMENT_AUTHORIZATION = SObjectField.of(INSTALLMENT,
            "Resale_Authorization__c", REFERENCE);
    public static final SObjectField CHARGE_DATE = SObjectField.of(INSTALLMENT, "Charge_Date__c", DATE);
    public static final SObjectField CHARGE_AMOUNT = SObjectField.of(INSTALLMENT, "Charge_Amount__c", CURRENCY);
    public static final SObjectField CHARGE_CURRENCY = SObjectField.of(INSTALLMENT, "Currency__c", TEXT);
    public static final SObjectField INSTALLMENT_NUMBER = SObjectField.of(INSTALLMENT, "Installment_Number__c", NUMBER);

    private ResaleAuthorizationFields() {
    }
}
