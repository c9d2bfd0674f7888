package io.mpcrm.connector.fields;

import static io.mpcrm.connector.salesforce.SObjectField.Kind.DATE_TIME;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.LONG_TEXT;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.MULTI_PICKLIST;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.PICKLIST;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.REFERENCE;
import static io.mpcrm.connector.salesforce.SObjectField.Kind.TEXT;

import io.mpcrm.connector.salesforce.SObjectField;

/**
 * The fields of {@code MP_Product__c} and {@code MP_Product_Dimension__c}: the product sync writes them, offers and
 * resale authorizations read the product they are made on.
 */
public final class ProductFields {

    public static final String PRODUCT = "MP_Product__c";
    public static final String DIMENSION = "MP_Product_Dimension__c";

    public static final SObjectField NAME = SObjectField.of(PRODUCT, "Name", TEXT);
    public static final SObjectField PRODUCT_ID = SObjectField.of(PRODUCT, "Product_Id__c", TEXT);
    public static final SObjectField PRODUCT_TYPE = SObjectField.of(PRODUCT, "Product_Type__c", PICKLIST);
    /** Unavailable once Refresh Products no longer finds the product: no offer or authorization can be made on it. */
    public static final SObjectField VISIBILITY = SObjectField.of(PRODUCT, "Visibility__c", PICKLIST);
    /** The seller account a product was synced for: only that account can make offers on it. */
    public static final SObjectField SELLER = SObjectField.of(PRODUCT, "Seller_Account__c", REFERENCE);
    public static final SObjectField LAST_SYNCED_AT = SObjectField.of(PRODUCT, "Last_Synced_At__c", DATE_TIME);

    public static final SObjectField DIMENSION_NAME = SObjectField.of(DIMENSION, "Name", TEXT);
    public static final SObjectField DIMENSION_PRODUCT = SObjectField.of(DIMENSION, "Product__c", REFERENCE);
    public static final SObjectField DIMENSION_KEY = SObjectField.of(DIMENSION, "Dimension_Key__c", TEXT);
    public static final SObjectField UNIT = SObjectField.of(DIMENSION, "Unit__c", TEXT);
    /** What the dimension is, as the seller described it in AWS Marketplace; the guided offer page shows it. */
    public static final SObjectField DIMENSION_DESCRIPTION = SObjectField.of(DIMENSION, "Description__c", LONG_TEXT);
    public static final SObjectField TYPES = SObjectField.of(DIMENSION, "Types__c", MULTI_PICKLIST);
    public static final SObjectField PRODUCT_DIMENSION_KEY = SObjectField.of(DIMENSION, "Product_Dimension_Key__c", TEXT);

    private ProductFields() {
    }
}
