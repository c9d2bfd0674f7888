package io.mpcrm.connector.fields;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.CHECKBOX;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.CURRENCY;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE_TIME;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.LONG_TEXT;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.PICKLIST;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;

/** The fields of {@code MP_Agreement__c}: the agreement sync writes them, agreement-based offers read them. */
public final class AgreementFields {

    public static final String AGREEMENT = "MP_Agreement__c";

    public static final SObjectField NAME = SObjectField.of(AGREEMENT, "Name", TEXT);
    public static final SObjectField AGREEMENT_ID = SObjectField.of(AGREEMENT, "Agreement_Id__c", TEXT);
    public static final SObjectField SELLER = SObjectField.of(AGREEMENT, "Seller_Account__c", REFERENCE);
    public static final SObjectField OFFER_ID = SObjectField.of(AGREEMENT, "Offer_Id__c", TEXT);
    public static final SObjectField PRODUCT = SObjectField.of(AGREEMENT, "Product__c", REFERENCE);
    public static final SObjectField PRIVATE_OFFER = SObjectField.of(AGREEMENT, "Private_Offer__c", REFERENCE);
    public static final SObjectField ACCEPTOR = SObjectField.of(AGREEMENT, "Acceptor_Account_Id__c", TEXT);
    public static final SObjectField STATUS = SObjectField.of(AGREEMENT, "Status__c", PICKLIST);
    public static final SObjectField START_TIME = SObjectField.of(AGREEMENT, "Start_Time__c", DATE_TIME);
    public static final SObjectField END_TIME = SObjectField.of(AGREEMENT, "End_Time__c", DATE_TIME);
    public static final SObjectField ACCEPTANCE_TIME = SObjectField.of(AGREEMENT, "Acceptance_Time__c", DATE_TIME);
    public static final SObjectField VALUE = SObjectField.of(AGREEMENT, "Agreement_Value__c", CURRENCY);
    public static final SObjectField CURRENCY_CODE = SObjectField.of(AGREEMENT, "Currency__c", TEXT);
    public static final SObjectField PRICING_MODEL = SObjectField.of(AGREEMENT, "Pricing_Model__c", PICKLIST);
    public static final SObjectField AUTO_RENEW = SObjectField.of(AGREEMENT, "Auto_Renew__c", CHECKBOX);
    public static final SObjectField DIMENSIONS = SObjectField.of(AGREEMENT, "Dimensions__c", LONG_TEXT);
    public static final SObjectField TERMS_JSON = SObjectField.of(AGREEMENT, "Terms_Json__c", LONG_TEXT);
    public static final SObjectField LAST_SYNCED_AT = SObjectField.of(AGREEMENT, "Last_Synced_At__c", DATE_TIME);

    private AgreementFields() {
    }
}
