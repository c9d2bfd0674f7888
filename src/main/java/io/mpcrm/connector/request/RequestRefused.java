package io.mpcrm.connector.request;

import java.util.List;

/**
 * The connector will not act on this request for this user or account. Unlike other rejections, nothing is written
 * to the target record, since the requester may have no right to change it.
 */
public class RequestRefused extends RequestRejected {

    public RequestRefused(List<FieldProblem> problems) {
        super(problems);
    }

    public RequestRefused(String message) {
        super(message);
    }
}
