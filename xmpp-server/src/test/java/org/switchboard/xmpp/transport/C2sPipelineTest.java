package org.switchboard.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.metrics.XmppMetrics;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.sasl.UnknownUserCredentials;
import org.switchboard.xmpp.session.SessionRegistry;
import org.switchboard.xmpp.stream.C2sStream;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.xmpp.stream.StreamDependencies;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.xep.register.InBandRegistration;
import org.switchboard.xmpp.xep.register.RegistrationLimit;
import org.switchboard.xmpp.xml.XmlLimits;
import org.switchboard.xmpp.xml.XmlStreamDecoder;

/**
 * Hostile and early input through the real decoder and client stream state machine, without a socket:
 * every case must end in the stream error RFC 6120 names, then {@code </stream:stream>} and a close.
 */
class C2sPipelineTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";

    private final RecordingTransport transport = new RecordingTransport();
    private final ConnectionLimiter limiter = new ConnectionLimiter(2, 1000);
    private final Set<XmppStream> active = ConcurrentHashMap.newKeySet();

    private EmbeddedChannel connect() {
        return connect(IdleTimes.closeAfter(Duration.ofMinutes(10)));
    }

    private EmbeddedChannel connect(IdleTimes idle) {
        StreamDependencies deps = new StreamDependencies("example.com", true, null, null, new UnknownUserCredentials(4096),
                limiter, Duration.ofSeconds(30), new SessionRegistry(), null, null, new ModuleRegistry(List.of()), null, null,
                new InBandRegistration(false, null), new RegistrationLimit(1, Clock.systemUTC()),
                new XmppMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0), null);
        return new EmbeddedChannel(new XmlStreamDecoder(XmlLimits.DEFAULT),
                new StreamChannelHandler(new C2sStream(transport, deps), active, idle));
    }

    private void send(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private void assertEndedWith(String condition) {
        assertThat(transport.written.toString())
                .contains("<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>")
                .endsWith("</stream:stream>");
        assertThat(transport.closed).isTrue();
    }

    @Test
    void aClientThatDoesNotFinishNegotiatingInTimeIsCutWhateverItSends() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER);
        send(channel, " ");

        assertThat(transport.timers).singleElement().satisfies(timer -> assertThat(timer.delay).isEqualTo(Duration.ofSeconds(30)));
        transport.timers.get(0).fire();

        assertEndedWith("connection-timeout");
        assertThat(transport.written.toString()).contains("not finished within 30 s");
        channel.close();
        assertThat(limiter.tryAcquire("192.0.2.7")).as("both places free again").isNull();
        assertThat(limiter.tryAcquire("192.0.2.7")).isNull();
    }

    @Test
    void theNegotiationDeadlineIsCancelledWhenTheConnectionEnds() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + "</stream:stream>");
        assertThat(transport.closed).isTrue();
        channel.close();

        assertThat(transport.timers).singleElement().satisfies(timer -> assertThat(timer.cancelled).isTrue());
    }

    @Test
    void headerIsAnsweredWithStarttlsRequired() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER);

        assertThat(transport.written.toString()).startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:client'")
                .contains("from='example.com'")
                .endsWith("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");
        assertThat(transport.closed).isFalse();
    }

    @Test
    void starttlsIsAnsweredWithProceedAndARestart() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");

        assertThat(transport.written.toString()).endsWith("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        assertThat(transport.secure).isTrue();
        assertThat(transport.parserRestarts).isEqualTo(1);
    }

    @Test
    void stanzaBeforeTlsIsAPolicyViolation() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + "<message to='romeo@example.com'><body>hi</body></message>");

        assertEndedWith("policy-violation");
    }

    @Test
    void saslWithoutTlsIsRefused() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldABwdw==</auth>");

        assertEndedWith("policy-violation");
    }

    @Test
    void billionLaughsGetsRestrictedXmlEvenBeforeAHeader() {
        EmbeddedChannel channel = connect();
        send(channel, "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;&lol;'>]>"
                + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>&lol2;");

        // a header of our own goes first, so the error is inside a stream (RFC 6120 section 4.9.1.1)
        assertThat(transport.written.toString()).startsWith("<?xml version='1.0'?><stream:stream");
        assertEndedWith("restricted-xml");
    }

    @Test
    void externalEntityGetsRestrictedXml() {
        EmbeddedChannel channel = connect();
        send(channel, "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + HEADER.substring(21));

        assertEndedWith("restricted-xml");
    }

    @Test
    void tenMegabyteStanzaGetsPolicyViolation() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + "<message><body>");
        byte[] megabyte = "A".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(megabyte));
        }

        assertEndedWith("policy-violation");
    }

    @Test
    void tenThousandNestedElementsGetPolicyViolation() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + "<message>" + "<x>".repeat(10_000));

        assertEndedWith("policy-violation");
    }

    @Test
    void invalidUtf8GetsNotWellFormed() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'<', 'a', (byte) 0xFF, (byte) 0xFE, '/', '>'}));

        assertEndedWith("not-well-formed");
    }

    @Test
    void wrongContentNamespaceIsInvalidNamespace() {
        EmbeddedChannel channel = connect();
        send(channel, "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>");

        assertEndedWith("invalid-namespace");
    }

    @Test
    void unknownHostIsHostUnknown() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER.replace("to='example.com'", "to='elsewhere.org'"));

        assertEndedWith("host-unknown");
    }

    @Test
    void idleConnectionGetsConnectionTimeout() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

        assertEndedWith("connection-timeout");
    }

    @Test
    void quietNoticesAddUpToTheIdleClose() {
        EmbeddedChannel channel = connect(new IdleTimes(Duration.ofMinutes(1), Duration.ofMinutes(3)));
        send(channel, HEADER);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        // two minutes of silence: quiet (nothing to ping before a resource is bound), not closed
        assertThat(transport.closed).isFalse();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEndedWith("connection-timeout");
    }

    @Test
    void inputInBetweenStartsTheCountAgain() {
        EmbeddedChannel channel = connect(new IdleTimes(Duration.ofMinutes(1), Duration.ofMinutes(2)));
        send(channel, HEADER);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(transport.closed).isFalse();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertEndedWith("connection-timeout");
    }

    @Test
    void peerClosingItsStreamIsAnsweredWithOurClose() {
        EmbeddedChannel channel = connect();
        send(channel, HEADER + " </stream:stream>");

        assertThat(transport.written.toString()).endsWith("</stream:features></stream:stream>");
        assertThat(transport.closed).isTrue();
    }

    @Test
    void tooManyUnauthenticatedConnectionsFromOneAddressAreRefused() {
        connect();
        connect();
        assertThat(transport.closed).isFalse();

        EmbeddedChannel third = connect();
        send(third, HEADER);

        assertEndedWith("policy-violation");
        assertThat(transport.written.toString()).contains("too many unauthenticated connections");
    }

    @Test
    void closingAConnectionReleasesItsPermit() {
        EmbeddedChannel first = connect();
        connect();
        first.close();

        connect();
        assertThat(transport.closed).isFalse();
    }
}
