package io.mpcrm.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * An IDE completes and explains every connector.* key of config/application.yaml: the configuration processor writes
 * META-INF/spring-configuration-metadata.json from the settings records at compile time (and merges
 * additional-spring-configuration-metadata.json, for the three keys no record binds). Durations are typed as such,
 * so an IDE offers 30s, not a number. https://docs.spring.io/spring-boot/specification/configuration-metadata/
 */
class ConfigurationMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyConnectorKeyOfTheConfigurationFileIsInTheGeneratedMetadata() throws IOException {
        Set<String> documented = metadataKeys();

        assertThat(keysOf("connector", yaml().get("connector"))).isNotEmpty()
                .allSatisfy(key -> assertThat(documented).as("metadata keys").contains(key));
    }

    @Test
    void everySettingsGroupOfTheConnectorIsDescribedByItsRecord() throws IOException {
        JsonNode metadata = metadata();
        Set<String> groups = new TreeSet<>();
        metadata.path("groups").forEach(group -> groups.add(group.path("name").asText()));

        assertThat(groups).contains("connector", "connector.requests", "connector.sweep", "connector.offers",
                "connector.health", "connector.aws", "connector.eula", "connector.domain-events.offer-expiring",
                "connector.salesforce.jwt");
    }

    @Test
    void durationsAreTypedAsDurations() throws IOException {
        Map<String, String> types = new java.util.HashMap<>();
        metadata().path("properties").forEach(p -> types.put(p.path("name").asText(), p.path("type").asText()));

        for (String key : new String[] {"connector.sweep.initial-delay", "connector.sweep.period",
                "connector.offers.tracker-period", "connector.requests.retry-base-delay", "connector.health.timeout",
                "connector.aws.session-duration", "connector.eula.url-validity"}) {
            assertThat(types.get(key)).as(key).isEqualTo("java.time.Duration");
        }
    }

    /**
     * The metadata of the whole class path, as an IDE reads it: every jar's file (Camel's starters ship their own)
     * merged; only the connector's build can describe connector.* keys.
     */
    private static JsonNode metadata() throws IOException {
        ObjectNode merged = JSON.createObjectNode();
        ArrayNode groups = merged.putArray("groups");
        ArrayNode properties = merged.putArray("properties");
        Enumeration<URL> files = ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                JsonNode file = JSON.readTree(in);
                file.path("groups").forEach(groups::add);
                file.path("properties").forEach(properties::add);
            }
        }
        return merged;
    }

    private static Set<String> metadataKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        metadata().path("properties").forEach(p -> keys.add(p.path("name").asText()));
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml() throws IOException {
        return new Yaml().load(Files.readString(Path.of("config", "application.yaml")));
    }

    /** The leaf keys under a prefix; a list (seller-accounts, schedules) is one key, as the metadata names it. */
    @SuppressWarnings("unchecked")
    private static Set<String> keysOf(String prefix, Object node) {
        Set<String> keys = new LinkedHashSet<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> keys.addAll(keysOf(prefix + "." + k, v)));
        } else {
            keys.add(prefix);
        }
        return keys;
    }
}
