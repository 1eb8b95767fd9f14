package org.switchboard.xmpp.xep.mam;

import java.time.Instant;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * One message as it goes into one account's archive.
 *
 * @param owner    the bare JID of the archive's account
 * @param stanzaId the id clients see for this entry ({@code <stanza-id by=owner>}, the MAM result id)
 * @param with     the other party (sender of an incoming, recipient of an outgoing message)
 * @param outgoing whether the owner sent it
 * @param message  the message as the owner's clients see it, with the owner's stanza-id
 */
record ArchiveEntry(Jid owner, String stanzaId, Jid with, boolean outgoing, Instant at, Stanza message) {
}
