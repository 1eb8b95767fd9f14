package org.switchboard.common.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.switchboard.common.password.ScramCredential;
import org.switchboard.common.password.ScramMechanism;
import org.switchboard.common.password.SipDigest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The accounts of this server's domain, shared by every protocol. Names given here are localparts and are
 * normalized with {@link Localpart}; a name that is not valid simply finds nothing.
 */
public interface AccountStore {

    /** Creates an account; errors with {@link AccountExistsException} if the name is taken. */
    Mono<Account> create(String localpart, String password, AccountKind kind, Set<String> roles);

    /** The account, or empty. */
    Mono<Account> find(String localpart);

    /** Accounts ordered by name, for paging admin listings. */
    Flux<Account> list(int offset, int limit);

    Mono<Long> count();

    /** The stored SCRAM verifier of one mechanism, or empty if there is no such account. */
    Mono<ScramCredential> scramCredential(String localpart, ScramMechanism mechanism);

    /** An account with its stored SIP HA1s (hex), one per digest algorithm. */
    record SipCredentials(Account account, String md5, String sha256) {
        public String ha1(SipDigest digest) {
            return digest == SipDigest.MD5 ? md5 : sha256;
        }
    }

    /**
     * The accounts of these names with their HA1s, read together, answered in order (empty where no account): what
     * every digest-authenticated SIP request needs, read in one statement for the requests that arrive together.
     */
    Mono<List<Optional<SipCredentials>>> findSipCredentials(List<String> localparts);

    /**
     * True when {@code password} is the account's password (checked against the SCRAM-SHA-256 verifier);
     * false for a wrong password or an unknown account. Does not consult lockouts: callers use
     * {@link org.switchboard.common.lockout.AuthenticationGuard}.
     */
    Mono<Boolean> verifyPassword(String localpart, String password);

    /** Replaces every verifier; empty if there is no such account. Revokes the account's refresh tokens. */
    Mono<Account> changePassword(String localpart, String newPassword);

    Mono<Account> setRoles(String localpart, Set<String> roles);

    Mono<Account> setStatus(String localpart, AccountStatus status);

    /** Deletes the account and everything that belongs to it; true if it existed. */
    Mono<Boolean> delete(String localpart);

    /** The domain this store serves. */
    String domain();

    /**
     * Changes to accounts, each published once it is committed; subscribers (one per protocol) end sessions
     * and registrations that must not outlive the change. A store without such changes publishes nothing.
     */
    default Flux<AccountChange> changes() {
        return Flux.never();
    }
}
