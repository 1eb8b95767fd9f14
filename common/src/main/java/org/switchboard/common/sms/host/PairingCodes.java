package org.switchboard.common.sms.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import reactor.core.publisher.Mono;

/**
 * Pairing codes on {@code sms_pairing_codes}: six random digits that live ten minutes and work once, and
 * whose redemption gives the phone its own account of kind {@code host}.
 *
 * <p>Only the SHA-256 of a code is stored. With a million possible codes that hash is no secret from
 * someone who can read the database (every code can be hashed in a moment); it keeps live codes out of
 * plain sight in dumps and logs. What makes guessing impractical is the short life, single use and the
 * rate limits of whoever exposes {@link #redeem} (see the REST API's pairing endpoint).
 */
public final class PairingCodes {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final Pattern FORMAT = Pattern.compile("[0-9]{6}");
    private static final int PASSWORD_BYTES = 32;
    /** Two hosts may draw the same digits while both are live; another draw almost always differs. */
    private static final int MAX_DRAWS = 8;

    private final DatabaseClient db;
    private final AccountStore accounts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TransactionalOperator transactions;

    /** @param accounts the account store on the same database, so that the host account is made in the same transaction */
    public PairingCodes(DatabaseClient db, AccountStore accounts, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
    }

    /**
     * A fresh code for one of the owner's hosts; the host's older codes stop working. Empty if the owner has
     * no such host.
     */
    public Mono<PairingCode> issue(long ownerId, UUID hostId) {
        Mono<PairingCode> issue = db.sql("SELECT id FROM sms_hosts WHERE owner_id = :owner AND id = :id FOR UPDATE")
                .bind("owner", ownerId)
                .bind("id", hostId)
                .map(row -> row.get("id", UUID.class))
                .one()
                .flatMap(id -> db.sql("DELETE FROM sms_pairing_codes WHERE host_id = :id").bind("id", id).then()
                        .then(draw(id, 1)));
        return transactions.transactional(issue);
    }

    private Mono<PairingCode> draw(UUID hostId, int attempt) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        byte[] hash = hash(code);
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        // a spent or expired code of any host may hold these digits' row; a live one keeps it
        return db.sql("DELETE FROM sms_pairing_codes WHERE code_hash = :hash AND (used_at IS NOT NULL OR expires_at <= :now)")
                .bind("hash", hash)
                .bind("now", utc(now))
                .then()
                .then(db.sql("INSERT INTO sms_pairing_codes (code_hash, host_id, expires_at) VALUES (:hash, :host, :expires) "
                                + "ON CONFLICT (code_hash) DO NOTHING")
                        .bind("hash", hash)
                        .bind("host", hostId)
                        .bind("expires", utc(expires))
                        .fetch().rowsUpdated())
                .flatMap(inserted -> {
                    if (inserted > 0) {
                        return Mono.just(new PairingCode(hostId, code, expires));
                    }
                    return attempt < MAX_DRAWS ? draw(hostId, attempt + 1)
                            : Mono.error(new IllegalStateException("no free pairing code after " + MAX_DRAWS + " draws"));
                });
    }

    /**
     * Redeems a code: marks it used, and gives the host a new account (or, if it was paired before, a new
     * password for its account). All in one transaction whose first statement claims the code, so two
     * redemptions of one code can never both succeed. Empty for a wrong, expired or used code alike.
     */
    public Mono<Pairing> redeem(String code) {
        if (code == null || !FORMAT.matcher(code).matches()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        Mono<Pairing> redemption = db.sql("UPDATE sms_pairing_codes SET used_at = :now "
                        + "WHERE code_hash = :hash AND used_at IS NULL AND expires_at > :now RETURNING host_id")
                .bind("now", utc(now))
                .bind("hash", hash(code))
                .map(row -> row.get("host_id", UUID.class))
                .one()
                .flatMap(hostId -> db.sql("SELECT h.owner_id, a.localpart FROM sms_hosts h LEFT JOIN accounts a ON a.id = h.account_id "
                                + "WHERE h.id = :id FOR UPDATE OF h")
                        .bind("id", hostId)
                        .map(row -> new HostRow(hostId, row.get("owner_id", Long.class), row.get("localpart", String.class)))
                        .one())
                .flatMap(host -> host.localpart() == null ? pairFirstTime(host, now) : pairAgain(host, now));
        return transactions.transactional(redemption);
    }

    private Mono<Pairing> pairFirstTime(HostRow host, Instant now) {
        String password = newPassword();
        return accounts.create(localpartOf(host.id()), password, AccountKind.HOST, Set.of())
                .flatMap(account -> db.sql("UPDATE accounts SET owner_id = :owner WHERE id = :account")
                        .bind("owner", host.ownerId())
                        .bind("account", account.id())
                        .then()
                        .then(db.sql("UPDATE sms_hosts SET account_id = :account, paired_at = :now WHERE id = :id")
                                .bind("account", account.id())
                                .bind("now", utc(now))
                                .bind("id", host.id())
                                .then())
                        .thenReturn(new Pairing(host.id(), account, password, false)));
    }

    /** A new phone (or the same one, reset) takes the host over; whoever held the old password is shut out. */
    private Mono<Pairing> pairAgain(HostRow host, Instant now) {
        String password = newPassword();
        return accounts.changePassword(host.localpart(), password)
                .flatMap(account -> db.sql("UPDATE sms_hosts SET paired_at = :now WHERE id = :id")
                        .bind("now", utc(now))
                        .bind("id", host.id())
                        .then()
                        .thenReturn(new Pairing(host.id(), account, password, true)));
    }

    /** The account name of a host: {@code host-} and the first 12 hex digits (all random) of its id. */
    public static String localpartOf(UUID hostId) {
        return "host-" + hostId.toString().replace("-", "").substring(0, 12);
    }

    private String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record HostRow(UUID id, long ownerId, String localpart) {
    }
}
