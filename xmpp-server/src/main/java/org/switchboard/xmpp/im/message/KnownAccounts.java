package org.switchboard.xmpp.im.message;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.switchboard.common.account.AccountChange;
import org.switchboard.common.account.AccountStore;
import reactor.core.publisher.Mono;

/**
 * Which accounts exist, remembered once looked up: a message to someone with no session must be refused if
 * the account does not exist (RFC 6121 section 8.5.2.2), and a burst to an offline contact would otherwise
 * ask the database once per message. Only existence is remembered; a deletion, which the account store
 * publishes once committed, forgets the name at once, and a lookup that raced a deletion is not remembered.
 */
final class KnownAccounts {

    /** Names remembered at most; past that the memory starts again (a lookup each is what it costs). */
    private static final int MAX_REMEMBERED = 100_000;

    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    private final AtomicLong deletions = new AtomicLong();

    KnownAccounts(AccountStore accounts) {
        accounts.changes().filter(change -> change.kind() == AccountChange.Kind.DELETED)
                .subscribe(change -> forget(change.localpart()));
    }

    /** Whether the account exists: from memory when it was seen before, else from the store. */
    Mono<Boolean> exists(String localpart, AccountStore accounts) {
        if (existing.contains(localpart)) {
            return Mono.just(true);
        }
        long before = deletions.get();
        return accounts.find(localpart).map(account -> {
            if (deletions.get() == before) {
                if (existing.size() >= MAX_REMEMBERED) {
                    existing.clear();
                }
                existing.add(localpart);
            }
            return true;
        }).defaultIfEmpty(false);
    }

    void forget(String localpart) {
        deletions.incrementAndGet();
        existing.remove(localpart);
    }
}
