package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The watch over the E2E runs' logs sees what any logger writes, in messages and in exception chains. */
class LogSecretsWatchTest {

    @Test
    void aPresignedUrlLoggedInAnExceptionIsFoundAndNotRepeated() {
        LogSecretsWatch.install();
        int before = LogSecretsWatch.findings().size();

        LoggerFactory.getLogger("io.mpcrm.connector.eula.EulaStore").warn("Upload failed", new IllegalStateException(
                "GET https://b.s3.amazonaws.com/eulas/a.pdf?X-Amz-Signature=0123456789abcdef0123 returned 403"));

        assertThat(LogSecretsWatch.findings().subList(before, LogSecretsWatch.findings().size()))
                .singleElement().satisfies(f -> assertThat(f).contains("presigned URL signature")
                        .contains("io.mpcrm.connector.eula.EulaStore").doesNotContain("0123456789abcdef0123"));
    }
}
