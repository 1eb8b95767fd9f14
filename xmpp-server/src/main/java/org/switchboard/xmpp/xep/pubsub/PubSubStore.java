package org.switchboard.xmpp.xep.pubsub;

import io.r2dbc.spi.Readable;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Nodes and items on the tables of {@code V27__pubsub.sql}. */
public final class PubSubStore {

    private static final String NODE_COLUMNS = "id, service, node, creator, access_model, publish_model, persist_items, max_items, "
            + "send_last_published_item, notify_retract, deliver_payloads, title, roster_groups_allowed";

    private final DatabaseClient db;

    public PubSubStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Node> node(String service, String node) {
        return db.sql("SELECT " + NODE_COLUMNS + " FROM pubsub_nodes WHERE service = :service AND node = :node")
                .bind("service", service).bind("node", node)
                .map(PubSubStore::node).one();
    }

    public Flux<Node> nodes(String service) {
        return db.sql("SELECT " + NODE_COLUMNS + " FROM pubsub_nodes WHERE service = :service ORDER BY node")
                .bind("service", service)
                .map(PubSubStore::node).all();
    }

    /** Nodes on the service whose name is one of {@code names}. */
    public Flux<Node> nodes(String service, List<String> names) {
        return db.sql("SELECT " + NODE_COLUMNS + " FROM pubsub_nodes WHERE service = :service AND node = ANY(:names)")
                .bind("service", service).bind("names", names.toArray(String[]::new))
                .map(PubSubStore::node).all();
    }

    /** How many nodes {@code creator} has made on the service (on PEP: all of the account's nodes). */
    public Mono<Long> countNodes(String service, String creator) {
        return db.sql("SELECT count(*) AS n FROM pubsub_nodes WHERE service = :service AND creator = :creator")
                .bind("service", service).bind("creator", creator)
                .map(row -> row.get("n", Long.class)).one();
    }

    /**
     * Creates a node; empty when it already exists (two creations raced). {@code account} ties a PEP node to its
     * account, so deleting the account deletes its nodes; null on the generic service.
     */
    public Mono<Node> create(String service, String name, Jid account, String creator, NodeConfig config) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO pubsub_nodes (service, node, account_id, creator, access_model, "
                        + "publish_model, persist_items, max_items, send_last_published_item, notify_retract, deliver_payloads, title, "
                        + "roster_groups_allowed) VALUES (:service, :node, "
                        + (account == null ? "NULL" : "(SELECT id FROM accounts WHERE localpart = :localpart AND domain = :domain)")
                        + ", :creator, :access, :publishModel, :persist, :maxItems, :sendLast, :notifyRetract, :deliverPayloads, :title, :groups) "
                        + "ON CONFLICT (service, node) DO NOTHING RETURNING " + NODE_COLUMNS)
                .bind("service", service).bind("node", name).bind("creator", creator);
        if (account != null) {
            spec = spec.bind("localpart", account.localpart()).bind("domain", account.domain());
        }
        return bindConfig(spec, config).map(PubSubStore::node).one();
    }

    public Mono<Void> configure(long nodeId, NodeConfig config) {
        return bindConfig(db.sql("UPDATE pubsub_nodes SET access_model = :access, publish_model = :publishModel, persist_items = :persist, "
                        + "max_items = :maxItems, send_last_published_item = :sendLast, notify_retract = :notifyRetract, "
                        + "deliver_payloads = :deliverPayloads, title = :title, roster_groups_allowed = :groups WHERE id = :id")
                .bind("id", nodeId), config)
                .then()
                .then(trim(nodeId, config.maxItems()));
    }

    public Mono<Void> delete(long nodeId) {
        return db.sql("DELETE FROM pubsub_nodes WHERE id = :id").bind("id", nodeId).then();
    }

    /** Stores an item (replacing one with the same id, which becomes the newest) and drops the oldest beyond {@code maxItems}. */
    public Mono<Void> publish(long nodeId, Item item, int maxItems) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO pubsub_items (node_id, item_id, publisher, payload) "
                        + "VALUES (:node, :item, :publisher, :payload) ON CONFLICT (node_id, item_id) DO UPDATE SET "
                        + "seq = nextval('pubsub_item_seq'), publisher = excluded.publisher, payload = excluded.payload, published_at = now()")
                .bind("node", nodeId).bind("item", item.id()).bind("publisher", item.publisher())
                .bind("payload", item.payload() == null ? "" : StoredXml.write(item.payload()));
        return spec.then().then(trim(nodeId, maxItems));
    }

    private Mono<Void> trim(long nodeId, int maxItems) {
        return db.sql("DELETE FROM pubsub_items WHERE node_id = :node AND seq < ALL(SELECT seq FROM pubsub_items WHERE node_id = :node "
                        + "ORDER BY seq DESC LIMIT :max)")
                .bind("node", nodeId).bind("max", maxItems)
                .then();
    }

    /** The newest {@code max} items, oldest first. */
    public Flux<Item> items(long nodeId, int max) {
        return db.sql("SELECT item_id, publisher, payload FROM (SELECT item_id, publisher, payload, seq FROM pubsub_items "
                        + "WHERE node_id = :node ORDER BY seq DESC LIMIT :max) newest ORDER BY seq")
                .bind("node", nodeId).bind("max", max)
                .map(PubSubStore::item).all();
    }

    public Flux<Item> items(long nodeId, List<String> ids) {
        return db.sql("SELECT item_id, publisher, payload FROM pubsub_items WHERE node_id = :node AND item_id = ANY(:ids) ORDER BY seq")
                .bind("node", nodeId).bind("ids", ids.toArray(String[]::new))
                .map(PubSubStore::item).all();
    }

    /** True when the item existed. */
    public Mono<Boolean> retract(long nodeId, String itemId) {
        return db.sql("DELETE FROM pubsub_items WHERE node_id = :node AND item_id = :item")
                .bind("node", nodeId).bind("item", itemId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    public Mono<Void> purge(long nodeId) {
        return db.sql("DELETE FROM pubsub_items WHERE node_id = :node").bind("node", nodeId).then();
    }

    /** The affiliation stored for a bare JID ({@code member}, {@code publisher}, {@code outcast}…), or empty. */
    public Mono<String> affiliation(long nodeId, String jid) {
        return db.sql("SELECT affiliation FROM pubsub_affiliations WHERE node_id = :node AND jid = :jid")
                .bind("node", nodeId).bind("jid", jid)
                .map(row -> row.get("affiliation", String.class)).one();
    }

    public Flux<String[]> affiliations(long nodeId) {
        return db.sql("SELECT jid, affiliation FROM pubsub_affiliations WHERE node_id = :node ORDER BY jid")
                .bind("node", nodeId)
                .map(row -> new String[] {row.get("jid", String.class), row.get("affiliation", String.class)}).all();
    }

    /** Sets an affiliation; {@code none} removes it. */
    public Mono<Void> affiliate(long nodeId, String jid, String affiliation) {
        if (affiliation.equals("none")) {
            return db.sql("DELETE FROM pubsub_affiliations WHERE node_id = :node AND jid = :jid")
                    .bind("node", nodeId).bind("jid", jid).then();
        }
        return db.sql("INSERT INTO pubsub_affiliations (node_id, jid, affiliation) VALUES (:node, :jid, :affiliation) "
                        + "ON CONFLICT (node_id, jid) DO UPDATE SET affiliation = excluded.affiliation")
                .bind("node", nodeId).bind("jid", jid).bind("affiliation", affiliation).then();
    }

    /** The subscription id of a JID's subscription, or empty. */
    public Mono<String> subscription(long nodeId, String jid) {
        return db.sql("SELECT subid FROM pubsub_subscriptions WHERE node_id = :node AND jid = :jid")
                .bind("node", nodeId).bind("jid", jid)
                .map(row -> row.get("subid", String.class)).one();
    }

    /** Subscribes a JID (keeping an existing subscription's id); the subscription id. */
    public Mono<String> subscribe(long nodeId, String jid, String subid) {
        return db.sql("INSERT INTO pubsub_subscriptions (node_id, jid, subid) VALUES (:node, :jid, :subid) "
                        + "ON CONFLICT (node_id, jid) DO UPDATE SET subid = pubsub_subscriptions.subid RETURNING subid")
                .bind("node", nodeId).bind("jid", jid).bind("subid", subid)
                .map(row -> row.get("subid", String.class)).one();
    }

    /** True when there was a subscription. */
    public Mono<Boolean> unsubscribe(long nodeId, String jid) {
        return db.sql("DELETE FROM pubsub_subscriptions WHERE node_id = :node AND jid = :jid")
                .bind("node", nodeId).bind("jid", jid)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Subscribers as JID and subscription id. */
    public Flux<String[]> subscribers(long nodeId) {
        return db.sql("SELECT jid, subid FROM pubsub_subscriptions WHERE node_id = :node ORDER BY jid")
                .bind("node", nodeId)
                .map(row -> new String[] {row.get("jid", String.class), row.get("subid", String.class)}).all();
    }

    /** A JID's subscriptions on a service, as node name and subscription id. */
    public Flux<String[]> subscriptionsOf(String service, String jid) {
        return db.sql("SELECT n.node, s.subid FROM pubsub_subscriptions s JOIN pubsub_nodes n ON n.id = s.node_id "
                        + "WHERE n.service = :service AND s.jid = :jid ORDER BY n.node")
                .bind("service", service).bind("jid", jid)
                .map(row -> new String[] {row.get("node", String.class), row.get("subid", String.class)}).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindConfig(DatabaseClient.GenericExecuteSpec spec, NodeConfig config) {
        spec = spec.bind("access", config.accessModel().wireName()).bind("publishModel", config.publishModel())
                .bind("persist", config.persistItems()).bind("maxItems", config.maxItems())
                .bind("sendLast", config.sendLastPublishedItem().wireName()).bind("notifyRetract", config.notifyRetract())
                .bind("deliverPayloads", config.deliverPayloads())
                .bind("groups", config.rosterGroupsAllowed().toArray(String[]::new));
        return config.title() == null ? spec.bindNull("title", String.class) : spec.bind("title", config.title());
    }

    private static Node node(Readable row) {
        String[] groups = row.get("roster_groups_allowed", String[].class);
        NodeConfig config = new NodeConfig(AccessModel.fromWire(row.get("access_model", String.class)),
                row.get("publish_model", String.class), Boolean.TRUE.equals(row.get("persist_items", Boolean.class)),
                row.get("max_items", Integer.class), SendLastItem.fromWire(row.get("send_last_published_item", String.class)),
                Boolean.TRUE.equals(row.get("notify_retract", Boolean.class)), Boolean.TRUE.equals(row.get("deliver_payloads", Boolean.class)),
                row.get("title", String.class), groups == null ? List.of() : List.of(groups));
        return new Node(row.get("id", Long.class), row.get("service", String.class), row.get("node", String.class),
                row.get("creator", String.class), config);
    }

    private static Item item(Readable row) {
        String payload = row.get("payload", String.class);
        return new Item(row.get("item_id", String.class), row.get("publisher", String.class),
                payload == null || payload.isEmpty() ? null : StoredXml.read(payload));
    }
}
