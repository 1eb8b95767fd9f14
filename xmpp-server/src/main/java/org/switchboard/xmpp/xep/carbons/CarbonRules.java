package org.switchboard.xmpp.xep.carbons;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;

/** Which messages are copied (XEP-0280 section 6, {@code urn:xmpp:carbons:rules:0}), as pure functions. */
public final class CarbonRules {

    static final String HINTS = "urn:xmpp:hints";
    static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    /** Payloads of instant messaging that make a message without a body worth copying (rules:0). */
    private static final Set<String> IM_PAYLOADS = Set.of(
            "http://jabber.org/protocol/chatstates", // XEP-0085
            "urn:xmpp:receipts",                      // XEP-0184
            "urn:xmpp:chat-markers:0",                // XEP-0333
            "jabber:x:conference");                   // XEP-0249 direct MUC invitation

    private CarbonRules() {
    }

    /** Whether a message a local client sends is copied to its account's other resources as {@code <sent/>}. */
    public static boolean copiedWhenSent(Stanza message) {
        // private messages to MUC occupants are copied when sent (rules:0), they are type chat
        return eligible(message);
    }

    /** Whether a message delivered to some resources of an account is copied to the others as {@code <received/>}. */
    public static boolean copiedWhenReceived(Stanza message) {
        if (!eligible(message)) {
            return false;
        }
        // a private message from a MUC occupant reaches only the joined resource; the room already sends it to
        // every resource that is joined, and a copy would show the others a conversation they are not in (rules:0)
        Element x = message.element().child("x", MUC_USER).orElse(null);
        boolean toFullJid = message.to() != null && !message.to().isBare();
        return !(x != null && toFullJid && x.child("invite", MUC_USER).isEmpty());
    }

    /**
     * The message as its recipient gets it: without {@code <private/>}, which was meant for the servers
     * (section 9, the receiving server SHOULD remove it). The same instance when there is none, the usual case.
     */
    public static Stanza withoutPrivate(Stanza message) {
        if (message.element().child("private", CarbonsModule.NAMESPACE).isEmpty()) {
            return message;
        }
        List<Node> kept = new ArrayList<>();
        for (Node child : message.element().children()) {
            if (!(child instanceof Element e && e.is("private", CarbonsModule.NAMESPACE))) {
                kept.add(child);
            }
        }
        return new Stanza(message.element().withChildren(kept));
    }

    private static boolean eligible(Stanza message) {
        boolean body = false;
        boolean imPayload = false;
        for (Element child : message.element().elements()) {
            String ns = child.namespace();
            if (ns.equals(CarbonsModule.NAMESPACE)) {
                // <private/> asks for no copies; <sent/> and <received/> are copies already, never copied again
                return false;
            }
            if (child.is("no-copy", HINTS)) {
                return false;
            }
            if (child.is("body", Namespaces.CLIENT)) {
                body = true;
            } else if (IM_PAYLOADS.contains(ns) || (child.is("x", MUC_USER) && child.child("invite", MUC_USER).isPresent())) {
                imPayload = true;
            }
        }
        String type = message.type() == null ? "normal" : message.type();
        return switch (type) {
            case "chat" -> true;
            // an error is copied as if it answered a copied message: correlating it would mean tracking every message
            case "error" -> true;
            case "normal" -> body || imPayload;
            default -> false; // groupchat (the room sends to every joined resource), headline
        };
    }
}
