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
 * A throwaway TLS identity for the sandbox org (OAuth, REST, identity) and its Pub/Sub API: a certificate authority of
 * its own ("mpcrm sandbox CA") that signs one server certificate for {@code localhost} / {@code 127.0.0.1}, made at run
 * time with the JDK's {@code keytool} in a temp directory, with a random password. No key material lives in the
 * repository. The CA certificate is written as PEM ({@link #caPemFile()}, {@link #writeCaPem(Path)}), so that any
 * client trusts the sandbox the way it trusts a corporate CA: {@code curl --cacert}, Node's {@code NODE_EXTRA_CA_CERTS},
 * a Java trust store, grpc-java's {@code TlsChannelCredentials}.
 * <p>
 * {@link #install()} also makes this JVM trust that CA <em>in addition to</em> the default CAs, through the JVM's
 * standard trust-store settings, as a connector behind a TLS-inspecting proxy would be configured: it writes a PKCS12
 * trust store holding every entry of the trust store in effect (the {@code javax.net.ssl.trustStore} property if set,
 * else {@code $JAVA_HOME/lib/security/cacerts}) plus the sandbox CA, and points the {@code javax.net.ssl.trustStore*}
 * properties at it. They are the one setting both of camel-salesforce's clients read: its Jetty client (OAuth, REST)
 * builds its SSLContext with the default trust managers when no {@code sslContextParameters} is set, and its Pub/Sub
 * client opens {@code ManagedChannelBuilder.forAddress(host, port)} with gRPC's default TLS, which no component option
 * reaches. The JDK re-reads those properties whenever a {@code TrustManagerFactory} is initialised with the default
 * ({@code init((KeyStore) null)}), so this works even if default trust was resolved earlier in the JVM.
 * {@code SSLContext.getDefault()} however is created once and cached, so {@link #install()} also replaces the default
 * {@code SSLContext} with one trusting the combined store (unless a client key store is configured through
 * {@code javax.net.ssl.keyStore}, which would be lost). Idempotent: one identity per JVM.
 */
public final class SandboxTls {

    /** Alias of the server's key and certificate in the key store. */
    public static final String ALIAS = "mpcrm-sandbox";
    /** Alias of the sandbox CA in the key store and the trust stores. */
    public static final String CA_ALIAS = "mpcrm-sandbox-ca";

    private static volatile SandboxTls installed;

    private final Path dir;
    private final char[] password;
    private final KeyStore keyStore;
    private final X509Certificate certificate;
    private final X509Certificate caCertificate;
    private final Path caPemFile;
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
        this.caCertificate = (X509Certificate) keyStore.getCertificate(CA_ALIAS);
        // The server presents only its own key; the CA's key signed it and is of no further use.
        keyStore.deleteEntry(CA_ALIAS);
        this.caPemFile = dir.resolve("sandbox-ca.pem");
        Files.writeString(caPemFile, pem(caCertificate));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(CA_ALIAS, caCertificate);
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
        combined.setCertificateEntry(CA_ALIAS, caCertificate);
        this.combinedEntries = combined.size();
        this.combinedTrustStoreFile = dir.resolve("jvm-trust.p12");
        store(combined, combinedTrustStoreFile);
        for (Path p : List.of(keyStoreFile, trustStoreFile, combinedTrustStoreFile, caPemFile)) {
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

    /** A server-side TLS context presenting the sandbox certificate (for the JDK's HttpsServer). */
    public SSLContext serverContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagerFactory().getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
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

    /** The server certificate (signed by {@link #caCertificate()}), for localhost and 127.0.0.1. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The sandbox CA: the one certificate a client needs to trust. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The sandbox CA as PEM, in this identity's temp directory (deleted when the JVM exits). */
    public Path caPemFile() {
        return caPemFile;
    }

    /** Writes the sandbox CA as PEM to {@code target} (creating its directory), for clients outside this JVM. */
    public Path writeCaPem(Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, pem(caCertificate));
            return target;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the sandbox CA certificate to " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** PKCS12 trust store with only the sandbox CA. */
    public Path trustStoreFile() {
        return trustStoreFile;
    }

    /** PKCS12 trust store with the JVM's previous trust anchors plus the sandbox CA (the JVM now uses it). */
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

    private static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /**
     * The CA (basic constraints CA, may sign certificates), the server's key pair, and the server certificate the CA
     * signs for localhost and 127.0.0.1 (server authentication), installed as the server key's chain.
     */
    private void keytool(Path keyStoreFile, String password) throws IOException, InterruptedException {
        List<String> store = List.of("-storetype", "PKCS12", "-keystore", keyStoreFile.toString(),
                "-storepass:env", "SANDBOX_TLS_PW");
        Path csr = dir.resolve("sandbox-server.csr");
        Path crt = dir.resolve("sandbox-server.crt");
        keytool(password, store, "-genkeypair", "-alias", CA_ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=mpcrm sandbox CA, O=mpcrm sandbox", "-ext", "bc:c=ca:true",
                "-ext", "ku:c=keyCertSign,cRLSign", "-keypass:env", "SANDBOX_TLS_PW");
        keytool(password, store, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost, O=mpcrm sandbox", "-keypass:env", "SANDBOX_TLS_PW");
        keytool(password, store, "-certreq", "-alias", ALIAS, "-file", csr.toString());
        keytool(password, store, "-gencert", "-alias", CA_ALIAS, "-infile", csr.toString(), "-outfile",
                crt.toString(), "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext",
                "EKU=serverAuth", "-ext", "KU=digitalSignature,keyEncipherment");
        keytool(password, store, "-importcert", "-alias", ALIAS, "-file", crt.toString());
        Files.deleteIfExists(csr);
        Files.deleteIfExists(crt);
    }

    private static void keytool(String password, List<String> store, String... args)
            throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>();
        cmd.add(keytool.toString());
        cmd.addAll(List.of(args));
        cmd.addAll(store);
        cmd.add("-noprompt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SANDBOX_TLS_PW", password);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
