package org.switchboard.xmpp.xep.muc;

/** The namespaces of XEP-0045 and the extensions the room speaks. */
final class Muc {

    static final String NAMESPACE = "http://jabber.org/protocol/muc";
    static final String USER = NAMESPACE + "#user";
    static final String ADMIN = NAMESPACE + "#admin";
    static final String OWNER = NAMESPACE + "#owner";
    static final String ROOMCONFIG = NAMESPACE + "#roomconfig";
    static final String ROOMINFO = NAMESPACE + "#roominfo";
    static final String REQUEST = NAMESPACE + "#request";
    static final String STABLE_ID = NAMESPACE + "#stable_id";
    static final String DIRECT_INVITE = "jabber:x:conference";
    static final String OCCUPANT_ID = "urn:xmpp:occupant-id:0";
    static final String PING = "urn:xmpp:ping";
    static final String DELAY = "urn:xmpp:delay";
    static final String VCARD = "vcard-temp";

    private Muc() {
    }
}
