package io.mpcrm.connector.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** values.schema.json stops a wrong value at helm install / upgrade, naming it, before anything reaches the cluster. */
class ChartValuesSchemaTest {

    @TempDir
    Path scratch;
    private ConnectorChart chart;

    @BeforeEach
    void chart() {
        chart = new ConnectorChart(scratch);
    }

    @Test
    void theValueSetsShippedWithTheChartAreValid() {
        assertThat(chart.template("production-values.yaml").objects()).isNotEmpty();
        assertThat(chart.template("single-replica-values.yaml").objects()).isNotEmpty();
    }

    @Test
    void aReplicaCountInWordsIsRejected() {
        assertRejected("replicaCount: two\n", "/replicaCount", "got string, want integer");
    }

    @Test
    void leaderElectionMustBeTrueOrFalseNotYes() {
        assertRejected("leaderElection:\n  enabled: \"yes\"\n", "/leaderElection/enabled", "want boolean");
    }

    @Test
    void aSellerAccountIdMustHaveTwelveDigits() {
        assertRejected("""
                sellerAccounts:
                  - accountId: "12345"
                    roleArn: arn:aws:iam::111122223333:role/MarketplaceCrmConnector
                    region: us-east-1
                    eulaBucket: example-marketplace-eulas
                """, "/sellerAccounts/0/accountId", "does not match pattern");
    }

    @Test
    void aSellerAccountNeedsItsRoleArn() {
        assertRejected("""
                sellerAccounts:
                  - accountId: "111122223333"
                    region: us-east-1
                    eulaBucket: example-marketplace-eulas
                """, "/sellerAccounts/0", "missing property 'roleArn'");
    }

    @Test
    void aMisspelledLeaderElectionSettingIsRejectedRatherThanIgnored() {
        assertRejected("leaderElection:\n  enabled: true\n  leasename: connector\n", "/leaderElection",
                "additional properties 'leasename' not allowed");
    }

    @Test
    void aMisspelledNetworkPolicySettingIsRejectedRatherThanIgnored() {
        assertRejected("networkPolicy:\n  enabled: true\n  kubernetesAPI:\n    cidr: 10.0.0.0/24\n", "/networkPolicy",
                "additional properties 'kubernetesAPI' not allowed");
    }

    @Test
    void theManagementPortMustBeAPort() {
        assertRejected("management:\n  port: 80810\n", "/management/port", "maximum");
    }

    @Test
    void anUnknownSalesforceLoginFlowIsRejected() {
        assertRejected("salesforce:\n  auth: password\n", "/salesforce/auth", "value must be one of");
    }

    /** @param field where Helm says the wrong value is, as a JSON pointer ("/sellerAccounts/0/accountId") */
    private void assertRejected(String values, String field, String reason) {
        assertThatThrownBy(() -> chart.template("single-replica-values.yaml", values))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '" + field + "'")
                .hasMessageContaining(reason);
    }
}
