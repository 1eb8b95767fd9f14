package org.switchboard.xmpp.xep.mam;

import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.AccountIds;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/** Archiving preferences on the table of {@code V15__xmpp_archive.sql}; no row means {@link ArchivePrefs#DEFAULT}. */
final class PrefsStore {

    private final DatabaseClient db;

    PrefsStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<ArchivePrefs> find(Jid owner) {
        return db.sql("SELECT default_mode, always_jids, never_jids FROM xmpp_archive_prefs WHERE account_id = "
                        + AccountIds.SELECT_ID)
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .map(row -> new ArchivePrefs(row.get("default_mode", String.class),
                        list(row.get("always_jids", String[].class)), list(row.get("never_jids", String[].class))))
                .one()
                .defaultIfEmpty(ArchivePrefs.DEFAULT);
    }

    Mono<Void> save(Jid owner, ArchivePrefs prefs) {
        return db.sql("INSERT INTO xmpp_archive_prefs (account_id, default_mode, always_jids, never_jids) "
                        + "SELECT id, :mode, :always, :never FROM accounts WHERE localpart = :localpart AND domain = :domain "
                        + "ON CONFLICT (account_id) DO UPDATE SET default_mode = excluded.default_mode, "
                        + "always_jids = excluded.always_jids, never_jids = excluded.never_jids")
                .bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .bind("mode", prefs.defaultMode())
                .bind("always", prefs.always().toArray(String[]::new))
                .bind("never", prefs.never().toArray(String[]::new))
                .then();
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
