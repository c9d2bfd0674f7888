package io.mpcrm.connector.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** An administrator's mistakes in connector.seller-accounts stop the connector at start, with the reason. */
class SellerAccountsConfigTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void aRoleInTheSellersOwnAccountIsAccepted() {
        runner.withPropertyValues("connector.seller-accounts[0].account-id=111122223333",
                        "connector.seller-accounts[0].role-arn=arn:aws:iam::111122223333:role/Connector",
                        "connector.seller-accounts[0].region=us-east-1")
                .run(context -> assertThat(context.getBean(SellerAccounts.class).find("111122223333")).isPresent());
    }

    @Test
    void aRoleOfAnotherAccountIsRefusedAtStart() {
        runner.withPropertyValues("connector.seller-accounts[0].account-id=111122223333",
                        "connector.seller-accounts[0].role-arn=arn:aws:iam::999988887777:role/Connector",
                        "connector.seller-accounts[0].region=us-east-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("role-arn must be a role in the seller account itself"));
    }

    @Test
    void anAccountIdThatIsNotTwelveDigitsIsRefusedAtStart() {
        runner.withPropertyValues("connector.seller-accounts[0].account-id=11112222333",
                        "connector.seller-accounts[0].role-arn=arn:aws:iam::11112222333:role/Connector",
                        "connector.seller-accounts[0].region=us-east-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must be a 12-digit AWS account id"));
    }

    @Configuration
    @EnableConfigurationProperties(SellerAccounts.class)
    static class Bind {
    }
}
