package dev.tandem.access;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Identity on: tokens are verified with a public key generated for the tests. The key pair is written to
 * target/ once and read from there, so the test (JUnit's class loader) and the profile (Quarkus') agree.
 */
public class AuthProfile implements QuarkusTestProfile {
    static final String ISSUER = "https://issuer.tandem.test";
    static final String AUDIENCE = "tandem-test";
    private static final Path DIR = Path.of("target", "test-jwt");

    @Override
    public Map<String, String> getConfigOverrides() {
        keys();
        return Map.of(
                "tandem.auth.enabled", "true",
                "mp.jwt.verify.publickey.location", DIR.resolve("public.pem").toAbsolutePath().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    static synchronized PrivateKey privateKey() {
        keys();
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(DIR.resolve("private.pem"))
                    .replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey otherPrivateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void keys() {
        try {
            if (Files.exists(DIR.resolve("public.pem"))) return;
            Files.createDirectories(DIR);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(DIR.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + pem.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            Path tmp = DIR.resolve("public.pem.tmp");
            Files.writeString(tmp, "-----BEGIN PUBLIC KEY-----\n"
                    + pem.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Files.move(tmp, DIR.resolve("public.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
