package org.switchboard.xmpp.im.message;

import java.util.List;
import java.util.Optional;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * The delivery rules of RFC 6121 section 8.5 for a message to an existing local account, as a pure
 * decision over the account's sessions.
 */
public final class MessageRouting {

    /** What to do with one message. */
    public sealed interface Decision {
        record Deliver(List<ClientSession> sessions) implements Decision {
        }

        /** No resource can take it now: offline storage (XEP-0160). */
        record StoreOffline() implements Decision {
        }

        record Refuse(StanzaError error) implements Decision {
        }

        record Drop() implements Decision {
        }
    }

    private MessageRouting() {
    }

    /**
     * @param type     the message type, null meaning {@code normal}
     * @param to       the bare or full JID it is addressed to
     * @param addressed the session of {@code to} when it is a full JID of a connected resource
     * @param sessions all sessions of the account
     */
    public static Decision decide(String type, Jid to, Optional<ClientSession> addressed, List<ClientSession> sessions) {
        String kind = type == null ? "normal" : type;
        if (!to.isBare()) {
            if (addressed.isPresent()) {
                return new Decision.Deliver(List.of(addressed.get()));   // section 8.5.3.1
            }
            // section 8.5.3.2.1: no such resource
            if (kind.equals("groupchat")) {
                return new Decision.Refuse(StanzaError.SERVICE_UNAVAILABLE);
            }
            if (!kind.equals("normal") && !kind.equals("chat")) {
                return new Decision.Drop();
            }
        }
        // section 8.5.2.1.1 (bare JID, or a full JID handled as bare)
        List<ClientSession> candidates = sessions.stream()
                .filter(session -> session.presence().available() && session.presence().priority() >= 0)
                .toList();
        return switch (kind) {
            case "error" -> new Decision.Drop();
            case "groupchat" -> new Decision.Refuse(StanzaError.SERVICE_UNAVAILABLE);
            case "headline" -> candidates.isEmpty() ? new Decision.Drop() : new Decision.Deliver(candidates);
            default -> candidates.isEmpty() ? new Decision.StoreOffline() : new Decision.Deliver(highestPriority(candidates));
        };
    }

    /** Chat and normal messages go to the most available resources: all of those sharing the highest priority. */
    private static List<ClientSession> highestPriority(List<ClientSession> candidates) {
        int highest = candidates.stream().mapToInt(s -> s.presence().priority()).max().orElse(0);
        return candidates.stream().filter(s -> s.presence().priority() == highest).toList();
    }
}
