/**
 * XEP-0045 multi-user chat at {@code conference.<domain>}, an internal component (ADR 0020, ADR 0014): rooms and
 * their configuration ({@code muc#roomconfig}), occupants and their presence, roles and affiliations
 * ({@code muc#admin}), room history served from the room's XEP-0313 archive with XEP-0359 stanza ids,
 * mediated and XEP-0249 direct invitations, XEP-0421 occupant ids and XEP-0410 self-ping, room avatars (vcard-temp
 * on the room's JID with XEP-0153 hashes in room presence, XEP-0486), and XEP-0357 pushes for members away from a
 * room (ADR 0017).
 */
package org.switchboard.xmpp.xep.muc;
