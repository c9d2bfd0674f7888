package io.mpcrm.connector.eula;

import java.net.URI;
import java.time.Instant;

/**
 * A custom EULA in the seller account's bucket, and the presigned URL that lets the Catalog API fetch it.
 *
 * @param bucket the seller account's EULA bucket
 * @param key {@code eulas/<sha256>.<pdf|docx|txt>}
 * @param sha256 lower-case hex SHA-256 of the file
 * @param presignedUrl a GET URL that needs no credentials until {@code expiresAt}
 * @param expiresAt when the URL stops working: after its validity (the credentials that signed it outlast it)
 */
public record StoredEula(String bucket, String key, String sha256, URI presignedUrl, Instant expiresAt) {
}
