package io.mpcrm.connector.sandbox.s3;

import java.util.Map;
import java.util.Set;

/**
 * One request the S3 sandbox answered, named as the S3 API reference names its operation, so that tests can hold
 * what a client did against what its IAM policy allows.
 *
 * @param operation PutObject, GetObject, HeadObject, ListObjectsV2, CreateMultipartUpload ... (see {@link #named})
 * @param bucket the bucket, null for ListBuckets
 * @param key the object key, null for a bucket operation
 * @param status the HTTP status of the answer
 * @param accountId the AWS account of the key that signed it; null for the sandbox's own key or an unsigned request
 * @param presigned whether it was signed in the URL rather than the Authorization header
 * @param encryptionHeaders the {@code x-amz-server-side-encryption*} headers it carried
 */
public record S3Request(String operation, String bucket, String key, int status, String accountId, boolean presigned,
                        Map<String, String> encryptionHeaders) {

    /** The operation a request is, from its method, whether it names an object, its query parameters and headers. */
    static String named(String method, boolean hasBucket, boolean hasKey, Set<String> parameters, boolean copySource) {
        if (!hasBucket) {
            return "ListBuckets";
        }
        if (!hasKey) {
            return switch (method) {
                case "PUT" -> "CreateBucket";
                case "DELETE" -> "DeleteBucket";
                case "HEAD" -> "HeadBucket";
                case "POST" -> parameters.contains("delete") ? "DeleteObjects" : "PostObject";
                default -> parameters.contains("location") ? "GetBucketLocation"
                        : parameters.contains("uploads") ? "ListMultipartUploads"
                        : parameters.contains("versions") ? "ListObjectVersions"
                        : parameters.contains("list-type") ? "ListObjectsV2" : "ListObjects";
            };
        }
        return switch (method) {
            case "PUT" -> parameters.contains("uploadId") ? "UploadPart"
                    : parameters.contains("tagging") ? "PutObjectTagging"
                    : parameters.contains("acl") ? "PutObjectAcl"
                    : copySource ? "CopyObject" : "PutObject";
            case "POST" -> parameters.contains("uploads") ? "CreateMultipartUpload"
                    : parameters.contains("uploadId") ? "CompleteMultipartUpload" : "PostObject";
            case "DELETE" -> parameters.contains("uploadId") ? "AbortMultipartUpload"
                    : parameters.contains("tagging") ? "DeleteObjectTagging" : "DeleteObject";
            case "HEAD" -> "HeadObject";
            default -> parameters.contains("uploadId") ? "ListParts"
                    : parameters.contains("tagging") ? "GetObjectTagging"
                    : parameters.contains("acl") ? "GetObjectAcl" : "GetObject";
        };
    }
}
