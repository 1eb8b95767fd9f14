package org.switchboard.xmpp.module;

/** Where a message or presence is on its way through the server when a module sees it. */
public enum Flow {
    /** Sent by a local client session ({@link ModuleContext#sessionJid()}), before it is routed. */
    OUTBOUND,
    /** Addressed to a local account (its bare or a full JID), before delivery to the account's sessions. */
    INBOUND,
    /** Addressed to the server's own domain. */
    SERVER
}
