package io.mpcrm.connector.request;

import io.mpcrm.connector.request.RequestRefused;
import io.mpcrm.connector.request.RequestRejected;

/**
 * How a request ended, as the {@code outcome} tag of {@code mpcrm_requests_total}. {@code rejected}: the connector
 * refused it before acting, for bad input (field problems) or because the requester may not act for the account;
 * the seller fixes the input. {@code failed}: anything else that ended it Failed (AWS refused a change set, attempts
 * used up, an unexpected error); an administrator may need to look.
 */
public enum RequestOutcome {
    SUCCEEDED, FAILED, REJECTED;

    public static RequestOutcome of(Throwable failure) {
        if (failure instanceof RequestRefused
                || failure instanceof RequestRejected rejected && !rejected.problems().isEmpty()) {
            return REJECTED;
        }
        return FAILED;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
