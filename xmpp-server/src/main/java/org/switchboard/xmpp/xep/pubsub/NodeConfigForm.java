package org.switchboard.xmpp.xep.pubsub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/**
 * Reads submitted node configuration forms: an owner's configure (XEP-0060 section 8.2.4) and a publisher's
 * publish-options (section 7.1.5), whose fields are preconditions on an existing node and the configuration of
 * one created by the publish.
 */
public final class NodeConfigForm {

    public static final String PUBLISH_OPTIONS_FORM_TYPE = "http://jabber.org/protocol/pubsub#publish-options";
    private static final int MAX_GROUPS = 64;
    private static final Set<String> PUBLISH_MODELS = Set.of("publishers", "subscribers", "open");

    /** A field with a value the server does not accept; the message names the field and the value. */
    public static final class InvalidField extends Exception {
        InvalidField(String message) {
            super(message, null, false, false);
        }
    }

    private NodeConfigForm() {
    }

    /** The form's fields (without FORM_TYPE), or an empty map for a form of another type or no form at all. */
    public static Map<String, List<String>> fields(Element x) {
        if (x == null || !x.is("x", DataForm.NAMESPACE)) {
            return Map.of();
        }
        Map<String, List<String>> values = new java.util.LinkedHashMap<>(DataForm.submittedValues(x));
        values.remove("FORM_TYPE");
        return values;
    }

    /** {@code base} with the submitted fields applied; unknown fields are refused, so nothing is silently ignored. */
    public static NodeConfig apply(NodeConfig base, Map<String, List<String>> fields, PubSubSettings settings) throws InvalidField {
        NodeConfig config = base;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            config = applyOne(config, field.getKey(), field.getValue(), settings);
        }
        return config;
    }

    /**
     * Why a node does not meet a publisher's preconditions, or null when it does: each field must equal the node's
     * current value ({@code max_items=max} meaning the service's limit).
     */
    public static String unmet(NodeConfig node, Map<String, List<String>> preconditions, PubSubSettings settings) {
        for (Map.Entry<String, List<String>> field : preconditions.entrySet()) {
            NodeConfig wanted;
            try {
                wanted = applyOne(node, field.getKey(), field.getValue(), settings);
            } catch (InvalidField e) {
                return e.getMessage();
            }
            if (!wanted.equals(node)) {
                return field.getKey() + " is " + node.values().getOrDefault(field.getKey(), List.of()) + " on this node, not "
                        + field.getValue();
            }
        }
        return null;
    }

    private static NodeConfig applyOne(NodeConfig c, String var, List<String> values, PubSubSettings settings) throws InvalidField {
        String value = values.isEmpty() ? "" : values.get(0);
        return switch (var) {
            case "pubsub#access_model" -> {
                AccessModel model = AccessModel.fromWire(value);
                if (model == null) {
                    throw new InvalidField("pubsub#access_model '" + value + "' is not one of open, presence, roster, whitelist");
                }
                yield c.withAccessModel(model);
            }
            case "pubsub#publish_model" -> {
                if (!PUBLISH_MODELS.contains(value)) {
                    throw new InvalidField("pubsub#publish_model '" + value + "' is not one of " + PUBLISH_MODELS);
                }
                yield new NodeConfig(c.accessModel(), value, c.persistItems(), c.maxItems(), c.sendLastPublishedItem(),
                        c.notifyRetract(), c.deliverPayloads(), c.title(), c.rosterGroupsAllowed());
            }
            case "pubsub#persist_items" -> new NodeConfig(c.accessModel(), c.publishModel(), bool(var, value), c.maxItems(),
                    c.sendLastPublishedItem(), c.notifyRetract(), c.deliverPayloads(), c.title(), c.rosterGroupsAllowed());
            case "pubsub#max_items" -> new NodeConfig(c.accessModel(), c.publishModel(), c.persistItems(), maxItems(value, settings),
                    c.sendLastPublishedItem(), c.notifyRetract(), c.deliverPayloads(), c.title(), c.rosterGroupsAllowed());
            case "pubsub#send_last_published_item" -> {
                SendLastItem option = SendLastItem.fromWire(value);
                if (option == null) {
                    throw new InvalidField("pubsub#send_last_published_item '" + value + "' is not never, on_sub or on_sub_and_presence");
                }
                yield new NodeConfig(c.accessModel(), c.publishModel(), c.persistItems(), c.maxItems(), option, c.notifyRetract(),
                        c.deliverPayloads(), c.title(), c.rosterGroupsAllowed());
            }
            case "pubsub#notify_retract" -> new NodeConfig(c.accessModel(), c.publishModel(), c.persistItems(), c.maxItems(),
                    c.sendLastPublishedItem(), bool(var, value), c.deliverPayloads(), c.title(), c.rosterGroupsAllowed());
            case "pubsub#deliver_payloads" -> new NodeConfig(c.accessModel(), c.publishModel(), c.persistItems(), c.maxItems(),
                    c.sendLastPublishedItem(), c.notifyRetract(), bool(var, value), c.title(), c.rosterGroupsAllowed());
            case "pubsub#title" -> {
                if (value.length() > 1024) {
                    throw new InvalidField("pubsub#title is longer than 1024 characters");
                }
                yield new NodeConfig(c.accessModel(), c.publishModel(), c.persistItems(), c.maxItems(), c.sendLastPublishedItem(),
                        c.notifyRetract(), c.deliverPayloads(), value.isEmpty() ? null : value, c.rosterGroupsAllowed());
            }
            case "pubsub#roster_groups_allowed" -> {
                if (values.size() > MAX_GROUPS) {
                    throw new InvalidField("pubsub#roster_groups_allowed names more than " + MAX_GROUPS + " groups");
                }
                yield new NodeConfig(c.accessModel(), c.publishModel(), c.persistItems(), c.maxItems(), c.sendLastPublishedItem(),
                        c.notifyRetract(), c.deliverPayloads(), c.title(), values);
            }
            default -> throw new InvalidField(var + " is not a node option this service supports");
        };
    }

    private static boolean bool(String var, String value) throws InvalidField {
        return switch (value) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new InvalidField(var + " '" + value + "' is not a boolean");
        };
    }

    private static int maxItems(String value, PubSubSettings settings) throws InvalidField {
        if (value.equals("max")) {
            return settings.maxItemsPerNode();
        }
        int items;
        try {
            items = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidField("pubsub#max_items '" + value + "' is neither a number nor 'max'");
        }
        if (items < 1 || items > settings.maxItemsPerNode()) {
            throw new InvalidField("pubsub#max_items must be between 1 and " + settings.maxItemsPerNode() + " (or 'max'), not " + value);
        }
        return items;
    }
}
