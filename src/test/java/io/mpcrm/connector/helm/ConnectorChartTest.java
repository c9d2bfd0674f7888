package io.mpcrm.connector.helm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.mpcrm.connector.marketplace.SellerAccount;
import io.mpcrm.connector.marketplace.SellerAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;

/**
 * A platform team installs the connector with Helm: what Kubernetes would be given for the usual value sets (the
 * chart's ci/ files), read back as typed objects.
 */
class ConnectorChartTest {

    private static final String FULLNAME = "mpcrm-marketplace-crm-connector";
    private static final String EXISTING_SECRET = """
            salesforce:
              existingSecret: connector-salesforce
            """;

    @TempDir
    Path scratch;
    private ConnectorChart chart;

    @BeforeEach
    void chart() {
        chart = new ConnectorChart(scratch);
    }

    @Test
    void passesHelmLintInStrictMode() {
        var lint = chart.lintStrict();

        assertThat(lint.isFailed()).as("lint messages: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void byDefaultTwoReplicasElectALeaderWithOnlyTheRightsTheElectionNeeds() {
        var release = chart.template(List.of(), EXISTING_SECRET);

        assertThat(release.deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(release.setting("connector.leader-election.enabled")).isEqualTo("true");
        assertThat(release.setting("camel.cluster.kubernetes.config-map-name")).isEqualTo(FULLNAME);
        // Candidates are this release's pods only, not another release's of the same chart in the namespace.
        assertThat(release.connectorConfiguration().bind("camel.cluster.kubernetes.cluster-labels",
                        Bindable.mapOf(String.class, String.class)).get())
                .isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());

        Role role = release.get(Role.class, FULLNAME + "-leader-election");
        assertThat(role.getRules()).extracting(PolicyRule::getApiGroups, PolicyRule::getResources, PolicyRule::getVerbs)
                .containsExactlyInAnyOrder(
                        tuple(List.of("coordination.k8s.io"), List.of("leases"),
                                List.of("get", "list", "watch", "create", "update", "patch")),
                        tuple(List.of(""), List.of("pods"), List.of("get", "list", "watch")));
        RoleBinding binding = release.get(RoleBinding.class, FULLNAME + "-leader-election");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(FULLNAME);
            assertThat(subject.getNamespace()).isEqualTo(ConnectorChart.NAMESPACE);
        });
        assertThat(pod(release).getServiceAccountName()).isEqualTo(FULLNAME);
        assertThat(pod(release).getAutomountServiceAccountToken()).isTrue();

        PodDisruptionBudget budget = release.get(PodDisruptionBudget.class, FULLNAME);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
    }

    @Test
    void oneReplicaWithoutLeaderElectionGetsNoRoleNoBudgetAndNoKubernetesToken() {
        var release = chart.template("single-replica-values.yaml");

        assertThat(release.deployment().getSpec().getReplicas()).isEqualTo(1);
        assertThat(release.setting("connector.leader-election.enabled")).isEqualTo("false");
        assertThat(release.all(Role.class)).isEmpty();
        assertThat(release.all(RoleBinding.class)).isEmpty();
        assertThat(release.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(pod(release).getAutomountServiceAccountToken()).isFalse();
        assertThat(release.get(ServiceAccount.class, FULLNAME).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void twoReplicasWithoutLeaderElectionAreRefusedBecauseBothWouldTakeTheSameRequests() {
        assertThatThrownBy(() -> chart.template("single-replica-values.yaml", "replicaCount: 2\n"))
                .hasMessageContaining("replicaCount above 1 needs leaderElection.enabled");
    }

    @Test
    void thePodRunsRestrictedWithOnlyTmpWritable() {
        var release = chart.template("production-values.yaml");
        PodSpec pod = pod(release);
        Container connector = release.connector();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = connector.getSecurityContext();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        assertThat(connector.getVolumeMounts()).filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .extracting(VolumeMount::getMountPath).containsExactly("/tmp");
        assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
        assertThat(release.env("JAVA_TOOL_OPTIONS")).contains("-Djava.io.tmpdir=/tmp", "-XX:MaxRAMPercentage=75");
        assertThat(connector.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(connector.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void probesAndMetricsUseTheActuatorOnTheManagementPortTheConnectorIsToldToServe() {
        var release = chart.template("single-replica-values.yaml");
        Container connector = release.connector();

        assertThat(connector.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getContainerPort()).isEqualTo(8081);
        });
        // One web server, the actuator's: the connector serves nothing else.
        assertThat(release.setting("server.port")).isEqualTo("8081");
        assertThatThrownBy(() -> release.setting("management.server.port")).hasMessageContaining("has no");
        assertThat(release.setting("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
        assertThat(release.setting("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(probe(connector.getStartupProbe().getHttpGet())).isEqualTo("management /actuator/health/liveness");
        assertThat(probe(connector.getLivenessProbe().getHttpGet())).isEqualTo("management /actuator/health/liveness");
        assertThat(probe(connector.getReadinessProbe().getHttpGet())).isEqualTo("management /actuator/health/readiness");
        // The JVM and Camel get minutes to start before the liveness probe may restart them.
        assertThat(connector.getStartupProbe().getPeriodSeconds() * connector.getStartupProbe().getFailureThreshold())
                .isGreaterThanOrEqualTo(120);

        Service metrics = release.get(Service.class, FULLNAME + "-metrics");
        assertThat(metrics.getSpec().getSelector()).isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        assertThat(metrics.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(8081);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
        });

        var moved = chart.template("single-replica-values.yaml", "management:\n  port: 9090\n");
        assertThat(moved.setting("server.port")).isEqualTo("9090");
        assertThat(moved.connector().getPorts().get(0).getContainerPort()).isEqualTo(9090);
        assertThat(moved.get(Service.class, FULLNAME + "-metrics").getSpec().getPorts().get(0).getPort()).isEqualTo(9090);
    }

    @Test
    void awsAccessComesFromTheServiceAccountsIamRoleAndNoAwsKeyIsStored() {
        var release = chart.template("production-values.yaml");

        assertThat(release.get(ServiceAccount.class, FULLNAME).getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::444455556666:role/MarketplaceCrmConnectorBase");
        assertThat(release.connector().getEnv()).noneMatch(e -> e.getName().startsWith("AWS_"));
        assertThat(release.all(Secret.class)).allSatisfy(secret ->
                assertThat(secret.getData().keySet()).noneMatch(key -> key.toLowerCase().contains("aws")));
    }

    @Test
    void theSellerAccountsInTheValuesAreTheOnesTheConnectorActsFor() {
        var release = chart.template("production-values.yaml");

        SellerAccounts accounts = release.connectorConfiguration().bind("connector", SellerAccounts.class).get();

        assertThat(accounts.sellerAccounts()).containsExactly(
                new SellerAccount("111122223333", "arn:aws:iam::111122223333:role/MarketplaceCrmConnector",
                        "us-east-1", "example-marketplace-eulas"),
                new SellerAccount("777788889999", "arn:aws:iam::777788889999:role/MarketplaceCrmConnector",
                        "us-east-1", "example-partner-eulas"));
        // The admin's own settings (values.config) reach the connector too; the rest keep the repository's defaults.
        assertThat(release.setting("connector.sweep.period")).isEqualTo("1m");
        assertThat(release.setting("connector.requests.max-attempts")).isEqualTo("5");
    }

    @Test
    void configurationAndRoutesAreTheRepositorysFilesMountedAsDirectories() throws Exception {
        var release = chart.template("single-replica-values.yaml");

        assertThat(release.configMap("config").getData().get("application.yaml"))
                .isEqualTo(Files.readString(Path.of("config", "application.yaml")));
        Map<String, String> routes = release.configMap("routes").getData();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<Path> repositoryRoutes = files.filter(f -> f.toString().endsWith(".camel.yaml")).toList();
            assertThat(routes).hasSameSizeAs(repositoryRoutes);
            for (Path route : repositoryRoutes) {
                assertThat(routes.get(route.getFileName().toString())).isEqualTo(Files.readString(route));
            }
        }
        assertThat(release.env("ROUTES_DIR")).isEqualTo("/config/routes");
        assertThat(release.env("SPRING_CONFIG_ADDITIONAL_LOCATION"))
                .isEqualTo("file:/config/app/application.yaml,file:/config/app/chart.yaml");
        assertThat(release.connector().getVolumeMounts()).extracting(VolumeMount::getMountPath, VolumeMount::getSubPath)
                .contains(tuple("/config/app", null),
                        tuple("/config/routes", null));
        assertThat(volume(pod(release), "config").getConfigMap().getName()).isEqualTo(FULLNAME + "-config");
        assertThat(volume(pod(release), "routes").getConfigMap().getName()).isEqualTo(FULLNAME + "-routes");
    }

    @Test
    void aChangedSettingOrAnAddedRouteRollsThePods() {
        var before = annotations(chart.template("single-replica-values.yaml"));
        var changedSetting = annotations(chart.template("single-replica-values.yaml",
                "config:\n  connector:\n    requests:\n      max-attempts: 7\n"));
        var addedRoute = chart.template("single-replica-values.yaml", """
                extraRoutes:
                  offer-released-email.camel.yaml: |
                    - route:
                        id: offer-released-email
                        from:
                          uri: direct:offer-released-email
                          steps:
                            - log: "${body}"
                """);

        assertThat(before.get("checksum/config")).matches("[0-9a-f]{64}");
        assertThat(changedSetting.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
        assertThat(changedSetting.get("checksum/routes")).isEqualTo(before.get("checksum/routes"));
        assertThat(annotations(addedRoute).get("checksum/routes")).isNotEqualTo(before.get("checksum/routes"));
        assertThat(annotations(addedRoute).get("checksum/config")).isEqualTo(before.get("checksum/config"));
        assertThat(addedRoute.configMap("routes").getData()).containsKeys("offer-released-email.camel.yaml",
                "requests.camel.yaml");
    }

    @Test
    void anAddedRouteCannotReplaceOneOfTheConnectorsOwnRoutes() {
        assertThatThrownBy(() -> chart.template("single-replica-values.yaml",
                "extraRoutes:\n  requests.camel.yaml: \"- route: {}\"\n"))
                .hasMessageContaining("extraRoutes: requests.camel.yaml is the name of one of the connector's own routes");
    }

    @Test
    void jwtLoginReadsClientIdUsernameAndKeyStoreFromTheExistingSecret() {
        var release = chart.template("single-replica-values.yaml");

        assertThat(release.all(Secret.class)).isEmpty();
        assertThat(release.env("SF_CLIENT_ID")).isEqualTo("connector-salesforce/client-id");
        assertThat(release.env("SF_USERNAME")).isEqualTo("connector-salesforce/username");
        assertThat(release.env("SF_KEY_STORE_PASSWORD")).isEqualTo("connector-salesforce/key-store-password");
        Volume key = volume(pod(release), "salesforce-key");
        assertThat(key.getSecret().getSecretName()).isEqualTo("connector-salesforce");
        assertThat(key.getSecret().getItems()).singleElement()
                .satisfies(item -> assertThat(item.getPath()).isEqualTo("integration-user.p12"));
        assertThat(release.setting("camel.component.salesforce.authentication-type")).isEqualTo("JWT");
        assertThat(release.setting("camel.component.salesforce.client-id")).isEqualTo("${SF_CLIENT_ID}");
        assertThat(release.setting("camel.component.salesforce.user-name")).isEqualTo("${SF_USERNAME}");
        assertThat(release.setting("camel.component.salesforce.keystore")).isEqualTo("#bean:salesforceKeyStore");
        assertThat(release.setting("connector.salesforce.jwt.key-store"))
                .isEqualTo("file:/etc/connector/salesforce/integration-user.p12");
        assertThat(release.setting("connector.salesforce.jwt.key-store-password")).isEqualTo("${SF_KEY_STORE_PASSWORD}");
        assertThat(annotations(release)).doesNotContainKey("checksum/salesforce");
    }

    @Test
    void theChartCanCreateTheSalesforceSecretFromValuesAndRollsThePodsWhenItChanges() {
        var release = chart.template("production-values.yaml");

        Secret secret = release.get(Secret.class, FULLNAME + "-salesforce");
        assertThat(decoded(secret)).containsEntry("client-id", "3MVG9-example-consumer-key")
                .containsEntry("username", "integration@example.com")
                .containsEntry("integration-user.p12", "placeholder-key-store")
                .containsEntry("key-store-password", "change-me");
        assertThat(release.env("SF_CLIENT_ID")).isEqualTo(FULLNAME + "-salesforce/client-id");
        assertThat(release.setting("camel.component.salesforce.login-url")).isEqualTo("https://example.my.salesforce.com");

        var rotated = chart.template("production-values.yaml", "salesforce:\n  keyStorePassword: rotated\n");
        assertThat(annotations(rotated).get("checksum/salesforce")).isNotEqualTo(annotations(release).get("checksum/salesforce"));
    }

    @Test
    void clientCredentialsLoginNeedsTheClientSecretAndNoKeyStore() {
        var release = chart.template("single-replica-values.yaml", "salesforce:\n  auth: clientCredentials\n");

        assertThat(release.setting("camel.component.salesforce.authentication-type")).isEqualTo("CLIENT_CREDENTIALS");
        assertThat(release.setting("camel.component.salesforce.client-secret")).isEqualTo("${SF_CLIENT_SECRET}");
        assertThat(release.env("SF_CLIENT_SECRET")).isEqualTo("connector-salesforce/client-secret");
        assertThat(release.connector().getEnv()).noneMatch(e -> e.getName().equals("SF_KEY_STORE_PASSWORD"));
        assertThat(pod(release).getVolumes()).noneMatch(v -> v.getName().equals("salesforce-key"));
        assertThat(release.connectorConfiguration().bind("connector.salesforce.jwt.key-store", String.class).isBound())
                .isFalse();
    }

    @Test
    void creatingTheSecretWithoutTheCredentialsSaysWhichValueIsMissing() {
        assertThatThrownBy(() -> chart.template(List.of(), "salesforce:\n  createSecret: true\n"))
                .hasMessageContaining("salesforce.clientId is required with salesforce.createSecret");
        assertThatThrownBy(() -> chart.template(List.of(),
                "salesforce:\n  createSecret: true\n  clientId: abc\n  username: integration@example.com\n"))
                .hasMessageContaining("salesforce.keyStoreBase64 is required");
    }

    @Test
    void theNetworkPolicyLetsOutOnlyDnsAndTheConfiguredRanges() {
        assertThat(chart.template("single-replica-values.yaml").all(NetworkPolicy.class)).isEmpty();

        var release = chart.template("production-values.yaml");
        NetworkPolicy policy = release.get(NetworkPolicy.class, FULLNAME);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(egress).hasSize(3);
        assertThat(egress.get(0).getTo()).isNullOrEmpty();
        assertThat(egress.get(0).getPorts()).extracting(p -> p.getPort().getIntVal() + "/" + p.getProtocol())
                .containsExactlyInAnyOrder("53/UDP", "53/TCP");
        assertThat(egress.get(1).getTo()).singleElement().satisfies(peer -> {
            assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
            assertThat(peer.getIpBlock().getExcept()).containsExactly("169.254.169.254/32");
        });
        assertThat(egress.get(1).getPorts()).extracting(p -> p.getPort().getIntVal() + "/" + p.getProtocol())
                .containsExactly("443/TCP");
        // Leader election: the Kubernetes API server (networkPolicy.kubernetesApi).
        assertThat(egress.get(2).getTo()).singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("0.0.0.0/0"));
        assertThat(egress.get(2).getPorts()).extracting(p -> p.getPort().getIntVal() + "/" + p.getProtocol())
                .containsExactly("443/TCP", "6443/TCP");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule ->
                assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8081));
    }

    @Test
    void helmTestAsksTheMetricsServiceWhetherTheConnectorIsReady() throws Exception {
        var release = chart.templateWithTestHooks("single-replica-values.yaml");

        Pod test = release.get(Pod.class, FULLNAME + "-test-readiness");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(test.getSpec().getContainers()).singleElement().satisfies(container -> {
            assertThat(container.getCommand()).last()
                    .isEqualTo("http://" + FULLNAME + "-metrics:8081/actuator/health/readiness");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        });
        assertThat(Files.readString(ConnectorChart.DIRECTORY.resolve("templates/tests/test-readiness.yaml")))
                .contains("helm.sh/hook: test");
    }

    @Test
    void theHelmTestPodIsNoConnectorPodForTheBudgetTheLeaderElectionTheMetricsServiceOrTheNetworkPolicy() {
        var release = chart.templateWithTestHooks("production-values.yaml");
        Map<String, String> test = release.get(Pod.class, FULLNAME + "-test-readiness").getMetadata().getLabels();
        Map<String, String> connector = release.deployment().getSpec().getTemplate().getMetadata().getLabels();
        Map<String, Map<String, String>> selectors = Map.of(
                "Deployment", release.deployment().getSpec().getSelector().getMatchLabels(),
                "PodDisruptionBudget", release.get(PodDisruptionBudget.class, FULLNAME).getSpec().getSelector()
                        .getMatchLabels(),
                // Camel's Kubernetes cluster service counts the pods with these labels as candidates for leader.
                "leader election", release.connectorConfiguration().bind("camel.cluster.kubernetes.cluster-labels",
                        Bindable.mapOf(String.class, String.class)).get(),
                "metrics Service", release.get(Service.class, FULLNAME + "-metrics").getSpec().getSelector(),
                "NetworkPolicy", release.get(NetworkPolicy.class, FULLNAME).getSpec().getPodSelector()
                        .getMatchLabels());

        assertThat(test).containsEntry("app.kubernetes.io/instance", ConnectorChart.RELEASE)
                .containsEntry("app.kubernetes.io/component", "test")
                .doesNotContainKey("app.kubernetes.io/name");
        selectors.forEach((what, selector) -> {
            assertThat(selects(selector, connector)).as(what + " selects the connector's pods").isTrue();
            assertThat(selects(selector, test)).as(what + " selects the test pod").isFalse();
        });
    }

    @Test
    void anIngressLimitedToMonitoringStillLetsTheHelmTestPodAskForReadiness() {
        var release = chart.templateWithTestHooks("production-values.yaml", """
                networkPolicy:
                  ingressFrom:
                    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } }
                """);
        Map<String, String> test = release.get(Pod.class, FULLNAME + "-test-readiness").getMetadata().getLabels();

        assertThat(release.get(NetworkPolicy.class, FULLNAME).getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring"));
            assertThat(rule.getFrom()).filteredOn(peer -> peer.getNamespaceSelector() == null
                            && peer.getPodSelector() != null && selects(peer.getPodSelector().getMatchLabels(), test))
                    .as("a peer for the chart's test pod").hasSize(1);
        });
    }

    @Test
    void thePackagedChartLeavesOutTheCiValuesWithTheirPlaceholderCredentials() {
        List<String> entries = ConnectorChart.entries(chart.packaged());

        assertThat(entries).contains("marketplace-crm-connector/Chart.yaml", "marketplace-crm-connector/values.yaml",
                "marketplace-crm-connector/values.schema.json", "marketplace-crm-connector/templates/deployment.yaml",
                "marketplace-crm-connector/templates/tests/test-readiness.yaml",
                "marketplace-crm-connector/files/config/application.yaml",
                "marketplace-crm-connector/dashboards/marketplace-crm-connector.json");
        assertThat(entries).noneMatch(entry -> entry.startsWith("marketplace-crm-connector/ci/"));
    }

    @Test
    void turningTheNetworkPolicyOnWithTheDefaultsStillLetsTheConnectorReachSalesforceAwsAndTheKubernetesApi() {
        NetworkPolicy policy = chart.template(List.of(), EXISTING_SECRET, "networkPolicy:\n  enabled: true\n")
                .get(NetworkPolicy.class, FULLNAME);

        assertThat(letsOut(policy, "10.96.0.10", 53, "UDP")).as("DNS").isTrue();
        assertThat(letsOut(policy, "13.110.54.13", 443, "TCP")).as("Salesforce").isTrue();
        assertThat(letsOut(policy, "52.94.133.131", 443, "TCP")).as("an AWS endpoint").isTrue();
        // The API server is reached at its endpoint: 443 on EKS, GKE and AKS, 6443 on kubeadm-made clusters.
        assertThat(letsOut(policy, "172.20.0.1", 443, "TCP")).as("Kubernetes API on 443").isTrue();
        assertThat(letsOut(policy, "10.0.0.10", 6443, "TCP")).as("Kubernetes API on 6443").isTrue();
        assertThat(letsOut(policy, "52.94.133.131", 80, "TCP")).as("plain HTTP").isFalse();
        assertThat(letsOut(policy, "169.254.169.254", 80, "TCP")).as("the instance metadata service").isFalse();

        NetworkPolicy oneReplica = chart.template("single-replica-values.yaml", "networkPolicy:\n  enabled: true\n")
                .get(NetworkPolicy.class, FULLNAME);
        assertThat(letsOut(oneReplica, "13.110.54.13", 443, "TCP")).isTrue();
        assertThat(letsOut(oneReplica, "10.0.0.10", 6443, "TCP")).as("no leader election, no Kubernetes API").isFalse();
    }

    @Test
    void aNetworkPolicyWithNoEgressIsRefusedBecauseTheConnectorWouldReachOnlyDns() {
        assertThatThrownBy(() -> chart.template("single-replica-values.yaml",
                "networkPolicy:\n  enabled: true\n  egress: []\n"))
                .hasMessageContaining("networkPolicy.egress is empty")
                .hasMessageContaining("443");
    }

    @Test
    void afterInstallingHelmSaysHowToCheckHealthAndWhoLeads() {
        String notes = chart.installNotes("production-values.yaml");

        assertThat(notes).contains("2 replica(s) with leader election",
                "kubectl -n marketplace get lease " + FULLNAME + "-leader",
                "port-forward svc/" + FULLNAME + "-metrics 8081",
                "curl localhost:8081/actuator/health/readiness",
                "Seller accounts served: 111122223333, 777788889999");
    }

    /** What a matchLabels selector does: every label it names, with that value. */
    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * Whether the policy's egress rules let a connection out (https://kubernetes.io/docs/concepts/services-networking/
     * network-policies/): a rule without {@code to} reaches any address, without {@code ports} any port, and a port's
     * protocol is TCP unless named.
     */
    private static boolean letsOut(NetworkPolicy policy, String ip, int port, String protocol) {
        return policy.getSpec().getEgress().stream().anyMatch(rule ->
                (rule.getTo() == null || rule.getTo().isEmpty() || rule.getTo().stream().anyMatch(peer ->
                        peer.getIpBlock() != null && inCidr(ip, peer.getIpBlock().getCidr())
                                && (peer.getIpBlock().getExcept() == null
                                || peer.getIpBlock().getExcept().stream().noneMatch(cidr -> inCidr(ip, cidr)))))
                        && (rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream().anyMatch(p ->
                        p.getPort().getIntVal() == port
                                && protocol.equals(p.getProtocol() == null ? "TCP" : p.getProtocol()))));
    }

    private static boolean inCidr(String ip, String cidr) {
        String[] block = cidr.split("/");
        int bits = Integer.parseInt(block[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(block[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static PodSpec pod(RenderedRelease release) {
        return release.deployment().getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> annotations(RenderedRelease release) {
        return release.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String probe(HTTPGetAction get) {
        return get.getPort().getStrVal() + " " + get.getPath();
    }

    private static Map<String, String> decoded(Secret secret) {
        return secret.getData().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), UTF_8)));
    }
}
