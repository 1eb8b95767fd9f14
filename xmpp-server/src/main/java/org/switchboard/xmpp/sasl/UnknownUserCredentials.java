package org.switchboard.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.ScramMechanism;

/**
 * Credentials for names that have no account, so a SCRAM exchange for an unknown user looks like one for
 * a real user (same salt every time for a name, usual iteration count) and fails only at the proof.
 * Otherwise anyone could list the accounts by watching for early failures.
 */
public final class UnknownUserCredentials {

    private final byte[] secret = new byte[32];
    private final int iterations;

    public UnknownUserCredentials(int iterations) {
        new SecureRandom().nextBytes(secret);
        this.iterations = iterations;
    }

    public ScramCredential forName(String username, ScramMechanism mechanism) {
        byte[] seed = ScramCredential.hmac(ScramMechanism.SCRAM_SHA_256, secret, mechanism.saslName() + ":" + username);
        byte[] salt = Arrays.copyOf(seed, 16);
        byte[] unmatchable = ScramCredential.hmac(mechanism, seed, "stored".getBytes(StandardCharsets.UTF_8));
        return new ScramCredential(mechanism, salt, iterations, unmatchable, ScramCredential.hmac(mechanism, seed, "server"));
    }
}
