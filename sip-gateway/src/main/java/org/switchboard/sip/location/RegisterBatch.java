package org.switchboard.sip.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.GroupCommit;
import org.switchboard.sip.push.PushBinding;
import reactor.core.publisher.Mono;

/**
 * The REGISTERs that arrive while a batch commits go together in the next one: one statement of the
 * {@code sip_register_batch} function (V40) and one commit for all of them (ADR 0047). Each REGISTER's Mono
 * completes once the statement that holds it returned, committed, so a 200 still confirms a committed binding.
 * A batch with a refusal in it is applied again one REGISTER at a time ({@link GroupCommit}), so only the
 * refused one is refused.
 */
final class RegisterBatch {

    /** Enough to take a burst in one commit; the arrays of a batch stay a few hundred KiB at most. */
    private static final int MAX_BATCH = 128;
    /** Two may run at once: the function locks accounts in id order, so batches cannot deadlock each other. */
    private static final int MAX_RUNNING = 2;

    /** One REGISTER: its account, contacts and time, and the contact limit it is held to. */
    record Registration(long accountId, List<BindingChange> changes, boolean removeAll, int maxContacts, Instant now) {
    }

    private final DatabaseClient db;
    private final GroupCommit<Registration, List<Binding>> commits;

    RegisterBatch(DatabaseClient db) {
        this.db = db;
        this.commits = new GroupCommit<>("SIP registrations", this::applyAll, MAX_BATCH, MAX_RUNNING);
    }

    /** The bindings the account has once this REGISTER is committed. */
    Mono<List<Binding>> apply(Registration registration) {
        return commits.submit(registration);
    }

    private Mono<List<Optional<List<Binding>>>> applyAll(List<Registration> batch) {
        int requests = batch.size();
        int contacts = batch.stream().mapToInt(registration -> registration.changes().size()).sum();
        String[] nows = new String[requests];
        Long[] accounts = new Long[requests];
        Boolean[] removeAll = new Boolean[requests];
        Integer[] max = new Integer[requests];
        Integer[] first = new Integer[requests];
        Integer[] count = new Integer[requests];
        Columns columns = new Columns(contacts);
        int next = 0;
        for (int r = 0; r < requests; r++) {
            Registration registration = batch.get(r);
            nows[r] = registration.now().toString();
            accounts[r] = registration.accountId();
            removeAll[r] = registration.removeAll();
            max[r] = registration.maxContacts();
            first[r] = next + 1;   // SQL arrays count from 1
            count[r] = registration.changes().size();
            for (BindingChange change : registration.changes()) {
                columns.set(next++, change);
            }
        }
        return db.sql("SELECT b.request, (b.binding).* FROM sip_register_batch(:nows::timestamptz[], :accounts::bigint[], "
                        + ":removeAll::boolean[], :max::integer[], :first::integer[], :count::integer[], :contacts::text[], "
                        + ":calls::text[], :cseqs::bigint[], :removals::boolean[], :addresses::text[], :ports::integer[], "
                        + ":transports::text[], :agents::text[], :expiries::text[], :providers::text[], :prids::text[], "
                        + ":params::text[], :selfRefreshing::boolean[], :remembered::text[]) b")
                .bind("nows", nows).bind("accounts", accounts).bind("removeAll", removeAll).bind("max", max)
                .bind("first", first).bind("count", count)
                .bind("contacts", columns.contacts).bind("calls", columns.calls).bind("cseqs", columns.cseqs)
                .bind("removals", columns.removals).bind("addresses", columns.addresses).bind("ports", columns.ports)
                .bind("transports", columns.transports).bind("agents", columns.agents).bind("expiries", columns.expiries)
                .bind("providers", columns.providers).bind("prids", columns.prids).bind("params", columns.params)
                .bind("selfRefreshing", columns.selfRefreshing).bind("remembered", columns.remembered)
                .map(row -> new Row(row.get("request", Integer.class),
                        row.get("contact_uri", String.class) == null ? null : LocationStore.binding(row)))
                .all().collectList()
                .map(rows -> {
                    List<List<Binding>> bindings = new ArrayList<>(requests);
                    for (int r = 0; r < requests; r++) {
                        bindings.add(new ArrayList<>());
                    }
                    for (Row row : rows) {
                        if (row.binding() != null) {
                            bindings.get(row.request() - 1).add(row.binding());
                        }
                    }
                    return bindings.stream().map(List::copyOf).map(Optional::of).toList();
                })
                .onErrorMap(LocationStore::refusal);
    }

    private record Row(int request, Binding binding) {
    }

    /** The contacts of every REGISTER of a batch, one array per column, one after the other. */
    private static final class Columns {
        final String[] contacts;
        final String[] calls;
        final Long[] cseqs;
        final Boolean[] removals;
        final String[] addresses;
        final Integer[] ports;
        final String[] transports;
        final String[] agents;
        final String[] expiries;
        final String[] providers;
        final String[] prids;
        final String[] params;
        final Boolean[] selfRefreshing;
        final String[] remembered;

        Columns(int n) {
            contacts = new String[n];
            calls = new String[n];
            cseqs = new Long[n];
            removals = new Boolean[n];
            addresses = new String[n];
            ports = new Integer[n];
            transports = new String[n];
            agents = new String[n];
            expiries = new String[n];
            providers = new String[n];
            prids = new String[n];
            params = new String[n];
            selfRefreshing = new Boolean[n];
            remembered = new String[n];
        }

        void set(int i, BindingChange change) {
            Binding binding = change.binding();
            PushBinding push = binding.push();
            contacts[i] = binding.contactUri();
            calls[i] = binding.callId();
            cseqs[i] = binding.cseq();
            removals[i] = change.remove();
            addresses[i] = binding.sourceAddress();
            ports[i] = binding.sourcePort();
            transports[i] = binding.transport();
            agents[i] = binding.userAgent();
            expiries[i] = binding.expiresAt().toString();
            providers[i] = push == null ? null : push.provider().wire();
            prids[i] = push == null ? null : push.prid();
            params[i] = push == null ? null : push.param();
            selfRefreshing[i] = push != null && push.selfRefresh();
            remembered[i] = binding.rememberUntil() == null ? null : binding.rememberUntil().toString();
        }
    }
}
