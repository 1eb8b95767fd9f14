/**
 * XEP-0402 (PEP Native Bookmarks) section 5.3 compatibility with XEP-0048 (Bookmarks) kept in XEP-0049 private XML
 * storage: one set of conference bookmarks, read and written both ways. The conferences live as the items of the
 * account's {@code urn:xmpp:bookmarks:1} PEP node; the rest of the {@code storage:bookmarks} document (URL
 * bookmarks, foreign elements) stays in private storage. A private-storage set publishes and retracts PEP items
 * through the PEP service, so the account's other clients are notified; a private-storage get assembles the
 * document from both.
 *
 * <p>Announced as {@code urn:xmpp:bookmarks:1#compat}. XEP-0411 (Bookmarks Conversion, deprecated in favour of
 * XEP-0402) is done too ({@link LegacyPep}, {@code urn:xmpp:bookmarks-conversion:0}): the whole document is kept as
 * the item {@code current} of the PEP node {@code storage:bookmarks}, and a publish there is stored as a
 * private-storage set. The conversion's own requests carry their own ids and are never converted back.
 */
package org.switchboard.xmpp.xep.bookmarksconversion;
