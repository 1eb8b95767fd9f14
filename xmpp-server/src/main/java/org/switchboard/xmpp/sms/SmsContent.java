package org.switchboard.xmpp.sms;

import java.util.Map;
import java.util.Optional;
import org.switchboard.xmpp.stanza.Element;

/**
 * What of a person's message an SMS cannot carry. Clients put a human-readable fallback into the body of
 * messages whose meaning is elsewhere (an OMEMO message's "I sent you an OMEMO encrypted message…", a
 * retraction's "This person attempted to retract a previous message…"). Sent as a text, that fallback would
 * reach the other phone as words the person never wrote, and the action itself would silently not happen.
 * Such messages are refused with an error that says why, and nothing is queued.
 *
 * <p>Replies (XEP-0461) are sent with their quote: the quote is a fallback for clients, and on a phone it is
 * the only context the reader gets. Corrections (XEP-0308) leave as a new text, since a text cannot be
 * changed once sent (docs/sms.md).
 */
final class SmsContent {

    /** Encrypted payloads by {@code namespace} and element name, with the method's name for the error text. */
    private static final Map<String, String> ENCRYPTED = Map.of(
            "eu.siacs.conversations.axolotl encrypted", "OMEMO",
            "urn:xmpp:omemo:2 encrypted", "OMEMO",
            "urn:xmpp:openpgp:0 openpgp", "OpenPGP",
            "jabber:x:encrypted x", "legacy OpenPGP");
    /** XEP-0380: names the encryption of a message whose body is only a fallback. */
    private static final String EME = "urn:xmpp:eme:0";
    private static final String RETRACT = "urn:xmpp:message-retract:1";
    /** XEP-0424 before version 0.4: a retraction fastened to the message (XEP-0422). */
    private static final String RETRACT_0 = "urn:xmpp:message-retract:0";
    private static final String FASTEN = "urn:xmpp:fasten:0";
    private static final String REACTIONS = "urn:xmpp:reactions:0";

    /** Why the gateway turns a message away, and with which error. */
    record Refusal(GatewayReplies reply, String why) {
    }

    private SmsContent() {
    }

    /** Empty when an SMS can carry the message (or what is left of it when it has no body, which is dropped). */
    static Optional<Refusal> refusal(Element message) {
        for (Element child : message.elements()) {
            String method = ENCRYPTED.get(child.namespace() + " " + child.name());
            if (method == null && child.is("encryption", EME)) {
                method = child.attribute("name") != null ? child.attribute("name") : String.valueOf(child.attribute("namespace"));
            }
            if (method != null) {
                return Optional.of(new Refusal(GatewayReplies.NOT_ACCEPTABLE, "an SMS cannot carry an end-to-end encrypted message ("
                        + method + "): the phone would send its fallback text; send it unencrypted"));
            }
            if (child.is("retract", RETRACT) || child.is("apply-to", FASTEN) && child.child("retract", RETRACT_0).isPresent()) {
                return Optional.of(new Refusal(GatewayReplies.NOT_IMPLEMENTED,
                        "an SMS cannot be taken back once it was sent; nothing was sent to the phone"));
            }
            if (child.is("reactions", REACTIONS)) {
                return Optional.of(new Refusal(GatewayReplies.NOT_IMPLEMENTED,
                        "an SMS cannot carry a reaction (XEP-0444); nothing was sent to the phone"));
            }
        }
        return Optional.empty();
    }
}
