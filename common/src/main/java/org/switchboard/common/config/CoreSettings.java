package org.switchboard.common.config;

import java.nio.file.Path;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.password.ScramCredential;

/**
 * Settings every role shares.
 *
 * @param domain             the XMPP domain, SIP realm and TURN realm ({@code SWITCHBOARD_DOMAIN})
 * @param dataDir            embedded database, generated certificate ({@code SWITCHBOARD_DATA_DIR})
 * @param registrationOpen   whether anyone may create an account ({@code SWITCHBOARD_REGISTRATION})
 * @param passwordIterations PBKDF2 iterations for new verifiers ({@code SWITCHBOARD_PASSWORD_ITERATIONS})
 */
public record CoreSettings(String domain, Path dataDir, boolean registrationOpen, int passwordIterations, LockoutPolicy lockout) {

    public static CoreSettings from(Environment env) {
        String domain = env.string("SWITCHBOARD_DOMAIN", "localhost").toLowerCase();
        if (!domain.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")) {
            throw new IllegalArgumentException("SWITCHBOARD_DOMAIN=" + domain + " is not a valid domain name");
        }
        LockoutPolicy lockout = new LockoutPolicy(
                env.integer("SWITCHBOARD_LOCKOUT_PAIR_FAILURES", LockoutPolicy.DEFAULT.pairFailures(), 1, 1000),
                env.integer("SWITCHBOARD_LOCKOUT_ADDRESS_FAILURES", LockoutPolicy.DEFAULT.addressFailures(), 1, 100000),
                env.integer("SWITCHBOARD_LOCKOUT_ACCOUNT_FAILURES", LockoutPolicy.DEFAULT.accountFailures(), 1, 100000),
                env.seconds("SWITCHBOARD_LOCKOUT_WINDOW_SECONDS", LockoutPolicy.DEFAULT.window()),
                env.seconds("SWITCHBOARD_LOCKOUT_DURATION_SECONDS", LockoutPolicy.DEFAULT.lockDuration()));
        return new CoreSettings(
                domain,
                Path.of(env.string("SWITCHBOARD_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                env.choice("SWITCHBOARD_REGISTRATION", "closed", "open", "closed").equals("open"),
                env.integer("SWITCHBOARD_PASSWORD_ITERATIONS", 10000, ScramCredential.MIN_ITERATIONS, 10_000_000),
                lockout);
    }

    /** Convenience for tests and embedding. */
    public static CoreSettings defaults(String domain, Path dataDir) {
        return new CoreSettings(domain, dataDir, false, ScramCredential.MIN_ITERATIONS, LockoutPolicy.DEFAULT);
    }
}
