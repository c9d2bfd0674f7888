package io.mpcrm.connector.marketplace;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * An AWS account the connector may act for, as the administrator configured it. Nothing about access to AWS is read
 * from Salesforce: a request for an account not configured here is refused.
 *
 * @param accountId the 12-digit AWS account id
 * @param roleArn the IAM role the connector assumes in that account
 * @param region the Marketplace region (us-east-1 for the Catalog API)
 * @param eulaBucket the S3 bucket that holds custom EULAs and reseller contracts for this account
 */
public record SellerAccount(
        @Pattern(regexp = "\\d{12}", message = "must be a 12-digit AWS account id") String accountId,
        @NotBlank String roleArn,
        @NotBlank String region,
        String eulaBucket) {

    /** A role of another account would make the connector act on that account's Marketplace data. */
    @AssertTrue(message = "role-arn must be a role in the seller account itself (arn:aws:iam::<account-id>:role/...)")
    public boolean isRoleInAccount() {
        return roleArn == null || accountId == null || roleArn.startsWith("arn:aws:iam::" + accountId + ":role/");
    }
}
