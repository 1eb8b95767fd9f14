package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xml.StreamEvent;

/**
 * XEP-0288 on a stream this server opens (ADR 0054), driven without a socket: the peer's features and stanzas are fed
 * in, what this server writes is recorded. It asks for a bidirectional stream only of a peer whose certificate proves
 * its domain; the peer's stanzas then reach the owner one at a time, the connection unread while one is handled; an
 * {@code <r/>} is answered only after the stanzas before it were handled; and a stanza from another domain, or for
 * another of ours, ends the stream.
 */
class OutgoingStreamBidiTest {

    private static final String LOCAL = "here.example";
    private static final String REMOTE = "far.example";

    private final RecordingOwner owner = new RecordingOwner();
    private final RecordingTransport connection = new RecordingTransport();
    private PeerPolicy policy;
    private OutgoingStream stream;

    @BeforeEach
    void setUp() throws Exception {
        Path dir = Files.createTempDirectory("outgoing-bidi");
        TestCa ca = new TestCa("Outgoing Bidi Test CA");
        TestCa.Issued remote = ca.issue(REMOTE, dir);
        connection.chain = List.of(remote.leaf(), remote.ca());
        policy = new PeerPolicy(new LocalDomains(LOCAL, domain -> false), PeerCertificates.load(ca.writeCertificate(dir.resolve("ca.pem"))),
                true, new DialbackKeys(new byte[32]), new DomainPolicy(Set.of(), Set.of()));
        stream = new OutgoingStream(new OutgoingLink(LOCAL, REMOTE, 10, owner), policy, connection);
        stream.start();
        stream.handle(new StreamEvent.Open(Map.of("id", "s1"), Namespaces.SERVER));
    }

    @Test
    void aPeerWhoseCertificateProvesItsDomainIsAskedAndItsStanzasAreHandledInTurn() {
        authenticate();
        assertThat(connection.written).contains("<bidi xmlns='urn:xmpp:bidi'/>");

        stream.handle(top(message(REMOTE, LOCAL, "1")));
        stream.handle(top(message(REMOTE, LOCAL, "2")));
        stream.handle(top(Element.of("r", OutgoingAcks.NAMESPACE)));
        assertThat(owner.received).extracting(s -> s.element().attribute("id")).containsExactly("1");
        assertThat(owner.received.get(0).element().namespace()).isEqualTo(Namespaces.CLIENT);
        assertThat(connection.paused).as("not read while a stanza is handled").isTrue();
        assertThat(connection.written).noneMatch(xml -> xml.startsWith("<a "));

        owner.handling.get(0).tryEmitEmpty();
        assertThat(owner.received).hasSize(2);
        assertThat(connection.written).noneMatch(xml -> xml.startsWith("<a "));
        owner.handling.get(1).tryEmitEmpty();
        assertThat(connection.written).contains("<a xmlns='urn:xmpp:sm:3' h='2'/>");
        assertThat(connection.paused).isFalse();
        assertThat(connection.closed).isFalse();
    }

    @Test
    void aStanzaFromAnotherDomainEndsTheStreamWithInvalidFrom() {
        authenticate();
        stream.handle(top(message("elsewhere.example", LOCAL, "x")));
        assertThat(String.join("", connection.written)).contains("<invalid-from ");
        assertThat(connection.closed).isTrue();
        assertThat(owner.received).isEmpty();
    }

    @Test
    void aStanzaForAnotherDomainThanTheLinksEndsTheStream() {
        authenticate();
        stream.handle(top(message(REMOTE, "other.example", "x")));
        assertThat(String.join("", connection.written)).contains("<host-unknown ");
        assertThat(owner.received).isEmpty();
    }

    @Test
    void aPeerWithoutACertificateForItsDomainIsNotAskedAndItsStanzasAreIgnored() {
        connection.chain = List.of();
        stream.handle(top(features(true, false)));
        assertThat(connection.written).noneMatch(xml -> xml.contains("urn:xmpp:bidi"));
        assertThat(connection.written).anyMatch(xml -> xml.startsWith("<db:result"));
    }

    /** Features offering XEP-0288 and SASL EXTERNAL, EXTERNAL's success, and the restarted stream's features. */
    private void authenticate() {
        stream.handle(top(features(true, true)));
        assertThat(connection.written).anyMatch(xml -> xml.contains("mechanism='EXTERNAL'"));
        stream.handle(top(Element.of("success", Namespaces.SASL)));
        stream.handle(new StreamEvent.Open(Map.of("id", "s2"), Namespaces.SERVER));
        stream.handle(top(features(false, false)));
    }

    private static Element features(boolean bidi, boolean external) {
        var features = Element.builder("features", Namespaces.STREAM);
        if (bidi) {
            features.child(Element.of("bidi", S2sNamespaces.BIDI_FEATURE));
        }
        if (external) {
            features.child(Element.builder("mechanisms", Namespaces.SASL).textChild("mechanism", "EXTERNAL").build());
        }
        return features.build();
    }

    private static Element message(String fromDomain, String toDomain, String id) {
        return Element.builder("message", Namespaces.SERVER).attribute("id", id).attribute("from", "bob@" + fromDomain + "/r")
                .attribute("to", "alice@" + toDomain).textChild("body", "hi").build();
    }

    private static StreamEvent top(Element element) {
        return new StreamEvent.TopLevel(element);
    }
}
