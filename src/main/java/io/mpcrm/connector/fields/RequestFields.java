package io.mpcrm.connector.fields;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE_TIME;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.ID;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.LONG_TEXT;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.NUMBER;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.PICKLIST;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;

/** The fields of {@code Marketplace_Request__c} and {@code AWS_Seller_Account__c} that the request lifecycle uses. */
public final class RequestFields {

    public static final String REQUEST = "Marketplace_Request__c";
    public static final String SELLER_ACCOUNT = "AWS_Seller_Account__c";

    public static final SObjectField ID_FIELD = SObjectField.of(REQUEST, "Id", ID);
    public static final SObjectField NAME = SObjectField.of(REQUEST, "Name", TEXT);
    public static final SObjectField CREATED_BY = SObjectField.of(REQUEST, "CreatedById", REFERENCE);
    public static final SObjectField ACTION = SObjectField.of(REQUEST, "Action__c", PICKLIST);
    public static final SObjectField STATUS = SObjectField.of(REQUEST, "Status__c", PICKLIST);
    public static final SObjectField SELLER = SObjectField.of(REQUEST, "Seller_Account__c", REFERENCE);
    public static final SObjectField TARGET_RECORD_ID = SObjectField.of(REQUEST, "Target_Record_Id__c", TEXT);
    public static final SObjectField INPUT = SObjectField.of(REQUEST, "Input__c", LONG_TEXT);
    public static final SObjectField RESULT = SObjectField.of(REQUEST, "Result__c", LONG_TEXT);
    public static final SObjectField ERROR = SObjectField.of(REQUEST, "Error__c", LONG_TEXT);
    public static final SObjectField ATTEMPTS = SObjectField.of(REQUEST, "Attempts__c", NUMBER);
    public static final SObjectField NEXT_ATTEMPT_AT = SObjectField.of(REQUEST, "Next_Attempt_At__c", DATE_TIME);
    public static final SObjectField STARTED_AT = SObjectField.of(REQUEST, "Started_At__c", DATE_TIME);
    public static final SObjectField FINISHED_AT = SObjectField.of(REQUEST, "Finished_At__c", DATE_TIME);
    public static final SObjectField PROGRESS = SObjectField.of(REQUEST, "Progress__c", TEXT);
    public static final SObjectField CLAIMED_BY = SObjectField.of(REQUEST, "Claimed_By__c", TEXT);

    public static final SObjectField SELLER_ACCOUNT_ID = SObjectField.of(SELLER_ACCOUNT, "Account_Id__c", TEXT);
    public static final SObjectField SELLER_ACCOUNT_ROLE = SObjectField.of(SELLER_ACCOUNT, "Role__c", PICKLIST);

    /** The platform event that announces a new request. */
    public static final String EVENT = "Marketplace_Request_Event__e";
    public static final SObjectField EVENT_REQUEST_ID = SObjectField.of(EVENT, "Request_Id__c", TEXT);

    /** The status field of a record that follows a change set (offers, resale authorizations). */
    public static final String TARGET_STATUS = "Status__c";
    /** The field of a request's target record (offers, resale authorizations) that shows the request's failure. */
    public static final String TARGET_LAST_ERROR = "Last_Error__c";

    private RequestFields() {
    }
}
