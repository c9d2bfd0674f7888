package io.mpcrm.connector.request;

/** A failure that may pass (throttling, a locked entity, 5xx, an unreachable API): the request waits and tries again. */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
