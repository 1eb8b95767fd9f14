package org.switchboard.xmpp.xep.upload;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Node;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

/** The error with an application-specific condition that XEP-0363 section 5 names. */
final class UploadErrors {

    private UploadErrors() {
    }

    /** {@code not-acceptable} with {@code <file-too-large><max-file-size>…}, so the client can tell its user the limit. */
    static Stanza fileTooLarge(Stanza iq, long maxBytes) {
        Stanza reply = iq.errorReply(StanzaError.NOT_ACCEPTABLE, "File too large. The maximum file size is " + maxBytes + " bytes");
        Element detail = Element.builder("file-too-large", UploadService.NAMESPACE)
                .textChild("max-file-size", Long.toString(maxBytes))
                .build();
        List<Node> children = new ArrayList<>();
        for (Node child : reply.element().children()) {
            if (child instanceof Element error && error.name().equals("error")) {
                children.add(error.toBuilder().child(detail).build());
            } else {
                children.add(child);
            }
        }
        return new Stanza(reply.element().withChildren(children));
    }
}
