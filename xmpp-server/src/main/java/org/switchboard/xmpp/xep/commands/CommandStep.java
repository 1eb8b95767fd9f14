package org.switchboard.xmpp.xep.commands;

import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/** What a command answers: a form to fill in, a completion with a note, or an error. */
public sealed interface CommandStep {

    /** The command needs input; the client submits this form with {@code next} or {@code complete}. */
    record NeedsInput(DataForm form) implements CommandStep {
    }

    record Completed(String note) implements CommandStep {
    }

    record Failed(StanzaError error, String text) implements CommandStep {
    }
}
