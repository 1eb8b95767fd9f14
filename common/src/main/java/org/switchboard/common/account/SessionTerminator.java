package org.switchboard.common.account;

/**
 * Ends the live sessions of an account at once, for changes that must not wait for a session to end on
 * its own (deletion, new credentials). Each protocol running in this process provides one; callers run
 * all of them, so a change reaches every protocol.
 */
public interface SessionTerminator {

    /** Why the sessions end; each protocol maps it to its own closing condition. */
    enum Reason {
        /** The account is gone: the client must not try again with the same credentials. */
        ACCOUNT_DELETED,
        /** The account's password changed: a client holding the new one may reconnect. */
        CREDENTIALS_CHANGED
    }

    /** Ends every session of {@code localpart} on this protocol; nothing happens if it has none. */
    void endSessions(String localpart, Reason reason);
}
