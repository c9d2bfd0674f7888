package io.mpcrm.connector.marketplace;

import io.mpcrm.connector.settings.ConsistentSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * An AWS account the connector may act for, as the administrator configured it. Nothing about access to AWS is read
 * from Salesforce: a request for an account not configured here is refused.
 *
 * @param accountId the 12-digit AWS account id
 * @param roleArn the IAM role the connector assumes in that account
 * @param region the Marketplace region (us-east-1 for the Catalog API)
 * @param eulaBucket the S3 bucket that holds custom EULAs and reseller contracts for this account
 */
@ConsistentSettings
public record SellerAccount(
        @NotBlank(message = "is missing: give the seller's 12-digit AWS account id, in quotes")
        @Pattern(regexp = "(" + SellerAccount.ACCOUNT_ID + ")?", message = "must be a 12-digit AWS account id")
        String accountId,
        @NotBlank(message = "is missing: give the ARN of the IAM role the connector assumes in this account,"
                + " arn:aws:iam::<account-id>:role/<role name>")
        @Pattern(regexp = "(arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512})?", message = "is not an IAM role ARN:"
                + " write arn:aws:iam::<account-id>:role/<role name>") String roleArn,
        @NotBlank(message = "is missing: give the AWS Marketplace region, us-east-1") String region,
        String eulaBucket) implements ConsistentSettings.Rules {

    /** What an AWS account id is: twelve digits. */
    public static final String ACCOUNT_ID = "\\d{12}";

    /** A role of another account would make the connector act on that account's Marketplace data. */
    @Override
    public Map<String, String> brokenRules() {
        if (roleArn == null || accountId == null || roleArn.startsWith("arn:aws:iam::" + accountId + ":role/")
                || !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            return Map.of();
        }
        return Map.of("roleArn", "role-arn must be a role in the seller account itself (arn:aws:iam::" + accountId
                + ":role/...), not in account " + roleArn.split(":")[4]);
    }
}
