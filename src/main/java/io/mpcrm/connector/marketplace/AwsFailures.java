package io.mpcrm.connector.marketplace;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/** Sorts what AWS answered into "try again later" and "this cannot work as it stands", in words for people. */
final class AwsFailures {

    private AwsFailures() {
    }

    /** Runs one AWS call (with the SDK's retries already inside) and translates its failure. */
    static <T> T call(String what, String accountId, Supplier<T> call) {
        try {
            return call.get();
        } catch (MarketplaceUnavailable | MarketplaceRejected alreadyExplained) {
            throw alreadyExplained;
        } catch (AwsServiceException e) {
            throw translate(what, accountId, e);
        } catch (SdkException e) {
            // Rate-limit waits surface wrapped by the SDK when they time out inside an interceptor.
            if (e.getCause() instanceof MarketplaceUnavailable unavailable) {
                throw unavailable;
            }
            throw new MarketplaceUnavailable("AWS could not be reached for " + what + " (" + e.getMessage() + ").", e);
        }
    }

    private static RuntimeException translate(String what, String accountId, AwsServiceException e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        if (status == 423 || "ResourceInUseException".equals(code)) {
            return new MarketplaceEntityLocked("The entity is being changed by another change set in account "
                    + accountId + "; the connector tries again once that one has finished (" + message + ").", e);
        }
        if (status == 429 || status >= 500 || status == 402 || e.isThrottlingException()) {
            return new MarketplaceUnavailable("AWS Marketplace did not complete " + what + " for account " + accountId
                    + " (" + code + ", HTTP " + status + ").", e);
        }
        // The Agreement API (JSON 1.0) sends AccessDeniedException as HTTP 400, the Catalog API (rest-json) as 403.
        if (e instanceof StsException || status == 403 || "AccessDeniedException".equals(code)) {
            return new MarketplaceRejected("AWS denied " + what + " for account " + accountId + " (" + code + ": "
                    + message + "). An administrator should check the connector's IAM role for this account.", e);
        }
        return new MarketplaceRejected("AWS Marketplace refused " + what + " for account " + accountId + " ("
                + code + ": " + message + ").", e);
    }
}
