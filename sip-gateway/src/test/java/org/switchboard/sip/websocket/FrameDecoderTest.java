package org.switchboard.sip.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6455 section 5 framing from a client, well-formed and hostile. */
class FrameDecoderTest {

    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    /** A client frame: masked, with the shortest length encoding unless {@code header} says otherwise. */
    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        }
        out.writeBytes(MASK);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ MASK[i & 3]);
        }
        return out.toByteArray();
    }

    @Test
    void framesSplitAnywhereAndPipelinedComeOutWhole() throws Exception {
        byte[] first = frame(true, FrameDecoder.TEXT, "REGISTER one".getBytes(StandardCharsets.UTF_8));
        byte[] second = frame(true, FrameDecoder.BINARY, new byte[300]);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        byte[] stream = both.toByteArray();
        for (int split = 1; split < stream.length; split += 7) {
            FrameDecoder decoder = new FrameDecoder(16 * 1024);
            List<FrameDecoder.Frame> frames = new java.util.ArrayList<>(decoder.add(stream, 0, split));
            frames.addAll(decoder.add(stream, split, stream.length - split));
            assertThat(frames).hasSize(2);
            assertThat(new String(frames.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("REGISTER one");
            assertThat(frames.get(1).payload()).hasSize(300);
        }
    }

    @Test
    void fragmentsAreJoinedAndAPingInBetweenComesThrough() throws Exception {
        byte[] start = frame(false, FrameDecoder.TEXT, "ab".getBytes());
        FrameDecoder decoder = new FrameDecoder(1024);
        assertThat(decoder.add(start, 0, start.length)).isEmpty();
        byte[] ping = frame(true, FrameDecoder.PING, "p".getBytes());
        assertThat(decoder.add(ping, 0, ping.length)).extracting(FrameDecoder.Frame::opcode).containsExactly(FrameDecoder.PING);
        byte[] end = frame(true, FrameDecoder.CONTINUATION, "cd".getBytes());
        List<FrameDecoder.Frame> frames = decoder.add(end, 0, end.length);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).opcode()).isEqualTo(FrameDecoder.TEXT);
        assertThat(new String(frames.get(0).payload())).isEqualTo("abcd");
    }

    @Test
    void anAnnouncedHugeFrameIsRefusedBeforeItsPayloadArrives() {
        FrameDecoder decoder = new FrameDecoder(16 * 1024);
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00};
        assertThatThrownBy(() -> decoder.add(header, 0, header.length))
                .isInstanceOfSatisfying(FrameDecoder.Violation.class, v -> assertThat(v.code).isEqualTo(FrameDecoder.TOO_BIG));
        byte[] negative = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        assertThatThrownBy(() -> new FrameDecoder(1024).add(negative, 0, negative.length))
                .isInstanceOfSatisfying(FrameDecoder.Violation.class, v -> assertThat(v.code).isEqualTo(FrameDecoder.PROTOCOL_ERROR));
    }

    @Test
    void fragmentsTogetherLargerThanTheLimitAreRefused() throws Exception {
        FrameDecoder decoder = new FrameDecoder(200);
        byte[] part = frame(false, FrameDecoder.TEXT, new byte[150]);
        decoder.add(part, 0, part.length);
        byte[] more = frame(false, FrameDecoder.CONTINUATION, new byte[60]);
        assertThatThrownBy(() -> decoder.add(more, 0, more.length))
                .isInstanceOfSatisfying(FrameDecoder.Violation.class, v -> assertThat(v.code).isEqualTo(FrameDecoder.TOO_BIG));
    }

    @Test
    void framesAClientMustNotSendAreProtocolErrors() {
        byte[] unmasked = {(byte) 0x81, 0x01, 'a'};
        byte[] reserved = frame(true, FrameDecoder.TEXT, "a".getBytes());
        reserved[0] |= 0x40;
        byte[] unknown = frame(true, 0x3, "a".getBytes());
        byte[] longPing = frame(true, FrameDecoder.PING, new byte[126]);
        byte[] fragmentedClose = frame(false, FrameDecoder.CLOSE, new byte[2]);
        byte[] lonelyContinuation = frame(true, FrameDecoder.CONTINUATION, "a".getBytes());
        for (byte[] bad : List.of(unmasked, reserved, unknown, longPing, fragmentedClose, lonelyContinuation)) {
            assertThatThrownBy(() -> new FrameDecoder(1024).add(bad, 0, bad.length))
                    .isInstanceOfSatisfying(FrameDecoder.Violation.class, v -> assertThat(v.code).isEqualTo(FrameDecoder.PROTOCOL_ERROR));
        }
    }

    @Test
    void serverFramesAreUnmaskedWithTheShortestLength() {
        assertThat(Frames.encode(FrameDecoder.TEXT, new byte[5])).hasSize(7).startsWith((byte) 0x81, (byte) 5);
        assertThat(Frames.encode(FrameDecoder.TEXT, new byte[300])).hasSize(304).startsWith((byte) 0x81, (byte) 126, (byte) 1, (byte) 44);
        assertThat(Frames.encode(FrameDecoder.BINARY, new byte[70_000])).hasSize(70_010).startsWith((byte) 0x82, (byte) 127);
    }
}
