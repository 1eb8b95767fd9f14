package org.switchboard.xmpp.xep.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.dataforms.DataForm.Field;

/**
 * The configuration of a node (XEP-0060 section 16.4.3, {@code pubsub#node_config}) as far as the server acts
 * on it. Forms submitted by owners (configure) and publishers (publish-options) are read by {@link NodeConfigForm}.
 *
 * @param maxItems items kept; the service's limit when a client asks for {@code max}
 */
public record NodeConfig(AccessModel accessModel, String publishModel, boolean persistItems, int maxItems,
                         SendLastItem sendLastPublishedItem, boolean notifyRetract, boolean deliverPayloads, String title,
                         List<String> rosterGroupsAllowed) {

    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#node_config";

    public NodeConfig {
        rosterGroupsAllowed = List.copyOf(rosterGroupsAllowed);
    }

    /**
     * A PEP node's defaults (XEP-0163 section 4.3: presence access, the last item on presence, one item is
     * enough for most PEP payloads, but OMEMO and bookmarks ask for more with publish-options).
     */
    public static NodeConfig pepDefaults() {
        return new NodeConfig(AccessModel.PRESENCE, "publishers", true, 1, SendLastItem.ON_SUB_AND_PRESENCE, true, true, null,
                List.of());
    }

    /** A generic service node's defaults: open, persistent, the last item to new subscribers. */
    public static NodeConfig serviceDefaults(PubSubSettings settings) {
        return new NodeConfig(AccessModel.OPEN, "publishers", true, Math.min(settings.maxItemsPerNode(), 64), SendLastItem.ON_SUB,
                true, true, null, List.of());
    }

    public NodeConfig withAccessModel(AccessModel model) {
        return new NodeConfig(model, publishModel, persistItems, maxItems, sendLastPublishedItem, notifyRetract, deliverPayloads, title,
                rosterGroupsAllowed);
    }

    /** The values as a form: {@code type='form'} to fill in (configure), {@code 'result'} in a publish's answer. */
    public Element toForm(String type) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.hidden("FORM_TYPE", FORM_TYPE));
        fields.add(field("pubsub#access_model", "list-single", "Who may subscribe and retrieve items", accessModel.wireName()));
        fields.add(field("pubsub#publish_model", "list-single", "Who may publish", publishModel));
        fields.add(field("pubsub#persist_items", "boolean", "Persist items", bool(persistItems)));
        fields.add(field("pubsub#max_items", "text-single", "Most items to keep", Integer.toString(maxItems)));
        fields.add(field("pubsub#send_last_published_item", "list-single", "When to send the last item",
                sendLastPublishedItem.wireName()));
        fields.add(field("pubsub#notify_retract", "boolean", "Notify subscribers when items are retracted", bool(notifyRetract)));
        fields.add(field("pubsub#deliver_payloads", "boolean", "Deliver payloads with notifications", bool(deliverPayloads)));
        fields.add(field("pubsub#title", "text-single", "A name for the node", title == null ? "" : title));
        fields.add(new Field("pubsub#roster_groups_allowed", "list-multi", "Roster groups allowed to subscribe", false,
                rosterGroupsAllowed));
        return new DataForm(type, null, null, fields).toElement();
    }

    private static Field field(String var, String type, String label, String value) {
        return new Field(var, type, label, false, List.of(value));
    }

    static String bool(boolean value) {
        return value ? "1" : "0";
    }

    /** The form's values by field name, for comparing publish-options with a node. */
    Map<String, List<String>> values() {
        return DataForm.submittedValues(toForm("result"));
    }
}
