package org.switchboard.common.account;

/**
 * Something that happened to an account which every protocol must act on at once (DESIGN.md: "a change to
 * an account takes effect at once on every protocol"). Published by the {@link AccountStore} after it is
 * committed, whoever made it: the REST API, an XMPP admin command, the owner.
 *
 * @param localpart the account's (normalized) name
 * @param kind      what changed
 */
public record AccountChange(String localpart, Kind kind) {

    public enum Kind {
        /** Locked by an administrator: every session ends, no new login. */
        LOCKED,
        /** Gone, with everything it owned (host accounts of a person are deleted with it). */
        DELETED,
        /** Every credential was replaced: sessions opened with the old password end. */
        PASSWORD_CHANGED,
        /** Roles changed: what a session may do is checked per request, so sessions stay. */
        ROLES_CHANGED
    }
}
