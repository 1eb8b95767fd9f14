package org.switchboard.sip.digest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.AccountStore.SipCredentials;
import org.switchboard.common.db.NoticeListener;
import org.switchboard.common.lockout.AuthenticationGuard.Attempt;

/**
 * What digest authentication reads for every request, kept in memory while the database's notices of change are
 * heard (ADR 0056): accounts with both HA1s per normalized localpart, and the attempts (name as typed, source address)
 * whose standing was clean, no lock in force and no failures on record. A standing that is not clean is read every
 * time, and so is a name without an account.
 * <p>
 * Nothing read before a change is kept after it: a lookup takes a {@link Generation} before it reads and fills only
 * if no notice (and no loss of the listening connection) came in between; filling and forgetting take the same lock.
 * While nobody listens, the cache is empty and bypassed.
 */
public final class CredentialCache {

    /** The channel the triggers of {@code V46__auth_change_notices.sql} notify on. */
    public static final String CHANNEL = "auth_changes";
    /** Per map; a full map is emptied, which costs one read per name and is rare enough. */
    static final int MAX_ENTRIES = 100_000;

    private static final Logger log = LoggerFactory.getLogger(CredentialCache.class);

    /** The counts of changes a lookup saw before it read; null when the cache was not in use. */
    record Generation(long accounts, long standings) {
    }

    private final String domain;
    private final BooleanSupplier listening;
    private final Map<String, SipCredentials> accounts = new ConcurrentHashMap<>();
    private final Map<Attempt, Boolean> cleanStandings = new ConcurrentHashMap<>();
    // both guarded by this; bumped by every forgetting
    private long accountGeneration;
    private long standingGeneration;

    /**
     * @param domain    the domain of the accounts cached; notices of other domains' accounts are ignored
     * @param listening whether the notices are heard now (see {@link NoticeListener#listening()})
     */
    public CredentialCache(String domain, BooleanSupplier listening) {
        this.domain = domain;
        this.listening = listening;
    }

    /** A cache that never holds anything: every lookup reads. */
    public static CredentialCache none() {
        return new CredentialCache("", () -> false);
    }

    /** To be taken before reading what may fill the cache; null when the cache is not in use now. */
    synchronized Generation generation() {
        if (!usable()) {
            return null;
        }
        return new Generation(accountGeneration, standingGeneration);
    }

    /** The cached account of a normalized localpart, or null. */
    SipCredentials account(String localpart) {
        return localpart == null || !usable() ? null : accounts.get(localpart);
    }

    boolean clean(Attempt attempt) {
        return usable() && cleanStandings.containsKey(attempt);
    }

    /** Keeps what was read unless something changed since {@code before}, each kind on its own. */
    synchronized void fill(Generation before, List<SipCredentials> read, List<Attempt> clean) {
        if (before == null || !usable()) {
            return;
        }
        if (before.accounts() == accountGeneration) {
            for (SipCredentials credentials : read) {
                put(accounts, credentials.account().localpart(), credentials);
            }
        }
        if (before.standings() == standingGeneration) {
            for (Attempt attempt : clean) {
                put(cleanStandings, attempt, Boolean.TRUE);
            }
        }
    }

    private static <K, V> void put(Map<K, V> map, K key, V value) {
        if (map.size() >= MAX_ENTRIES && !map.containsKey(key)) {
            map.clear();
        }
        map.put(key, value);
    }

    /** What the listener heard: {@code a <domain> <localpart>}, {@code f}, {@code l}, or that notices were missed. */
    public void heard(NoticeListener.Notice notice) {
        if (notice.missed()) {
            forgetAll();
            return;
        }
        String payload = notice.payload();
        if (payload.startsWith("a ")) {
            String[] parts = payload.split(" ", 3);
            if (parts.length == 3 && parts[1].equals(domain)) {
                accountChanged(parts[2]);
            }
        } else if (payload.equals("f") || payload.equals("l")) {
            standingsChanged();
        } else {
            log.warn("an unknown notice on {} from backend {}: forgetting every cached credential", CHANNEL, notice.backend());
            forgetAll();
        }
    }

    /** An account changed or went (heard, or published in this process): its entry must be read again. */
    public synchronized void accountChanged(String localpart) {
        accountGeneration++;
        accounts.remove(localpart);
    }

    /** A failure or a lock was recorded: any clean standing may no longer be. */
    public synchronized void standingsChanged() {
        standingGeneration++;
        cleanStandings.clear();
    }

    /** Notices may have been missed: nothing kept can be trusted. */
    public synchronized void forgetAll() {
        accountGeneration++;
        standingGeneration++;
        accounts.clear();
        cleanStandings.clear();
    }

    /** Not listening: what is held is forgotten at once, so nothing from before a loss survives a reconnection. */
    private boolean usable() {
        if (listening.getAsBoolean()) {
            return true;
        }
        if (!accounts.isEmpty() || !cleanStandings.isEmpty()) {
            forgetAll();
        }
        return false;
    }

    /** Whether the account of this normalized localpart is held now; for tests and diagnostics. */
    public boolean holds(String localpart) {
        return account(localpart) != null;
    }

    /** How many accounts are held; for tests. */
    int accountsHeld() {
        return accounts.size();
    }
}
