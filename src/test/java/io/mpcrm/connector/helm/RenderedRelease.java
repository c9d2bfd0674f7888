package io.mpcrm.connector.helm;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ByteArrayResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** The manifests helm template rendered, read into typed Kubernetes objects (a wrong type fails the read). */
record RenderedRelease(List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static RenderedRelease parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new RenderedRelease(List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name
                + " among " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    Deployment deployment() {
        return get(Deployment.class, ConnectorChart.RELEASE + "-marketplace-crm-connector");
    }

    Container connector() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    ConfigMap configMap(String suffix) {
        return get(ConfigMap.class, ConnectorChart.RELEASE + "-marketplace-crm-connector-" + suffix);
    }

    /**
     * The configuration the connector reads in the pod, as Spring Boot reads it: the ConfigMap's chart.yaml over its
     * application.yaml (SPRING_CONFIG_ADDITIONAL_LOCATION lists them in that order; the later file wins).
     */
    Binder connectorConfiguration() {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, String> files = configMap("config").getData();
        for (String file : List.of("chart.yaml", "application.yaml")) {
            try {
                new YamlPropertySourceLoader().load(file, new ByteArrayResource(files.get(file).getBytes(UTF_8)))
                        .forEach(sources::addLast);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    String setting(String name) {
        return connectorConfiguration().bind(name, String.class)
                .orElseThrow(() -> new AssertionError("the connector's configuration has no " + name));
    }

    String env(String name) {
        return connector().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> e.getValue() != null ? e.getValue()
                        : e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey())
                .orElseThrow(() -> new AssertionError("no environment variable " + name));
    }
}
