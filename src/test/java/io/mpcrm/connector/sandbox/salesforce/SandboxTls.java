package io.mpcrm.connector.sandbox.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway TLS identity for the sandbox's Pub/Sub stand-in: a self-signed certificate for {@code localhost} /
 * {@code 127.0.0.1}, made at run time with the JDK's {@code keytool} in a temp directory, with a random password. No key
 * material lives in the repository.
 * <p>
 * {@link #install()} also makes the whole JVM trust that certificate <em>in addition to</em> the default CAs: it writes
 * a PKCS12 trust store holding every entry of the trust store in effect (the {@code javax.net.ssl.trustStore} property
 * if set, else {@code $JAVA_HOME/lib/security/cacerts}) plus the sandbox certificate, and points the
 * {@code javax.net.ssl.trustStore*} properties at it. The JDK re-reads those properties whenever a
 * {@code TrustManagerFactory} is initialised with the default ({@code init((KeyStore) null)}), which is what Netty does
 * for gRPC's {@code ManagedChannelBuilder.forAddress(..)} with TLS, so this works even if default trust was resolved
 * earlier in the JVM. {@code SSLContext.getDefault()} however is created once and cached, so {@link #install()} also
 * replaces the default {@code SSLContext} with one trusting the combined store (unless a client key store is configured
 * through {@code javax.net.ssl.keyStore}, which would be lost). Idempotent: one identity per JVM.
 */
public final class SandboxTls {

    /** Alias of the sandbox certificate in the key store and the trust stores. */
    public static final String ALIAS = "mpcrm-sandbox";

    private static volatile SandboxTls installed;

    private final Path dir;
    private final char[] password;
    private final KeyStore keyStore;
    private final X509Certificate certificate;
    private final Path keyStoreFile;
    private final Path trustStoreFile;
    private final Path combinedTrustStoreFile;
    private final int combinedEntries;

    private SandboxTls() throws IOException, GeneralSecurityException, InterruptedException {
        this.dir = Files.createTempDirectory("mpcrm-sandbox-tls");
        dir.toFile().deleteOnExit();
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        this.password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
        this.keyStoreFile = dir.resolve("sandbox-server.p12");
        keytool(keyStoreFile, new String(password));
        this.keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, password);
        }
        this.certificate = (X509Certificate) keyStore.getCertificate(ALIAS);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, certificate);
        this.trustStoreFile = dir.resolve("sandbox-trust.p12");
        store(trust, trustStoreFile);

        KeyStore combined = KeyStore.getInstance("PKCS12");
        combined.load(null, null);
        KeyStore base = currentDefaultTrust();
        for (String alias : Collections.list(base.aliases())) {
            Certificate c = base.getCertificate(alias);
            if (c != null && base.isCertificateEntry(alias)) {
                combined.setCertificateEntry(alias, c);
            }
        }
        combined.setCertificateEntry(ALIAS, certificate);
        this.combinedEntries = combined.size();
        this.combinedTrustStoreFile = dir.resolve("jvm-trust.p12");
        store(combined, combinedTrustStoreFile);
        for (Path p : List.of(keyStoreFile, trustStoreFile, combinedTrustStoreFile)) {
            p.toFile().deleteOnExit();
        }
    }

    /** Creates the identity once per JVM and makes the JVM trust it; later calls return the same instance. */
    public static SandboxTls install() {
        SandboxTls t = installed;
        if (t != null) {
            return t;
        }
        synchronized (SandboxTls.class) {
            if (installed == null) {
                try {
                    SandboxTls created = new SandboxTls();
                    created.trustInThisJvm();
                    installed = created;
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException("cannot create the sandbox TLS identity: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running keytool", e);
                }
            }
            return installed;
        }
    }

    /** Key managers for a TLS server presenting the sandbox certificate. */
    public KeyManagerFactory keyManagerFactory() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS12 key store holding the private key and certificate (alias {@link #ALIAS}). */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** The random password of every store written by this instance. */
    public char[] password() {
        return password.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** PKCS12 trust store with only the sandbox certificate. */
    public Path trustStoreFile() {
        return trustStoreFile;
    }

    /** PKCS12 trust store with the JVM's previous trust anchors plus the sandbox certificate (the JVM now uses it). */
    public Path jvmTrustStoreFile() {
        return combinedTrustStoreFile;
    }

    /** Number of entries in {@link #jvmTrustStoreFile()}. */
    public int jvmTrustStoreSize() {
        return combinedEntries;
    }

    private void trustInThisJvm() throws IOException, GeneralSecurityException {
        System.setProperty("javax.net.ssl.trustStore", combinedTrustStoreFile.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        if (System.getProperty("javax.net.ssl.keyStore") == null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(combinedTrustStoreFile)) {
                ks.load(in, password);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            SSLContext.setDefault(ctx);
        }
    }

    private static KeyStore currentDefaultTrust() throws IOException, GeneralSecurityException {
        String file = System.getProperty("javax.net.ssl.trustStore");
        String type = System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType());
        String pass = System.getProperty("javax.net.ssl.trustStorePassword");
        Path path;
        if (file != null && !file.isEmpty() && !"NONE".equals(file)) {
            path = Path.of(file);
        } else {
            Path home = Path.of(System.getProperty("java.home"), "lib", "security");
            path = Files.exists(home.resolve("jssecacerts")) ? home.resolve("jssecacerts") : home.resolve("cacerts");
            type = KeyStore.getDefaultType();
            pass = null;
        }
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, pass == null ? null : pass.toCharArray());
        }
        return ks;
    }

    private void store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
    }

    private static void keytool(Path keyStoreFile, String password) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost, O=mpcrm sandbox",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keyStoreFile.toString(), "-storepass:env", "SANDBOX_TLS_PW", "-keypass:env", "SANDBOX_TLS_PW",
                "-noprompt"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SANDBOX_TLS_PW", password);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
