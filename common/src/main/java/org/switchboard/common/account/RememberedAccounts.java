package org.switchboard.common.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The id and kind of accounts, remembered once looked up: message routing asks whether a recipient exists
 * (RFC 6121 section 8.5.2.2), the SMS gateway needs each texting person's id, and a burst would otherwise
 * read the same account once per message. An account's id and kind never change; a deletion, which the
 * account store publishes once committed, forgets the name at once, and a lookup that raced a deletion is
 * not remembered. What is not found is not remembered either (an account may be created any moment).
 */
public final class RememberedAccounts {

    /** What never changes about an account while it exists. */
    public record Known(long id, AccountKind kind) {
    }

    /** Names remembered at most; past that the memory starts again (a lookup each is what it costs). */
    private static final int MAX_REMEMBERED = 100_000;

    private final AccountStore accounts;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicLong deletions = new AtomicLong();

    public RememberedAccounts(AccountStore accounts) {
        this.accounts = accounts;
        accounts.changes().filter(change -> change.kind() == AccountChange.Kind.DELETED)
                .subscribe(change -> forget(change.localpart()));
    }

    /** The account's id and kind: from memory when it was seen before, else from the store; empty if none. */
    public Mono<Known> find(String localpart) {
        Known remembered = known.get(localpart);
        if (remembered != null) {
            return Mono.just(remembered);
        }
        long before = deletions.get();
        return accounts.find(localpart).map(account -> {
            Known found = new Known(account.id(), account.kind());
            if (deletions.get() == before) {
                if (known.size() >= MAX_REMEMBERED) {
                    known.clear();
                }
                known.put(localpart, found);
            }
            return found;
        });
    }

    /** Whether the account exists. */
    public Mono<Boolean> exists(String localpart) {
        return find(localpart).map(found -> true).defaultIfEmpty(false);
    }

    /** The id of a person's account; empty when the account is gone or is a host's or a service's. */
    public Mono<Long> personId(String localpart) {
        return find(localpart).filter(found -> found.kind() == AccountKind.PERSON).map(Known::id);
    }

    /** Forgets the name (the store's deletion event calls this; tests may too). */
    public void forget(String localpart) {
        deletions.incrementAndGet();
        known.remove(localpart);
    }
}
