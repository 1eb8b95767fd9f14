package org.switchboard.sip.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection's protocol state: first the opening handshake, then frames. Bytes go in through
 * {@link #receive}; what that means for the connection comes out through a {@link Wire}.
 */
final class WebSocketSession {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
    private static final int NORMAL = 1000;

    /** What the session does to its connection. */
    interface Wire {
        /** Sends bytes as they are (the handshake answer, control frames). */
        void sendRaw(byte[] bytes) throws Exception;

        /** Hands one whole SIP message to the stack's parser. */
        void deliver(byte[] message) throws Exception;

        /** Ends the connection at once. */
        void close();
    }

    private final FrameDecoder decoder;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean open;
    private boolean closed;

    WebSocketSession(int maxMessageBytes) {
        this.decoder = new FrameDecoder(maxMessageBytes);
    }

    synchronized void receive(byte[] bytes, Wire wire) throws Exception {
        if (closed) {
            return;
        }
        if (!open) {
            handshake(bytes, wire);
            return;
        }
        frames(bytes, 0, bytes.length, wire);
    }

    private void handshake(byte[] bytes, Wire wire) throws Exception {
        int before = head.size();
        head.write(bytes, 0, bytes.length);
        byte[] sofar = head.toByteArray();
        int end = -1;
        for (int i = Math.max(0, before - 3); i + 3 < sofar.length; i++) {
            if (sofar[i] == '\r' && sofar[i + 1] == '\n' && sofar[i + 2] == '\r' && sofar[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (sofar.length > Handshake.MAX_BYTES) {
                end(wire, Handshake.tooLarge().response(), "request head too large");
            }
            return;
        }
        Handshake.Answer answer = end > Handshake.MAX_BYTES ? Handshake.tooLarge()
                : Handshake.answer(new String(sofar, 0, end, StandardCharsets.ISO_8859_1));
        if (!answer.accepted()) {
            end(wire, answer.response(), "handshake refused");
            return;
        }
        wire.sendRaw(answer.response());
        open = true;
        head.reset();
        if (end + 4 < sofar.length) {
            frames(sofar, end + 4, sofar.length - end - 4, wire);
        }
    }

    private void frames(byte[] bytes, int offset, int length, Wire wire) throws Exception {
        try {
            for (FrameDecoder.Frame frame : decoder.add(bytes, offset, length)) {
                switch (frame.opcode()) {
                    case FrameDecoder.TEXT, FrameDecoder.BINARY -> message(frame, wire);
                    case FrameDecoder.PING -> wire.sendRaw(Frames.encode(FrameDecoder.PONG, frame.payload()));
                    case FrameDecoder.CLOSE -> {
                        end(wire, Frames.close(NORMAL), "closed by the client");
                        return;
                    }
                    default -> { }   // an unsolicited pong
                }
            }
        } catch (FrameDecoder.Violation violation) {
            end(wire, Frames.close(violation.code), violation.getMessage());
        }
    }

    private void message(FrameDecoder.Frame frame, Wire wire) throws Exception {
        byte[] message = frame.payload();
        if (frame.opcode() == FrameDecoder.TEXT && !isUtf8(message)) {
            throw new FrameDecoder.Violation(FrameDecoder.INVALID_DATA, "text message that is not UTF-8");
        }
        if (SipFraming.isKeepAlive(message)) {
            return;
        }
        String problem = SipFraming.problem(message);
        if (problem != null) {
            log.debug("WebSocket message of {} bytes dropped: {}", message.length, problem);
            return;
        }
        wire.deliver(message);
    }

    private void end(Wire wire, byte[] last, String why) {
        closed = true;
        log.debug("SIP WebSocket connection ends: {}", why);
        try {
            wire.sendRaw(last);
        } catch (Exception e) {
            log.debug("cannot send the last bytes before closing: {}", e.toString());
        }
        Linger.thenClose(wire::close);
    }

    /** What the server sends: a text frame when the message is UTF-8 (as SIP almost always is), else binary. */
    static byte[] frame(byte[] message) {
        return Frames.encode(isUtf8(message) ? FrameDecoder.TEXT : FrameDecoder.BINARY, message);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
