package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What an administrator must never find in the connector's logs, and ordinary log lines that are not secrets. */
class LogSecretsTest {

    private final LogSecrets scanner = LogSecrets.shapes();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Salesforce access token       | Logged in: 00D5g000000AbCdE!AQ0AQGx7w_kq1mJdN3pT8.vLzX4rY2sHfB6
            OAuth bearer token            | GET /services/data Authorization: Bearer a9Fq2LmZ7xP0tR4sW8yB3nC6vD1eH5kJ
            OAuth bearer token            | token response {"access_token":"ya29.a0AfB_byC2d3e4f5g6h7i8j9k0"}
            JSON web token                | assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJjb25uZWN0b3IifQ.c2lnbmF0dXJl
            AWS access key id             | assumed role, credentials ASIAQWERTYUIOPASDFGH valid until 12:00
            AWS access key id             | base credentials AKIAIOSFODNN7EXAMPLE from the environment
            AWS secret access key         | {SECRET_KEY_SETTING} = {SECRET_KEY}
            AWS session token             | AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQ
            private key                   | key file: {BEGIN} PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
            private key                   | {BEGIN} RSA PRIVATE KEY-----
            presigned URL signature       | EULA at https://b.s3.amazonaws.com/eulas/a.pdf?X-Amz-Signature=3f1c9a0b2d4e6f8a7b5c
            presigned URL credential      | EULA at https://b.s3.amazonaws.com/eulas/a.pdf?X-Amz-Credential=ASIAQWERTYUIOPASDFGH%2F2026
            presigned URL session token   | https://b.s3.amazonaws.com/eulas/a.pdf?X-Amz-Security-Token=IQoJb3JpZ2luX2Vj%2F
            SigV4 authorization header    | Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1
            """)
    void aCredentialInALogLineIsFoundAndNotRepeated(String kind, String template) {
        List<LogSecrets.Finding> found = scanner.scan(line(template));

        assertThat(found).extracting(LogSecrets.Finding::kind).contains(kind);
        assertThat(found).allSatisfy(f -> assertThat(f.context()).contains("***"));
        assertThat(found.toString()).doesNotContain("EXAMPLEKEY", "QWERTYUIOPASDFGH", "3f1c9a0b2d4e6f8a7b5c",
                "AQ0AQGx7w_kq1mJdN3pT8");
    }

    /** Key-shaped values are put together here, so the repository itself holds nothing a secret scan flags. */
    private static String line(String template) {
        return template.replace("{SECRET_KEY_SETTING}", "aws_secret_" + "access_key")
                .replace("{SECRET_KEY}", "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY")
                .replace("{BEGIN}", "-----" + "BEGIN");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Request a0B5g00000Xyz12EAB finished: Succeeded
            Custom EULA 069000000000001AAA stored in bucket sandbox-eulas-111122223333 as eulas/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.pdf
            Change set 209fmmcipe9e37e0klvrbc77n for offer-abcdefghijklm is APPLYING
            AssumeRole arn:aws:iam::111122223333:role/MarketplaceCrmConnector session marketplace-crm-connector
            The custom EULA link lives 6h; X-Amz-Expires and the signature are not logged
            Started ConnectorApplication in 5.1 seconds (process running for 6.0)
            """)
    void ordinaryConnectorLogLinesAreNotSecrets(String line) {
        assertThat(scanner.scan(line)).isEmpty();
    }

    @Test
    void aSecretWithNoShapeIsFoundWhenTheTestKnowsIt() {
        String secret = "5d41402a-bc4b-2a76-b971-9d911017c592" + "7d793037-a076-4c1f";

        assertThat(LogSecrets.shapes().scan("configured with " + secret)).isEmpty();
        assertThat(LogSecrets.shapesAnd(List.of(secret)).scan("configured with " + secret))
                .extracting(LogSecrets.Finding::kind).containsExactly("known secret");
    }
}
