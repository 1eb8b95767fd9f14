/**
 * XEP-0045 multi-user chat at {@code conference.<domain>}, an internal component (ADR 0020, ADR 0014): rooms and
 * their configuration ({@code muc#roomconfig}), occupants and their presence, roles and affiliations
 * ({@code muc#admin}), room history served from the room's XEP-0313 archive with XEP-0359 stanza ids,
 * mediated and XEP-0249 direct invitations, XEP-0421 occupant ids and XEP-0410 self-ping.
 */
package org.switchboard.xmpp.xep.muc;
