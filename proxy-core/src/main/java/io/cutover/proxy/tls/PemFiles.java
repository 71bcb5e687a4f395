package io.cutover.proxy.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files: chains leaf first, keys as PKCS#8 ({@code
 * BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE
 * KEY}). Encrypted keys are refused: the server starts unattended, with no one to type a pass
 * phrase. Every failure names the file.
 */
public final class PemFiles {

    private PemFiles() {}

    /** The certificates in a file, in file order (a chain is leaf first). */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : objects(file)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    out.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new PemException(file, "a valid X.509 certificate (" + e.getMessage() + ")", e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new PemException(file, "a PEM file with at least one BEGIN CERTIFICATE block", null);
        }
        return out;
    }

    /** The one private key in a file. */
    public static PrivateKey privateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        for (Object object : objects(file)) {
            PrivateKey found;
            try {
                if (object instanceof PrivateKeyInfo info) {
                    found = converter.getPrivateKey(info);
                } else if (object instanceof PEMKeyPair pair) {
                    found = converter.getKeyPair(pair).getPrivate();
                } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new PemException(file, "an unencrypted private key (this one needs a pass phrase)", null);
                } else {
                    continue;
                }
            } catch (IOException e) {
                throw new PemException(file, "a readable private key (" + e.getMessage() + ")", e);
            }
            if (key != null) {
                throw new PemException(file, "one private key (found several)", null);
            }
            key = found;
        }
        if (key == null) {
            throw new PemException(file, "a PEM file with a BEGIN PRIVATE KEY block", null);
        }
        return key;
    }

    /**
     * Checks that a private key belongs to a certificate by signing with one and verifying with
     * the other: a key swapped without its certificate would otherwise fail every handshake.
     */
    public static void requireMatch(Path keyFile, PrivateKey key, X509Certificate leaf) {
        PublicKey publicKey = leaf.getPublicKey();
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "cutover key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new PemException(
                    keyFile,
                    "the private key of the certificate "
                            + leaf.getSubjectX500Principal().getName() + " (it belongs to another certificate)",
                    null);
        }
    }

    private static List<Object> objects(Path file) {
        List<Object> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                out.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new PemException(file, "a readable PEM file (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** A PEM file that cannot be used, as {@code file (expected: …)}. */
    public static final class PemException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PemException(Path file, String expected, Throwable cause) {
            super(file + " (expected: " + expected + ")", cause);
        }
    }
}
