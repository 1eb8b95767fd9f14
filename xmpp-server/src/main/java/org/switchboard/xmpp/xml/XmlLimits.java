package org.switchboard.xmpp.xml;

/**
 * Hard limits on what a peer may send, enforced by {@link XmlStreamParser} from the first byte on.
 *
 * @param maxStanzaBytes bytes of one top-level element (or of a stream header, or of anything between
 *                       two stanzas), give or take one read slice of {@link XmlStreamParser#SLICE_BYTES}
 * @param maxDepth       element nesting below {@code <stream:stream>}; the stanza itself is depth 1
 * @param maxAttributes  attributes (not counting namespace declarations) on one element
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes) {

    public static final XmlLimits DEFAULT = new XmlLimits(256 * 1024, 64, 64);

    public XmlLimits {
        if (maxStanzaBytes < 1024 || maxDepth < 4 || maxAttributes < 4) {
            throw new IllegalArgumentException("XML limits are too small to carry XMPP: " + maxStanzaBytes
                    + " bytes, depth " + maxDepth + ", " + maxAttributes + " attributes");
        }
    }
}
