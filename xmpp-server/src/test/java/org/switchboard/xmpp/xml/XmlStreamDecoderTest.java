package org.switchboard.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.StreamError;

class XmlStreamDecoderTest {

    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";

    private final EmbeddedChannel channel = new EmbeddedChannel(new XmlStreamDecoder(XmlLimits.DEFAULT));

    @Test
    void emitsOpenStanzasAndClose() {
        feed(HEADER + "<message to='romeo@example.com' id='m1'><body>hi &amp; bye</body></message> \n</stream:stream>");

        List<StreamEvent> events = events();
        assertThat(events).hasSize(3);
        StreamEvent.Open open = (StreamEvent.Open) events.get(0);
        assertThat(open.contentNamespace()).isEqualTo("jabber:client");
        assertThat(open.attribute("to")).isEqualTo("example.com");
        Element message = ((StreamEvent.TopLevel) events.get(1)).element();
        assertThat(message.namespace()).isEqualTo("jabber:client");
        assertThat(message.childText("body", "jabber:client")).isEqualTo("hi & bye");
        assertThat(events.get(2)).isInstanceOf(StreamEvent.Close.class);
    }

    @Test
    void byteByByteFeedGivesTheSameEvents() {
        String input = HEADER + "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>"
                + "<message><body>caf\u00e9 \uD83D\uDE00</body></message></stream:stream>";
        for (byte b : input.getBytes(StandardCharsets.UTF_8)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        List<StreamEvent> events = events();
        assertThat(events).hasSize(4);
        Element iq = ((StreamEvent.TopLevel) events.get(1)).element();
        assertThat(iq.child("ping", "urn:xmpp:ping")).isPresent();
        Element message = ((StreamEvent.TopLevel) events.get(2)).element();
        assertThat(message.childText("body", "jabber:client")).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }

    @Test
    void whitespaceKeepAlivesBetweenStanzasAreAccepted() {
        feed(HEADER);
        feed(" ");
        feed("\n\n ");
        feed("<presence/>");

        List<StreamEvent> events = events();
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOf(StreamEvent.TopLevel.class);
    }

    @Test
    void billionLaughsIsRestrictedXml() {
        feed("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
                + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>&lol3;");

        assertViolation(StreamError.RESTRICTED_XML);
    }

    @Test
    void externalEntityIsRestrictedXml() {
        feed("<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<message><body>&xxe;</body></message>");

        assertViolation(StreamError.RESTRICTED_XML);
    }

    @Test
    void undeclaredEntityReferenceInsideAStanzaIsRefused() {
        feed(HEADER + "<message><body>&xxe;</body></message>");

        List<StreamEvent> events = events();
        StreamEvent.Violation violation = (StreamEvent.Violation) events.get(events.size() - 1);
        assertThat(violation.error()).isIn(StreamError.RESTRICTED_XML, StreamError.NOT_WELL_FORMED);
        assertThat(events).noneMatch(e -> e instanceof StreamEvent.TopLevel);
    }

    @Test
    void commentsAndProcessingInstructionsAreRestrictedXml() {
        feed(HEADER + "<message><!-- hi --></message>");
        assertViolation(StreamError.RESTRICTED_XML);

        EmbeddedChannel second = new EmbeddedChannel(new XmlStreamDecoder(XmlLimits.DEFAULT));
        second.writeInbound(Unpooled.copiedBuffer(HEADER + "<?php evil() ?>", StandardCharsets.UTF_8));
        StreamEvent last = null;
        for (Object event; (event = second.readInbound()) != null; ) {
            last = (StreamEvent) event;
        }
        assertThat(last).isEqualTo(new StreamEvent.Violation(StreamError.RESTRICTED_XML, "processing instructions are not allowed"));
    }

    @Test
    void tenMegabyteStanzaIsAPolicyViolationAndStopsReading() {
        feed(HEADER + "<message><body>");
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 160; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }

        assertViolation(StreamError.POLICY_VIOLATION);
    }

    @Test
    void aStanzaJustUnderTheLimitIsAccepted() {
        feed(HEADER + "<message><body>" + "y".repeat(200 * 1024) + "</body></message>");

        List<StreamEvent> events = events();
        assertThat(events).hasSize(2);
        assertThat(((StreamEvent.TopLevel) events.get(1)).element().childText("body", "jabber:client")).hasSize(200 * 1024);
    }

    @Test
    void tenThousandNestedElementsIsAPolicyViolation() {
        feed(HEADER + "<message>" + "<a>".repeat(10_000));

        assertViolation(StreamError.POLICY_VIOLATION);
    }

    @Test
    void tooManyAttributesIsAPolicyViolation() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            attributes.append(" a").append(i).append("='v'");
        }
        feed(HEADER + "<message" + attributes + "/>");

        assertViolation(StreamError.POLICY_VIOLATION);
    }

    @Test
    void invalidUtf8IsNotWellFormed() {
        feed(HEADER + "<message><body>");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}));
        feed("</body></message>");

        assertViolation(StreamError.NOT_WELL_FORMED);
    }

    @Test
    void mismatchedTagsAreNotWellFormed() {
        feed(HEADER + "<message><body></message>");

        assertViolation(StreamError.NOT_WELL_FORMED);
    }

    @Test
    void wrongRootNamespaceIsInvalidNamespace() {
        feed("<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong'>");

        assertThat(assertViolation(StreamError.INVALID_NAMESPACE).text()).endsWith("not <stream xmlns='urn:wrong'>");
    }

    @Test
    void aStanzaBeforeTheStreamHeaderIsNamedInTheError() {
        feed("<iq type='result' id='late'/><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");

        assertThat(assertViolation(StreamError.INVALID_NAMESPACE).text()).endsWith("not <iq xmlns=''>");
    }

    @Test
    void nonUtf8EncodingIsUnsupported() {
        feed("<?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER.substring("<?xml version='1.0'?>".length()));

        assertViolation(StreamError.UNSUPPORTED_ENCODING);
    }

    @Test
    void textBetweenStanzasIsBadFormat() {
        feed(HEADER + "hello");
        feed("<presence/>");

        assertViolation(StreamError.BAD_FORMAT);
    }

    @Test
    void restartAcceptsANewStreamHeader() {
        XmlStreamDecoder decoder = new XmlStreamDecoder(XmlLimits.DEFAULT);
        EmbeddedChannel restarted = new EmbeddedChannel(decoder);
        restarted.writeInbound(Unpooled.copiedBuffer(HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", StandardCharsets.UTF_8));
        decoder.restart();
        restarted.writeInbound(Unpooled.copiedBuffer(HEADER + "<presence/>", StandardCharsets.UTF_8));

        List<Object> events = new ArrayList<>();
        for (Object event; (event = restarted.readInbound()) != null; ) {
            events.add(event);
        }
        assertThat(events).hasSize(4);
        assertThat(events.get(2)).isInstanceOf(StreamEvent.Open.class);
        assertThat(((StreamEvent.TopLevel) events.get(3)).element().name()).isEqualTo("presence");
    }

    @Test
    void plaintextPipelinedBehindARestartIsDropped() {
        XmlStreamDecoder decoder = new XmlStreamDecoder(XmlLimits.DEFAULT);
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel starttls = new EmbeddedChannel(decoder, new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
                if (msg instanceof StreamEvent.TopLevel top && top.element().name().equals("starttls")) {
                    decoder.restart();
                }
            }
        });

        // an attacker on the path appends a stanza to the client's STARTTLS request (the CVE-2011-0411 pattern)
        starttls.writeInbound(Unpooled.copiedBuffer(HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                + "<iq type='set' id='evil'><query xmlns='jabber:iq:roster'/></iq>", StandardCharsets.UTF_8));
        starttls.writeInbound(Unpooled.copiedBuffer(HEADER, StandardCharsets.UTF_8));

        assertThat(seen).hasSize(3);
        assertThat(((StreamEvent.TopLevel) seen.get(1)).element().name()).isEqualTo("starttls");
        assertThat(seen.get(2)).isInstanceOf(StreamEvent.Open.class);
    }

    private void feed(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private List<StreamEvent> events() {
        List<StreamEvent> events = new ArrayList<>();
        for (Object event; (event = channel.readInbound()) != null; ) {
            events.add((StreamEvent) event);
        }
        return events;
    }

    private StreamEvent.Violation assertViolation(StreamError expected) {
        List<StreamEvent> events = events();
        assertThat(events).isNotEmpty();
        StreamEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOf(StreamEvent.Violation.class);
        assertThat(((StreamEvent.Violation) last).error()).as(((StreamEvent.Violation) last).text()).isEqualTo(expected);
        assertThat(events.stream().filter(e -> e instanceof StreamEvent.Violation)).hasSize(1);
        return (StreamEvent.Violation) last;
    }
}
