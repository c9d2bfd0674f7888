package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.mpcrm.connector.sandbox.ConnectorOnSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each action names the kinds of record it works on, and a failure is shown only on a target of those kinds: so they
 * must include every object whose buttons (quick actions in salesforce/force-app) make its requests, or a button's
 * failure would no longer reach the record it was pressed on. (An action may work on more: Create Channel Partner
 * Offer and Create Agreement Based Offer also create the draft offer they made.)
 */
class ActionTargetsIT extends ConnectorOnSandbox {

    private static final Path FORCE_APP = Path.of("salesforce", "force-app", "main", "default");
    private static final Pattern FLOW = Pattern.compile("<flowDefinition>(\\w+)</flowDefinition>");
    private static final Pattern COMPONENT = Pattern.compile("<lightningWebComponent>(\\w+)</lightningWebComponent>");
    /** An Action__c value quoted in a component's JavaScript, e.g. 'CREATE_CHANNEL_PARTNER_OFFER'. */
    private static final Pattern QUOTED_ACTION = Pattern.compile("'([A-Z]+(?:_[A-Z]+)+)'");
    private static final Pattern RECORDED_ACTION = Pattern.compile(
            "<name>action</name>\\s*<value>\\s*<stringValue>(\\w+)</stringValue>");

    @Autowired
    List<RequestAction> actions;

    /** The actions the buttons that open a Lightning web component record: they must be actions the connector has. */
    private final TreeSet<String> componentActions = new TreeSet<>();

    @Test
    void everyActionWorksOnTheObjectsOfTheButtonsThatMakeItsRequests() throws IOException {
        Map<String, TreeSet<String>> buttons = objectsOfButtons();
        assertThat(buttons).as("quick actions in salesforce/force-app").hasSizeGreaterThan(15);

        Map<String, TreeSet<String>> declared = actions.stream().filter(a -> buttons.containsKey(a.action()))
                .collect(Collectors.toMap(RequestAction::action, a -> new TreeSet<>(a.targetObjects()),
                        (a, b) -> a, TreeMap::new));

        assertThat(declared).as("actions handled").containsOnlyKeys(buttons.keySet());
        buttons.forEach((action, objects) -> assertThat(declared.get(action)).as(action).containsAll(objects));
        assertThat(componentActions).as("actions the components record").isNotEmpty()
                .isSubsetOf(actions.stream().map(RequestAction::action).toList());
    }

    /** Action__c value -> the objects that carry a flow's button recording it. */
    private Map<String, TreeSet<String>> objectsOfButtons() throws IOException {
        Map<String, TreeSet<String>> objects = new TreeMap<>();
        try (Stream<Path> files = Files.list(FORCE_APP.resolve("quickActions"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String object = name.substring(0, name.indexOf('.'));
                String text = Files.readString(file);
                Matcher flow = FLOW.matcher(text);
                Matcher component = COMPONENT.matcher(text);
                if (component.find()) {
                    // A component's button records its requests on the record the component chooses (the channel
                    // partner page on the offer it writes), not necessarily the one pressed: only its actions count.
                    componentActions.addAll(actionsIn(component.group(1)));
                    continue;
                }
                assertThat(flow.find()).as(name + " launches a flow or a component").isTrue();
                Matcher action = RECORDED_ACTION.matcher(Files.readString(
                        FORCE_APP.resolve("flows").resolve(flow.group(1) + ".flow-meta.xml")));
                assertThat(action.find()).as(flow.group(1) + " records an action").isTrue();
                objects.computeIfAbsent(action.group(1), a -> new TreeSet<>()).add(object);
            }
        }
        return objects;
    }

    private static List<String> actionsIn(String component) throws IOException {
        List<String> actions = new ArrayList<>();
        try (Stream<Path> files = Files.list(FORCE_APP.resolve("lwc").resolve(component))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher quoted = QUOTED_ACTION.matcher(Files.readString(file));
                while (quoted.find()) {
                    actions.add(quoted.group(1));
                }
            }
        }
        return actions;
    }
}
