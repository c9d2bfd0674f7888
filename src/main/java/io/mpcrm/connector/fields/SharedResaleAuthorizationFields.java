package io.mpcrm.connector.fields;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE_TIME;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.LONG_TEXT;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.NUMBER;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.PICKLIST;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;

/** The fields of {@code MP_Shared_Resale_Authorization__c} that the channel partner's sync writes. */
public final class SharedResaleAuthorizationFields {

    public static final String SHARED = "MP_Shared_Resale_Authorization__c";

    public static final SObjectField NAME = SObjectField.of(SHARED, "Name", TEXT);
    public static final SObjectField ID_FIELD = SObjectField.of(SHARED, "Resale_Authorization_Id__c", TEXT);
    public static final SObjectField SELLER = SObjectField.of(SHARED, "Seller_Account__c", REFERENCE);
    public static final SObjectField ISV_ACCOUNT = SObjectField.of(SHARED, "ISV_Account_Id__c", TEXT);
    public static final SObjectField ISV_NAME = SObjectField.of(SHARED, "ISV_Legal_Name__c", TEXT);
    public static final SObjectField PRODUCT = SObjectField.of(SHARED, "Product__c", REFERENCE);
    public static final SObjectField PRODUCT_ID = SObjectField.of(SHARED, "Product_Id__c", TEXT);
    public static final SObjectField PRODUCT_NAME = SObjectField.of(SHARED, "Product_Name__c", TEXT);
    public static final SObjectField PRICING_MODEL = SObjectField.of(SHARED, "Pricing_Model__c", PICKLIST);
    public static final SObjectField CURRENCY_CODE = SObjectField.of(SHARED, "Currency__c", TEXT);
    public static final SObjectField WHOLESALE_RATES = SObjectField.of(SHARED, "Wholesale_Rates__c", LONG_TEXT);
    public static final SObjectField LEGAL_TERMS = SObjectField.of(SHARED, "Legal_Terms__c", LONG_TEXT);
    public static final SObjectField USAGE = SObjectField.of(SHARED, "Usage__c", PICKLIST);
    public static final SObjectField EXPIRATION = SObjectField.of(SHARED, "Expiration_Date__c", DATE);
    public static final SObjectField STATUS = SObjectField.of(SHARED, "Status__c", PICKLIST);
    /** Who a channel partner offer may target (the BuyerTargetingTerm); empty: anyone. */
    public static final SObjectField BUYER_ACCOUNTS = SObjectField.of(SHARED, "Buyer_Accounts__c", LONG_TEXT);
    /** OfferDetails: how many offers were made on it, and whether another one can be. */
    public static final SObjectField OFFERS_CREATED = SObjectField.of(SHARED, "Offers_Created__c", NUMBER);
    public static final SObjectField OFFER_STATUS = SObjectField.of(SHARED, "Offer_Status__c", TEXT);
    /** The BuyerValidityTerm: the latest start of a future dated offer's agreement. */
    public static final SObjectField MAXIMUM_START =
            SObjectField.of(SHARED, "Maximum_Agreement_Start_Date__c", DATE);
    public static final SObjectField LAST_SYNCED_AT = SObjectField.of(SHARED, "Last_Synced_At__c", DATE_TIME);

    private SharedResaleAuthorizationFields() {
    }
}
