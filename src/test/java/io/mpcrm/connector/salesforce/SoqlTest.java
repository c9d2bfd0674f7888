package io.mpcrm.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlTest {

    @Test
    void aQuoteInARecordValueCannotCloseTheLiteral() {
        assertThat(Soql.quote("O'Brien' OR Name != '")).isEqualTo("'O\\'Brien\\' OR Name != \\''");
    }

    @Test
    void backslashesAndControlCharactersAreEscaped() {
        assertThat(Soql.quote("a\\b\nc\td\"")).isEqualTo("'a\\\\b\\nc\\td\\\"'");
    }

    @Test
    void aListBecomesAnInClause() {
        assertThat(Soql.quoteAll(List.of("a0X1", "it's"))).isEqualTo("('a0X1','it\\'s')");
    }

    @Test
    void datetimesAreUnquotedUtcToTheSecond() {
        assertThat(Soql.dateTime(Instant.parse("2026-11-29T03:04:05.678Z"))).isEqualTo("2026-11-29T03:04:05Z");
    }
}
