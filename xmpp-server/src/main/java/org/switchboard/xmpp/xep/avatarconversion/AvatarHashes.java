package org.switchboard.xmpp.xep.avatarconversion;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.xep.vcard.VCardStore;
import reactor.core.publisher.Mono;

/**
 * The avatar hash of each account with sessions, kept in memory so that a presence costs no database read: read
 * from the stored vCard when an account's session first sends presence, replaced whenever this server stores the
 * account's vCard (set by a client, or converted from PEP), forgotten when the account's last session ends.
 * vCards are stored only through this server, so what is here is what the vCard holds.
 */
final class AvatarHashes {

    private final Map<Jid, PhotoHash> known = new ConcurrentHashMap<>();

    Mono<PhotoHash> of(Jid account, DatabaseClient database) {
        Jid bare = account.bare();
        PhotoHash cached = known.get(bare);
        if (cached != null) {
            return Mono.just(cached);
        }
        return new VCardStore(database).find(bare)
                .map(PhotoHash::of)
                .defaultIfEmpty(PhotoHash.NONE)
                .map(read -> {
                    // a vCard stored while this one was read is newer than what was read: it stays
                    PhotoHash earlier = known.putIfAbsent(bare, read);
                    return earlier == null ? read : earlier;
                });
    }

    /** The account's vCard was just stored with this avatar. */
    void stored(Jid account, PhotoHash hash) {
        known.put(account.bare(), hash);
    }

    void forget(Jid account) {
        known.remove(account.bare());
    }
}
