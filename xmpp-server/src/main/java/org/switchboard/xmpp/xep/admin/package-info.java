/**
 * XEP-0133: Service Administration — add-user, delete-user and change-user-password as ad-hoc commands,
 * for accounts with the {@code admin} role only, each recorded in the audit log with protocol "xmpp".
 */
package org.switchboard.xmpp.xep.admin;
