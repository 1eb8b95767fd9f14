package org.switchboard.xmpp.xep.blocking;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * The accounts' blocklists, read from the database once per account and then kept in memory, because
 * every message and presence to or from an account is checked against them. Changes go through here, so
 * the copy stays current (one XMPP server process owns the accounts' sessions).
 */
final class Blocklists {

    private final Map<Jid, Set<String>> cache = new ConcurrentHashMap<>();

    Mono<Set<String>> of(Jid owner, DatabaseClient db) {
        Set<String> cached = cache.get(owner.bare());
        if (cached != null) {
            return Mono.just(cached);
        }
        return new BlocklistStore(db).list(owner.bare()).collectList().map(list -> {
            Set<String> loaded = ConcurrentHashMap.newKeySet();
            loaded.addAll(list);
            Set<String> raced = cache.putIfAbsent(owner.bare(), loaded);
            return raced == null ? loaded : raced;
        });
    }

    /** True if {@code owner} blocks {@code other}, by the JID matching rules XEP-0191 takes from XEP-0016. */
    Mono<Boolean> blocks(Jid owner, Jid other, DatabaseClient db) {
        Boolean known = blocksIfKnown(owner, other);
        if (known != null) {
            return Mono.just(known);
        }
        return of(owner, db).map(blocked -> !blocked.isEmpty() && matchesAny(blocked, other));
    }

    /**
     * {@link #blocks} answered from memory, or null when the owner's list has not been read yet. Every
     * message is checked against two lists, so the usual answer must not cost a Reactor chain.
     */
    Boolean blocksIfKnown(Jid owner, Jid other) {
        if (other == null || owner.localpart() == null) {
            return false;
        }
        Set<String> cached = cache.get(owner.isBare() ? owner : owner.bare());
        return cached == null ? null : !cached.isEmpty() && matchesAny(cached, other);
    }

    static boolean matchesAny(Set<String> blocked, Jid jid) {
        for (String candidate : candidates(jid)) {
            if (blocked.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** full JID, bare JID, domain/resource, domain (XEP-0016 section 2.1). */
    static List<String> candidates(Jid jid) {
        Set<String> forms = new HashSet<>();
        forms.add(jid.toString());
        forms.add(jid.bare().toString());
        if (jid.resource() != null) {
            forms.add(jid.domain() + "/" + jid.resource());
        }
        forms.add(jid.domain());
        return List.copyOf(forms);
    }

    Mono<Void> add(Jid owner, Collection<String> jids, DatabaseClient db) {
        return new BlocklistStore(db).add(owner.bare(), jids).then(of(owner, db)).doOnNext(set -> set.addAll(jids)).then();
    }

    Mono<Void> remove(Jid owner, Collection<String> jids, DatabaseClient db) {
        return new BlocklistStore(db).remove(owner.bare(), jids).then(of(owner, db)).doOnNext(set -> set.removeAll(jids)).then();
    }

    Mono<Void> removeAll(Jid owner, DatabaseClient db) {
        return new BlocklistStore(db).removeAll(owner.bare()).doOnSuccess(done -> cache.remove(owner.bare()));
    }
}
