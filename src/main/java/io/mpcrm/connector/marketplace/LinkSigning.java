package io.mpcrm.connector.marketplace;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The credentials a presigned link is signed with, handed to the presigner of {@link SellerAccountClients#linkPresigner}
 * for the duration of one signing on the calling thread. A link stops working when the credentials that signed it
 * expire (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html), so each link is signed by
 * a session started for it ({@link SellerAccountClients#newSession}). camel-aws2-s3's createDownloadLink takes one
 * presigner per endpoint and no credentials per message; this is how that session reaches it. The signing runs on the
 * caller's thread (a direct: route and the synchronous aws2-s3 producer); anywhere else the presigner has nothing to
 * sign with and says so, rather than signing with credentials that would die before the link.
 */
public final class LinkSigning {

    private static final ThreadLocal<AwsSessionCredentials> SIGNING = new ThreadLocal<>();

    private LinkSigning() {
    }

    /** Runs {@code signing} with {@code credentials} as the ones every link presigner signs with on this thread. */
    public static <T> T with(AwsSessionCredentials credentials, Supplier<T> signing) {
        AwsSessionCredentials outer = SIGNING.get();
        SIGNING.set(credentials);
        try {
            return signing.get();
        } finally {
            if (outer == null) {
                SIGNING.remove();
            } else {
                SIGNING.set(outer);
            }
        }
    }

    /** The credentials of the signing under way on this thread. */
    static AwsCredentialsProvider credentials() {
        return () -> {
            AwsSessionCredentials credentials = SIGNING.get();
            if (credentials == null) {
                throw new IllegalStateException("A presigned link was asked for outside LinkSigning.with: there is no"
                        + " session started for it to be signed with");
            }
            return credentials;
        };
    }
}
