package org.switchboard.xmpp.stanza;

/** A piece of XML content: an {@link Element} or a run of {@link Text}. */
public sealed interface Node permits Element, Text {
}
