package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.mpcrm.connector.sandbox.SandboxMarketplace;
import io.mpcrm.connector.sandbox.SandboxSalesforce;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Scans everything logged in the JVM (messages and exception chains, every logger, every thread) for credentials with
 * {@link LogSecrets}, and fails the end-to-end test class during which one was logged. It is an appender of the tests'
 * {@code logback-test.xml}, so it is part of every Logback configuration, including the one each Spring context
 * start-up loads: it sees a connector's logs from their first line. Registered on {@code ConnectorOnSandbox} and the
 * chaos run, so every journey run against the sandboxes is also a check that its logs hold no secret. Events are
 * scanned as they come and not kept: a suite logs far too much to hold.
 */
public final class LogSecretsWatch extends AppenderBase<ILoggingEvent> implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> FINDINGS = new CopyOnWriteArrayList<>();
    private static final AtomicLong SCANNED = new AtomicLong();
    private static final String NAME = "log-secrets-watch";
    /** Secrets handed out by the sandboxes, which have no recognisable shape of their own. */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static volatile LogSecrets scanner = LogSecrets.shapes();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LogSecretsWatch.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        context.getStore(NAMESPACE).put("from", FINDINGS.size());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        int from = context.getStore(NAMESPACE).getOrDefault("from", Integer.class, 0);
        List<String> found = new ArrayList<>(FINDINGS.subList(Math.min(from, FINDINGS.size()), FINDINGS.size()));
        assertThat(found).as("credentials logged while " + context.getDisplayName() + " ran").isEmpty();
        assertThat(attached()).as("the watch was still attached when " + context.getDisplayName() + " ended").isTrue();
    }

    /** How many log events the watch has scanned since the JVM started. */
    public static long scannedEvents() {
        return SCANNED.get();
    }

    /** Whether the watch is on the root logger now. */
    public static boolean attached() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        return logback.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(NAME) != null;
    }

    /** Every credential logged since the JVM started, described without the credential. */
    public static List<String> findings() {
        return List.copyOf(FINDINGS);
    }

    /** Looks from now on also for these exact values: secrets a test made up and handed to a connector. */
    public static synchronized void watchFor(String... secrets) {
        for (String secret : secrets) {
            if (secret != null) {
                KNOWN.add(secret);
            }
        }
        scanner = LogSecrets.shapesAnd(List.copyOf(KNOWN));
    }

    /**
     * Adds the shared sandboxes' secrets to what the watch looks for. The watch itself is on the root logger by
     * {@code logback-test.xml}; should a test have configured Logback without that file, it is attached here.
     */
    public static synchronized void install() {
        List<String> known = new ArrayList<>();
        known.add(System.getProperty("aws.secretAccessKey"));
        known.add(SandboxMarketplace.webIdentityToken());
        SandboxSalesforce.connectorProperties().forEach((key, value) -> {
            if (key.contains("secret") || key.contains("password")) {
                known.add(String.valueOf(value));
            }
        });
        watchFor(known.toArray(String[]::new));
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) == null) {
            LogSecretsWatch appender = new LogSecretsWatch();
            appender.setName(NAME);
            appender.setContext(logback);
            appender.start();
            root.addAppender(appender);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        SCANNED.incrementAndGet();
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        event.getMDCPropertyMap().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        for (LogSecrets.Finding finding : scanner.scan(text.toString())) {
            FINDINGS.add(event.getLoggerName() + " [" + event.getThreadName() + "]: " + finding);
        }
    }
}
