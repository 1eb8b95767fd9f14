/**
 * XEP-0398: User Avatar to vCard-Based Avatars Conversion — the XEP-0084 avatar an account publishes on PEP
 * becomes the PHOTO of its vCard-temp (XEP-0054, read by XEP-0153 clients and in MUC), and a vCard PHOTO set by
 * an older client is published as XEP-0084 data and metadata. vCards are public, so an avatar goes to the vCard
 * only from an {@code open} data node (section 6). A conversion is published with an id of its own, which the
 * opposite direction ignores, so the two never feed each other. Section 4: every available presence an account
 * sends carries the XEP-0153 hash of its vCard photo ({@link org.switchboard.xmpp.xep.avatarconversion.PresencePhoto}),
 * known in memory ({@link org.switchboard.xmpp.xep.avatarconversion.AvatarHashes}).
 */
package org.switchboard.xmpp.xep.avatarconversion;
