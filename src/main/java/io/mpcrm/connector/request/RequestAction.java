package io.mpcrm.connector.request;

import java.util.List;
import java.util.Set;

/**
 * The work behind one value of {@code Action__c}. Implementations validate before they call anything, throw
 * {@link RequestRejected} for what the seller must fix and {@link TransientFailure} for what may pass.
 */
public interface RequestAction {

    /** The {@code Action__c} value this handles, e.g. {@code GENERATE_PAYMENT_SCHEDULE}. */
    String action();

    /**
     * The kinds of record (sObject API names) this action works on: those whose buttons make its requests. A failure
     * is shown on the target's {@code Last_Error__c} only when the target is one of them, so a request aimed at a
     * record of another kind never writes onto that unrelated record ({@link TargetRecordError}).
     */
    Set<String> targetObjects();

    /** Performs the request and returns the result a seller reads on the request. */
    String perform(MarketplaceRequest request);

    /**
     * What the request works on besides its target record, named so that no two requests here work on it at once
     * (for example the AWS offer an import names, whatever record the request was made on). Read from the request
     * alone, without a call; none by default.
     */
    default List<String> subjects(MarketplaceRequest request) {
        return List.of();
    }
}
