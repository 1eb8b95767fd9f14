package org.switchboard.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.common.config.Environment;

class SecretBoxTest {

    @TempDir
    Path dataDir;

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void derivedKeysAreStablePerPurposeAndKeyAndShareNothingWithTheKey() {
        SecretBox box = new SecretBox(key(1));
        byte[] dialback = box.derive("xmpp s2s dialback");
        assertThat(dialback).hasSize(32).isEqualTo(new SecretBox(key(1)).derive("xmpp s2s dialback"));
        assertThat(dialback).isNotEqualTo(box.derive("another use")).isNotEqualTo(key(1));
        assertThat(dialback).isNotEqualTo(new SecretBox(key(2)).derive("xmpp s2s dialback"));
    }

    @Test
    void aSealedSecretOpensOnlyWithItsKeyAndContext() {
        SecretBox box = new SecretBox(key(1));
        String sealed = box.seal("the receiver's secret", "sms_webhooks:1");
        assertThat(sealed).startsWith("v1:" + box.keyId() + ":").doesNotContain("receiver");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.seal("the receiver's secret", "sms_webhooks:1")).isNotEqualTo(sealed); // a fresh nonce each time
        assertThat(box.open(sealed, "sms_webhooks:1")).isEqualTo("the receiver's secret");

        assertThatThrownBy(() -> box.open(sealed, "sms_webhooks:2")).hasMessageContaining("does not open");
        assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed, "sms_webhooks:1")).hasMessageContaining("sealed under key " + box.keyId());
        String[] parts = sealed.split(":");
        byte[] data = Base64.getDecoder().decode(parts[2]);
        data[20] ^= 1;
        String altered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(data);
        assertThatThrownBy(() -> box.open(altered, "sms_webhooks:1")).hasMessageContaining("does not open");
        for (String bad : new String[] {"a-clear-secret", "v1:" + box.keyId() + ":!!!", "v1:" + box.keyId() + ":AAAA", "v1:x"}) {
            assertThatThrownBy(() -> box.open(bad, "sms_webhooks:1")).as(bad).isInstanceOf(IllegalStateException.class);
        }
        assertThat(SecretBox.isSealed("a-clear-secret")).isFalse();
    }

    @Test
    void theKeyComesFromTheEnvironmentWhenSet() {
        String encoded = Base64.getEncoder().encodeToString(key(7));
        SecretBox box = SecretsKey.load(new Environment(Map.of(SecretsKey.VARIABLE, encoded)), dataDir);
        assertThat(box.keyId()).isEqualTo(new SecretBox(key(7)).keyId());
        assertThat(Files.exists(dataDir.resolve(SecretsKey.FILE_NAME))).isFalse();

        assertThatThrownBy(() -> SecretsKey.load(new Environment(Map.of(SecretsKey.VARIABLE, "not base64 at all!")), dataDir))
                .hasMessageContaining(SecretsKey.VARIABLE).hasMessageContaining("not base64");
        assertThatThrownBy(() -> SecretsKey.load(new Environment(Map.of(SecretsKey.VARIABLE,
                Base64.getEncoder().encodeToString(new byte[16]))), dataDir)).hasMessageContaining("32 bytes, not 16");
    }

    @Test
    void withoutTheVariableAKeyFileIsMadeOnceOwnerOnlyAndReused() throws Exception {
        SecretBox first = SecretsKey.load(new Environment(Map.of()), dataDir);
        Path file = dataDir.resolve(SecretsKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SecretBox second = SecretsKey.load(new Environment(Map.of()), dataDir);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.open(first.seal("kept", "c"), "c")).isEqualTo("kept");
        try (var left = Files.list(dataDir)) {
            assertThat(left).containsExactly(file); // no temporary file left behind
        }
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> SecretsKey.load(new Environment(Map.of()), dataDir)).hasMessageContaining(file.toString());
    }
}
