package org.switchboard.common.sms.outbox;

import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Which SIM a person's message leaves from (DESIGN.md "SMS gateway"): the one asked for in the message, else
 * the one chosen for the contact, else the one the contact last wrote to, else the person's default SIM,
 * else a SIM of the host seen most recently. Only present SIMs of the person's own hosts count.
 */
public final class SendingSims {

    private static final String SIM_COLUMNS = "s.id AS sim_id, s.host_id, s.subscription_id, s.region";
    private static final String OWN_SIMS = " FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id "
            + "WHERE h.owner_id = :owner AND h.account_id IS NOT NULL AND s.present ";
    private static final String BEST_FIRST = " ORDER BY s.is_default DESC, h.last_seen DESC NULLS LAST, s.slot LIMIT 1";

    static final String NO_HOST = "no SMS host is paired with your account";

    private final DatabaseClient db;

    public SendingSims(DatabaseClient db) {
        this.db = db;
    }

    /**
     * @param number         a SIM's own number the person asked to send from (REST {@code number}), or null
     * @param subscriptionId a SIM's subscription id the person asked for, or null
     * @return the SIM, or {@link NoSendingSimException} when nothing matches
     */
    public Mono<SimRef> choose(long ownerId, Conversation to, String number, Integer subscriptionId) {
        if (number != null) {
            return one("SELECT " + SIM_COLUMNS + OWN_SIMS + "AND s.number = :number" + BEST_FIRST, ownerId, "number", number)
                    .switchIfEmpty(Mono.error(new NoSendingSimException("none of your SIMs has the number " + number)));
        }
        if (subscriptionId != null) {
            return one("SELECT " + SIM_COLUMNS + OWN_SIMS + "AND s.subscription_id = :sub" + BEST_FIRST, ownerId, "sub", subscriptionId)
                    .switchIfEmpty(Mono.error(new NoSendingSimException("none of your SIMs has subscription id " + subscriptionId)));
        }
        // the SIM chosen for (or last written to by) the contact, else the default or most recently seen one, else a host
        // that has not said hello yet (V55; the statement that queues a text chooses the same way)
        return one("SELECT sim_id, host_id, subscription_id, region FROM sms_best_sim(:owner, :peer)", ownerId, "peer", to.key())
                .switchIfEmpty(Mono.error(new NoSendingSimException(NO_HOST)));
    }

    /** One of the person's present SIMs by its id ({@code GET /api/v1/numbers}); empty when it is not theirs. */
    public Mono<SimRef> byId(long ownerId, long simId) {
        return one("SELECT " + SIM_COLUMNS + OWN_SIMS + "AND s.id = :sim" + BEST_FIRST, ownerId, "sim", simId);
    }

    /** The person's present SIM with this number (E.164); empty when none has it. */
    public Mono<SimRef> byNumber(long ownerId, String number) {
        return one("SELECT " + SIM_COLUMNS + OWN_SIMS + "AND s.number = :number" + BEST_FIRST, ownerId, "number", number);
    }

    /** The person's best SIM, for reading numbers typed without a country code in its region. */
    public Mono<SimRef> defaultSim(long ownerId) {
        return db.sql("SELECT " + SIM_COLUMNS + OWN_SIMS + BEST_FIRST).bind("owner", ownerId).map(SendingSims::sim).one();
    }

    /** The contact wrote to this SIM: it sends the replies, unless the person chose another for the contact. */
    public Mono<Void> rememberInbound(long ownerId, String conversation, long simId) {
        return db.sql("""
                        INSERT INTO sms_contact_sims (owner_id, peer, sim_id) VALUES (:owner, :peer, :sim)
                        ON CONFLICT (owner_id, peer) DO UPDATE SET sim_id = EXCLUDED.sim_id WHERE NOT sms_contact_sims.chosen""")
                .bind("owner", ownerId).bind("peer", conversation).bind("sim", simId)
                .then();
    }

    /** The person chose the SIM for the contact; it stays until they choose again. False: not their SIM. */
    public Mono<Boolean> choose(long ownerId, String conversation, long simId) {
        return db.sql("""
                        INSERT INTO sms_contact_sims (owner_id, peer, sim_id, chosen)
                        SELECT :owner, :peer, s.id, true FROM sms_sims s JOIN sms_hosts h ON h.id = s.host_id
                        WHERE s.id = :sim AND h.owner_id = :owner
                        ON CONFLICT (owner_id, peer) DO UPDATE SET sim_id = EXCLUDED.sim_id, chosen = true""")
                .bind("owner", ownerId).bind("peer", conversation).bind("sim", simId)
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }


    private Mono<SimRef> one(String sql, long ownerId, String name, Object value) {
        return db.sql(sql).bind("owner", ownerId).bind(name, value).map(SendingSims::sim).one();
    }

    private static SimRef sim(Readable row) {
        String region = row.get("region", String.class);
        return new SimRef(row.get("host_id", UUID.class), row.get("sim_id", Long.class), row.get("subscription_id", Integer.class),
                region == null ? null : region.strip());
    }
}
