package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

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

    @Test
    void anAccessKeyLoggedWhileASpringContextStartsIsFound() {
        LogSecretsWatch.install();
        // As the first context of a JVM finds it: Spring Boot then sets Logback up afresh, dropping appenders added
        // by code, before the context's first line.
        LoggingSystem.get(getClass().getClassLoader()).cleanUp();
        int before = LogSecretsWatch.findings().size();

        try (ConfigurableApplicationContext started = new SpringApplicationBuilder(LeakyClientAtStartUp.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).run()) {
            assertThat(started.getBean(LeakyClientAtStartUp.class).accessKeyId).startsWith("ASIA");
        }

        List<String> found = LogSecretsWatch.findings().subList(before, LogSecretsWatch.findings().size());
        assertThat(found).singleElement().satisfies(f -> assertThat(f).contains("AWS access key id")
                .contains(LeakyClientAtStartUp.class.getName()).doesNotContain(LeakyClientAtStartUp.lastKeyTail));
    }

    /** A bean that, like a careless SDK client, logs its temporary access key id as the context creates it. */
    @Configuration(proxyBeanMethods = false)
    static class LeakyClientAtStartUp {

        static volatile String lastKeyTail;
        final String accessKeyId;

        LeakyClientAtStartUp() {
            // Made up at run time, so the repository holds nothing shaped like a key.
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            SecureRandom random = new SecureRandom();
            StringBuilder key = new StringBuilder("AS").append("IA");
            for (int i = 0; i < 16; i++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            accessKeyId = key.toString();
            lastKeyTail = accessKeyId.substring(6);
            LoggerFactory.getLogger(LeakyClientAtStartUp.class).warn("Signing with temporary key {}", accessKeyId);
        }
    }
}
