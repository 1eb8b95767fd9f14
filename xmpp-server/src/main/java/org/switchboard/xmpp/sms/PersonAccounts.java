package org.switchboard.xmpp.sms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.switchboard.common.account.AccountChange;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import reactor.core.publisher.Mono;

/**
 * The account ids of people who text through the gateway, remembered once looked up: every text would
 * otherwise read the sender's account. Only people are remembered (a host or a service account is looked up
 * and refused each time). An account's id and kind never change; a deletion, which the account store
 * publishes once committed, forgets the name at once, and a lookup that raced a deletion is not remembered.
 */
final class PersonAccounts {

    /** Names remembered at most; past that the memory starts again (a lookup each is what it costs). */
    private static final int MAX_REMEMBERED = 100_000;

    private final AccountStore accounts;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final AtomicLong deletions = new AtomicLong();

    PersonAccounts(AccountStore accounts) {
        this.accounts = accounts;
        accounts.changes().filter(change -> change.kind() == AccountChange.Kind.DELETED)
                .subscribe(change -> forget(change.localpart()));
    }

    /** The id of the person's account; empty when the account is gone or is not a person's. */
    Mono<Long> personId(String localpart) {
        Long known = ids.get(localpart);
        if (known != null) {
            return Mono.just(known);
        }
        long before = deletions.get();
        return accounts.find(localpart).filter(account -> account.kind() == AccountKind.PERSON).map(account -> {
            if (deletions.get() == before) {
                if (ids.size() >= MAX_REMEMBERED) {
                    ids.clear();
                }
                ids.put(localpart, account.id());
            }
            return account.id();
        });
    }

    void forget(String localpart) {
        deletions.incrementAndGet();
        ids.remove(localpart);
    }
}
