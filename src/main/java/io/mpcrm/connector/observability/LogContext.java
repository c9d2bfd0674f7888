package io.mpcrm.connector.observability;

import org.slf4j.MDC;

/**
 * The ids a log line is about, kept in the logging MDC of the thread doing the work, so that every line (plain or JSON)
 * names the request, its Salesforce record, the seller account and the change set without each message repeating them.
 * Set when a request is claimed or a tracked record is looked at; cleared when that work ends, because the thread goes
 * back to a pool.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String RECORD_ID = "recordId";
    public static final String SELLER_ACCOUNT = "sellerAccount";
    public static final String CHANGE_SET_ID = "changeSetId";

    private LogContext() {
    }

    /** Work on a request begins on this thread. */
    public static void request(String requestId, String recordId, String sellerAccount) {
        clear();
        put(REQUEST_ID, requestId);
        put(RECORD_ID, recordId);
        put(SELLER_ACCOUNT, sellerAccount);
    }

    /** Work on one record's change set begins on this thread (the tracker, outside any request). */
    public static void changeSetOf(String recordId, String sellerAccount, String changeSetId) {
        clear();
        put(RECORD_ID, recordId);
        put(SELLER_ACCOUNT, sellerAccount);
        put(CHANGE_SET_ID, changeSetId);
    }

    /** The request being worked on here started a change set: the lines that follow name it too. */
    public static void changeSetStarted(String changeSetId) {
        if (MDC.get(REQUEST_ID) != null) {
            put(CHANGE_SET_ID, changeSetId);
        }
    }

    public static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(RECORD_ID);
        MDC.remove(SELLER_ACCOUNT);
        MDC.remove(CHANGE_SET_ID);
    }

    private static void put(String key, String value) {
        if (value != null && !value.isEmpty()) {
            MDC.put(key, value);
        }
    }
}
