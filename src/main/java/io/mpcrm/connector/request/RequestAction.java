package io.mpcrm.connector.request;

/**
 * The work behind one value of {@code Action__c}. Implementations validate before they call anything, throw
 * {@link RequestRejected} for what the seller must fix and {@link TransientFailure} for what may pass.
 */
public interface RequestAction {

    /** The {@code Action__c} value this handles, e.g. {@code GENERATE_PAYMENT_SCHEDULE}. */
    String action();

    /** Performs the request and returns the result a seller reads on the request. */
    String perform(MarketplaceRequest request);
}
