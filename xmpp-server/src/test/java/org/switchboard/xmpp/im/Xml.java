package org.switchboard.xmpp.im;

import org.switchboard.xmpp.im.storage.StoredXml;
import org.switchboard.xmpp.stanza.Stanza;

/** Stanzas for tests written as the XML a client would send (in the jabber:client namespace). */
public final class Xml {

    private Xml() {
    }

    public static Stanza stanza(String xml) {
        return new Stanza(StoredXml.read(xml));
    }
}
