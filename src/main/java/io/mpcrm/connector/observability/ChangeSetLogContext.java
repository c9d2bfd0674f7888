package io.mpcrm.connector.observability;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.marketplacecatalog.model.StartChangeSetResponse;

/**
 * Puts the id of a change set the Catalog API just accepted into the log context of the request that started it. The
 * synchronous client runs interceptors on the caller's thread, so this is the one place every StartChangeSet of every
 * feature passes through.
 */
public class ChangeSetLogContext implements ExecutionInterceptor {

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        if (context.response() instanceof StartChangeSetResponse started && started.changeSetId() != null) {
            LogContext.changeSetStarted(started.changeSetId());
        }
    }
}
