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

/**
 * The fields of {@code MP_Private_Offer__c} (direct, agreement-based and channel partner offers), its rates and its
 * installments. The records an offer links to (product, agreement, shared resale authorization, seller account) have
 * their own classes.
 */
public final class OfferFields {

    public static final String OFFER = "MP_Private_Offer__c";
    public static final String RATE = "MP_Offer_Dimension__c";
    /** Its installments: a master-detail child of the offer, shared as the offer is. */
    public static final String INSTALLMENT = "MP_Payment_Installment__c";

    public static final SObjectField NAME = SObjectField.of(OFFER, "Name", TEXT);
    public static final SObjectField LAST_MODIFIED = SObjectField.of(OFFER, "LastModifiedDate", DATE_TIME);
    public static final SObjectField SELLER = SObjectField.of(OFFER, "Seller_Account__c", REFERENCE);
    public static final SObjectField PRODUCT = SObjectField.of(OFFER, "Product__c", REFERENCE);
    public static final SObjectField OFFER_ID = SObjectField.of(OFFER, "Offer_Id__c", TEXT);
    public static final SObjectField OFFER_NAME = SObjectField.of(OFFER, "Offer_Name__c", TEXT);
    public static final SObjectField DESCRIPTION = SObjectField.of(OFFER, "Description__c", TEXT);
    public static final SObjectField STATUS = SObjectField.of(OFFER, "Status__c", PICKLIST);
    public static final SObjectField CHANGE_SET_ID = SObjectField.of(OFFER, "Change_Set_Id__c", TEXT);
    public static final SObjectField LAST_ERROR = SObjectField.of(OFFER, "Last_Error__c", LONG_TEXT);
    public static final SObjectField BUYER_ACCOUNTS = SObjectField.of(OFFER, "Buyer_Accounts__c", LONG_TEXT);
    public static final SObjectField PRICING_MODEL = SObjectField.of(OFFER, "Pricing_Model__c", PICKLIST);
    public static final SObjectField CURRENCY_CODE = SObjectField.of(OFFER, "Currency__c", TEXT);
    public static final SObjectField SERVICE_LENGTH = SObjectField.of(OFFER, "Service_Length__c", TEXT);
    public static final SObjectField SERVICE_START = SObjectField.of(OFFER, "Service_Start_Date__c", DATE);
    public static final SObjectField SERVICE_END = SObjectField.of(OFFER, "Service_End_Date__c", DATE);
    public static final SObjectField EXPIRATION = SObjectField.of(OFFER, "Expiration_Date__c", DATE);
    /** The expiration date Modify Expiration or Cancel Offer sent and AWS has not applied (yet, or at all). */
    public static final SObjectField REQUESTED_EXPIRATION = SObjectField.of(OFFER, "Requested_Expiration__c", DATE);
    public static final SObjectField TIERED = SObjectField.of(OFFER, "Tiered_Pricing__c", CHECKBOX);
    public static final SObjectField ZERO_DOLLAR = SObjectField.of(OFFER, "Zero_Dollar_Pricing__c", CHECKBOX);
    public static final SObjectField INSTALLMENTS_ENABLED = SObjectField.of(OFFER, "Installments_Enabled__c", CHECKBOX);
    public static final SObjectField EULA_TYPE = SObjectField.of(OFFER, "EULA_Type__c", PICKLIST);
    public static final SObjectField EULA_DOCUMENT = SObjectField.of(OFFER, "EULA_Document_Id__c", TEXT);
    public static final SObjectField EULA_URL = SObjectField.of(OFFER, "EULA_Url__c", TEXT);
    public static final SObjectField RENEWAL = SObjectField.of(OFFER, "Renewal__c", CHECKBOX);
    public static final SObjectField RENEWAL_CHANNEL = SObjectField.of(OFFER, "Renewal_Acquisition_Channel__c", PICKLIST);
    public static final SObjectField RENEWAL_PRICING = SObjectField.of(OFFER, "Renewal_Pricing_Model__c", PICKLIST);
    public static final SObjectField OFFER_URL = SObjectField.of(OFFER, "Offer_URL__c", TEXT);
    public static final SObjectField OFFER_TYPE = SObjectField.of(OFFER, "Offer_Type__c", PICKLIST);
    public static final SObjectField AGREEMENT = SObjectField.of(OFFER, "Agreement__c", REFERENCE);
    public static final SObjectField SHARED_RESALE_AUTHORIZATION =
            SObjectField.of(OFFER, "Shared_Resale_Authorization__c", REFERENCE);
    /** The AWS id of the resale authorization an imported channel partner offer is made on, which links it. */
    public static final SObjectField OFFER_RESALE_AUTHORIZATION_ID =
            SObjectField.of(OFFER, "Resale_Authorization_Id__c", TEXT);
    public static final SObjectField MARKUP = SObjectField.of(OFFER, "Markup_Percentage__c", NUMBER);
    public static final SObjectField RESELLER_CONTRACT_ACCEPTED =
            SObjectField.of(OFFER, "Reseller_Contract_Accepted__c", CHECKBOX);
    /** The seller confirms a second offer on a one-time resale authorization, or on an agreement another one replaces. */
    public static final SObjectField CLONED_FROM = SObjectField.of(OFFER, "Cloned_From__c", REFERENCE);
    public static final SObjectField CONFIRM_SECOND_OFFER = SObjectField.of(OFFER, "Confirm_Second_Offer__c", CHECKBOX);

    public static final SObjectField RATE_NAME = SObjectField.of(RATE, "Name", TEXT);
    public static final SObjectField RATE_OFFER = SObjectField.of(RATE, "Private_Offer__c", REFERENCE);
    public static final SObjectField RATE_KEY = SObjectField.of(RATE, "Dimension_Key__c", TEXT);
    public static final SObjectField RATE_VALUE = SObjectField.of(RATE, "Rate__c", NUMBER);
    public static final SObjectField RATE_KIND = SObjectField.of(RATE, "Rate_Kind__c", PICKLIST);
    public static final SObjectField RATE_QUANTITY = SObjectField.of(RATE, "Quantity__c", NUMBER);

    public static final SObjectField INSTALLMENT_OFFER = SObjectField.of(INSTALLMENT, "Private_Offer__c", REFERENCE);
    public static final SObjectField CHARGE_DATE = SObjectField.of(INSTALLMENT, "Charge_Date__c", DATE);
    public static final SObjectField CHARGE_AMOUNT = SObjectField.of(INSTALLMENT, "Charge_Amount__c", CURRENCY);
    public static final SObjectField CHARGE_CURRENCY = SObjectField.of(INSTALLMENT, "Currency__c", TEXT);
    public static final SObjectField INSTALLMENT_NUMBER = SObjectField.of(INSTALLMENT, "Installment_Number__c", NUMBER);

    /** The offer's child relationships: its rates and its installments, as a SOQL subquery names them. */
    public static final String RATES = "Offer_Dimensions__r";
    public static final String INSTALLMENTS = "Payment_Installments__r";

    private OfferFields() {
    }
}
