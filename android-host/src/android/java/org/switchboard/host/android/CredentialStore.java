package org.switchboard.host.android;

import android.content.Context;
import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.switchboard.host.pairing.HostCredentials;

/**
 * The host's credentials from pairing, in app-private no-backup storage, encrypted (AES-GCM) with a key that
 * lives in the Android Keystore and never leaves it: a copy of the file (a backup, a rooted dump) is useless
 * without this phone's keystore.
 */
final class CredentialStore {

    private static final String KEYSTORE = "AndroidKeyStore";
    private static final String ALIAS = "switchboard-host-credentials";
    private static final int IV_BYTES = 12;
    private static final int MAX_BYTES = 16 * 1024;

    private final File file;

    CredentialStore(Context context) {
        this.file = new File(context.getNoBackupFilesDir(), "host-credentials.bin");
    }

    /** The stored credentials, or null before pairing. */
    HostCredentials load() throws IOException, GeneralSecurityException {
        if (!file.exists()) {
            return null;
        }
        byte[] sealed = Files.readAllBytes(file.toPath());
        if (sealed.length <= IV_BYTES || sealed.length > MAX_BYTES) {
            throw new IOException("the stored credentials are " + sealed.length + " bytes: damaged");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, sealed, 0, IV_BYTES));
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES)));
        String port = properties.getProperty("xmppPort", "");
        return new HostCredentials(properties.getProperty("hostId"), properties.getProperty("jid"), properties.getProperty("password"),
                properties.getProperty("xmppHost"), port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1,
                properties.getProperty("gateway"), properties.getProperty("tlsSha256"));
    }

    void save(HostCredentials credentials) throws IOException, GeneralSecurityException {
        Properties properties = new Properties();
        put(properties, "hostId", credentials.hostId());
        put(properties, "jid", credentials.jid());
        put(properties, "password", credentials.password());
        put(properties, "xmppHost", credentials.xmppHost());
        put(properties, "xmppPort", Integer.toString(credentials.xmppPort()));
        put(properties, "gateway", credentials.gateway());
        put(properties, "tlsSha256", credentials.tlsSha256());
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        properties.store(new java.io.OutputStreamWriter(plain, StandardCharsets.UTF_8), null);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key()); // the keystore picks the IV
        byte[] iv = cipher.getIV();
        byte[] body = cipher.doFinal(plain.toByteArray());
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        sealed.write(iv);
        sealed.write(body);
        File temporary = new File(file.getPath() + ".new");
        Files.write(temporary.toPath(), sealed.toByteArray());
        Files.move(temporary.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(Properties properties, String name, String value) {
        if (value != null) {
            properties.setProperty(name, value);
        }
    }

    private static SecretKey key() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KEYSTORE);
        store.load(null);
        if (store.getKey(ALIAS, null) instanceof SecretKey existing) {
            return existing;
        }
        KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE);
        generator.init(new KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build());
        return generator.generateKey();
    }
}
