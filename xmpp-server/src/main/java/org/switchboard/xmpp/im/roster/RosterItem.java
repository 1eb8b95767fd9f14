package org.switchboard.xmpp.im.roster;

import java.util.List;
import java.util.Objects;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;

/**
 * One contact in a user's roster with its subscription state (RFC 6121 sections 2.1 and 3).
 *
 * @param contact    the contact's bare JID
 * @param pendingOut the user asked for a subscription that is not answered yet ({@code ask='subscribe'})
 * @param pendingIn  the contact asked the user for a subscription that is not answered yet
 * @param approved   the user pre-approved the contact's subscription (section 3.4)
 * @param inRoster   false for state kept about a contact the user has not added (a pending request)
 */
public record RosterItem(Jid contact, String name, Subscription subscription, boolean pendingOut, boolean pendingIn,
                         boolean approved, List<String> groups, boolean inRoster) {

    public static final String NAMESPACE = "jabber:iq:roster";

    public RosterItem {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(subscription, "subscription");
        groups = List.copyOf(groups);
    }

    /** The state of a contact nothing is known about: not in the roster, no subscription either way. */
    public static RosterItem absent(Jid contact) {
        return new RosterItem(contact.bare(), null, Subscription.NONE, false, false, false, List.of(), false);
    }

    public RosterItem withSubscription(Subscription newSubscription) {
        return new RosterItem(contact, name, newSubscription, pendingOut, pendingIn, approved, groups, inRoster);
    }

    public RosterItem withPendingOut(boolean value) {
        return new RosterItem(contact, name, subscription, value, pendingIn, approved, groups, inRoster);
    }

    public RosterItem withPendingIn(boolean value) {
        return new RosterItem(contact, name, subscription, pendingOut, value, approved, groups, inRoster);
    }

    public RosterItem withApproved(boolean value) {
        return new RosterItem(contact, name, subscription, pendingOut, pendingIn, value, groups, inRoster);
    }

    public RosterItem addedToRoster() {
        return new RosterItem(contact, name, subscription, pendingOut, pendingIn, approved, groups, true);
    }

    /** Name and groups as the user set them, keeping the subscription state the server owns. */
    public RosterItem withUserFields(String newName, List<String> newGroups) {
        return new RosterItem(contact, newName, subscription, pendingOut, pendingIn, approved, newGroups, true);
    }

    /** True when nothing about this contact needs keeping. */
    public boolean isForgettable() {
        return !inRoster && !pendingIn && !approved && subscription == Subscription.NONE && !pendingOut;
    }

    /** The {@code <item/>} of roster results and pushes. */
    public Element toElement() {
        ElementBuilder item = Element.builder("item", NAMESPACE)
                .attribute("jid", contact.toString())
                .attribute("name", name)
                .attribute("subscription", subscription.wireName())
                .attribute("ask", pendingOut ? "subscribe" : null)
                .attribute("approved", approved ? "true" : null);
        for (String group : groups) {
            item.textChild("group", group);
        }
        return item.build();
    }

    /** The {@code <item subscription='remove'/>} of a push announcing the contact was removed. */
    public static Element removal(Jid contact) {
        return Element.builder("item", NAMESPACE)
                .attribute("jid", contact.bare().toString())
                .attribute("subscription", "remove")
                .build();
    }
}
