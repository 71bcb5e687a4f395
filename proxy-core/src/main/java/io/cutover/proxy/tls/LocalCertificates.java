package io.cutover.proxy.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A local certificate authority and a server certificate it signed, made fresh for a sandbox or
 * a test: never for production, where certificates come from a real CA. Trusting {@code
 * ca.pem} (curl's {@code --cacert}, a browser's authorities, {@code backends.NAME.trust-ca})
 * trusts the server certificate, whose subject alternative names list every host it serves.
 *
 * @param caCertificate the CA's certificate, PEM: what clients trust
 * @param certificate the server's chain, PEM, leaf first then the CA
 * @param privateKey the server's private key, PEM (PKCS#8)
 * @param spkiSha256 the base64 SHA-256 of the leaf's public key, for Chromium's {@code
 *     --ignore-certificate-errors-spki-list}
 * @param notAfter when the server certificate expires
 */
public record LocalCertificates(
        Path caCertificate, Path certificate, Path privateKey, String spkiSha256, Instant notAfter) {

    /** The sandbox's host names: the legacy tracking hosts Cutover stands in for, Awin's, and loopback. */
    public static final List<String> SANDBOX_NAMES =
            List.of("*.shareasale.com", "shareasale.com", "*.awin1.com", "awin1.com", "localhost", "127.0.0.1");

    /**
     * Makes a CA and a server certificate for {@code names} (DNS names, {@code *.} wildcards, or
     * IP addresses) valid from an hour ago for {@code validity}, and writes {@code ca.pem},
     * {@code cert.pem} and {@code key.pem} into {@code dir}.
     */
    public static LocalCertificates create(Path dir, List<String> names, Duration validity) {
        try {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = ecKeys(random);
            KeyPair serverKeys = ecKeys(random);
            Instant from = Instant.now().minus(Duration.ofHours(1));
            Instant until = from.plus(validity).plus(Duration.ofHours(1));
            X500Name caName = new X500Name("CN=Cutover local CA " + Long.toHexString(random.nextLong() >>> 16));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(
                    caName, serial(random), Date.from(from), Date.from(until), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(
                    Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCertificate = sign(ca, caKeys);

            X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(
                    caCertificate,
                    serial(random),
                    Date.from(from),
                    Date.from(until),
                    new X500Name("CN=" + names.get(0).replace("*.", "")),
                    serverKeys.getPublic());
            server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            server.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            server.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            server.addExtension(
                    Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate));
            X509Certificate leaf = sign(server, caKeys);

            Path caFile = dir.resolve("ca.pem");
            Path certFile = dir.resolve("cert.pem");
            Path keyFile = dir.resolve("key.pem");
            write(caFile, pem(caCertificate));
            write(keyFile, pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
            // The chain after the key: a reload watching both never sees a new chain with an old key.
            write(certFile, pem(leaf) + pem(caCertificate));
            String spki = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(leaf.getPublicKey().getEncoded()));
            return new LocalCertificates(caFile, certFile, keyFile, spki, until);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificates to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a local certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            out.add(
                    isIpLiteral(name)
                            ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    private static boolean isIpLiteral(String name) {
        if (!name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** Writes beside, then renames over: a watcher never reads half a file. */
    private static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(
                temporary,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
