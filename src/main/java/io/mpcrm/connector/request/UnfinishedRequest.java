package io.mpcrm.connector.request;

import java.math.BigInteger;

/** A request that has not ended yet, as another request on the same record sees it. */
public record UnfinishedRequest(String id, String name, String action, RequestStatus status, String targetRecordId) {

    /**
     * Whether this request was made before {@code other}: request numbers (Name, an auto-number such as REQ-000123)
     * count up as requests are made, so the lower number came first, whichever replica or thread looks.
     */
    public boolean madeBefore(MarketplaceRequest other) {
        if (other.id().equals(id)) {
            return false;
        }
        BigInteger mine = number(name);
        BigInteger theirs = number(other.name());
        if (mine != null && theirs != null && mine.compareTo(theirs) != 0) {
            return mine.compareTo(theirs) < 0;
        }
        // Not numbered (a test's or an unusual org's Name): the ids decide, the same way for both requests.
        return id.compareTo(other.id()) < 0;
    }

    private static BigInteger number(String name) {
        String digits = name == null ? "" : name.replaceAll("\\D", "");
        return digits.isEmpty() ? null : new BigInteger(digits);
    }
}
