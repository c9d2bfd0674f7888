package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every value the connector's code puts into a SOQL query goes through {@code Soql}: a comparison in a query may be
 * followed by a literal written in the query text, or by {@code Soql.quote}, {@code quoteAll}, {@code dateTime} or
 * {@code date}, never by a bare string from a record, which a quote or backslash in the data could break out of.
 */
class SoqlValuesQuotedTest {

    /** A statement that builds a query: from its {@code "SELECT} to the semicolon (Java text holds none in queries). */
    private static final Pattern QUERY = Pattern.compile("\"SELECT ([^;]*);");
    /** A comparison whose right-hand side is concatenated Java rather than written in the query. */
    private static final Pattern CONCATENATED_VALUE = Pattern.compile(
            "(?:!=|=|<|>|\\bIN|\\bLIKE|\\bINCLUDES|\\bEXCLUDES)\\s*+\"\\s*+\\+\\s*+(?!Soql\\.)([^+;]{0,60})"
            // or a literal quoted by hand around anything but a Java constant: '" + value + "'
            + "|'\"\\s*+\\+\\s*+(?![A-Z][A-Z0-9_]*\\s*\\+\\s*\"')([^+;]{0,60})");

    @Test
    void everyQueryTheConnectorBuildsQuotesTheValuesItCompares() throws IOException {
        List<String> unquoted = new ArrayList<>();
        int queries = 0;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher query = QUERY.matcher(Files.readString(file));
                while (query.find()) {
                    queries++;
                    Matcher value = CONCATENATED_VALUE.matcher(query.group(1));
                    while (value.find()) {
                        unquoted.add(file.getFileName() + ": ... " + value.group().replaceAll("\\s+", " "));
                    }
                }
            }
        }

        assertThat(queries).as("queries found in src/main").isGreaterThan(20);
        assertThat(unquoted).as("values put into SOQL without Soql.quote").isEmpty();
    }

    @Test
    void theCheckSeesABareValue() {
        String code = "String soql = \"SELECT Id FROM Offer WHERE Name = \" + name;";

        Matcher query = QUERY.matcher(code);
        assertThat(query.find()).isTrue();
        assertThat(CONCATENATED_VALUE.matcher(query.group(1)).find()).isTrue();
        assertThat(CONCATENATED_VALUE.matcher("\"WHERE Name = \" + Soql.quote(name)").find()).isFalse();
        assertThat(CONCATENATED_VALUE.matcher("\"WHERE Name IN ('\" + name + \"')\"").find()).isTrue();
        assertThat(CONCATENATED_VALUE.matcher("\"WHERE Status__c IN ('\" + APPLYING + \"')\"").find()).isFalse();
    }
}
