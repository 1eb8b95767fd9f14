package org.switchboard.api.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Credentials for the stand-ins of Apple and Google, made fresh for each test JVM: an APNs signing key
 * (.p8, P-256, like the ones Apple hands out) and a Firebase service-account JSON with its own RSA key.
 */
public final class PushTestCredentials {

    public static final String APNS_TOPIC = "org.switchboard.test";
    public static final String APNS_TEAM_ID = "TEAM123456";
    public static final String APNS_KEY_ID = "KEY1234567";
    public static final String FCM_PROJECT = "switchboard-test";

    private static KeyPair apnsKey;
    private static Path apnsKeyPath;
    private static Path fcmCredentials;
    private static KeyPair fcmKey;

    private PushTestCredentials() {
    }

    public static synchronized KeyPair apnsKeyPair() {
        if (apnsKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                apnsKey = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return apnsKey;
    }

    /** The .p8 file of {@link #apnsKeyPair()}: PKCS#8 in PEM, as Apple's developer site gives it. */
    public static synchronized Path apnsKeyPath() {
        if (apnsKeyPath == null) {
            apnsKeyPath = write("apns-key.p8", pem("PRIVATE KEY", apnsKeyPair().getPrivate().getEncoded()));
        }
        return apnsKeyPath;
    }

    /** A service-account JSON for {@link #FCM_PROJECT}; its key signs the token requests the stand-in answers. */
    public static synchronized Path fcmCredentials() {
        if (fcmCredentials == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                fcmKey = generator.generateKeyPair();
                String key = pem("PRIVATE KEY", fcmKey.getPrivate().getEncoded()).replace("\n", "\\n");
                fcmCredentials = write("fcm-service-account.json", """
                        {"type": "service_account", "project_id": "%s", "private_key_id": "test-key",
                         "private_key": "%s", "client_email": "push@%s.iam.gserviceaccount.com", "client_id": "1",
                         "token_uri": "https://oauth2.googleapis.com/token"}
                        """.formatted(FCM_PROJECT, key, FCM_PROJECT));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return fcmCredentials;
    }

    /** The key pair of {@link #fcmCredentials()}: the stand-in checks token requests against its public half. */
    public static synchronized KeyPair fcmKeyPair() {
        fcmCredentials();
        return fcmKey;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path write(String name, String content) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "push-test"));
            Path file = Files.createTempFile(dir, "", "-" + name);
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
