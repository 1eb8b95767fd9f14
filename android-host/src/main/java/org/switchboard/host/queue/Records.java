package org.switchboard.host.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.switchboard.host.protocol.MediaRef;
import org.switchboard.host.radio.PartResult;

/** The journal's record types and their binary form (a type byte, then fields in a fixed order). */
final class Records {

    static final byte ACCEPTED = 1;
    static final byte DISPATCHED = 2;
    static final byte PART = 3;
    static final byte DONE = 4;
    static final byte EVENT = 5;
    static final byte ACKED = 6;
    static final byte SEEN = 7;

    private Records() {
    }

    static byte[] accepted(QueuedCommand command) {
        return write(ACCEPTED, out -> {
            out.writeUTF(command.id());
            out.writeUTF(command.kind().name());
            out.writeInt(command.subscriptionId().orElse(-1));
            out.writeInt(command.recipients().size());
            for (String recipient : command.recipients()) {
                out.writeUTF(recipient);
            }
            writeLong(out, command.body());
            out.writeLong(command.acceptedAt().toEpochMilli());
            // media last and only when there are any: records of a version without MMS end here and still read
            if (!command.media().isEmpty()) {
                out.writeInt(command.media().size());
                for (MediaRef media : command.media()) {
                    out.writeUTF(media.url());
                    out.writeUTF(media.type());
                    out.writeLong(media.size());
                }
            }
        });
    }

    static QueuedCommand readAccepted(DataInputStream in) throws IOException {
        String id = in.readUTF();
        QueuedCommand.Kind kind = QueuedCommand.Kind.valueOf(in.readUTF());
        int subscription = in.readInt();
        int count = in.readInt();
        List<String> recipients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            recipients.add(in.readUTF());
        }
        String body = readLong(in);
        Instant at = Instant.ofEpochMilli(in.readLong());
        List<MediaRef> media = new ArrayList<>();
        if (in.available() > 0) {
            int parts = in.readInt();
            if (parts < 0 || parts > 100) {
                throw new IOException(parts + " media in a record");
            }
            for (int i = 0; i < parts; i++) {
                media.add(new MediaRef(in.readUTF(), in.readUTF(), in.readLong()));
            }
        }
        return new QueuedCommand(id, kind, subscription < 0 ? OptionalInt.empty() : OptionalInt.of(subscription),
                recipients, body, at, media);
    }

    static byte[] dispatched(String id, int parts) {
        return write(DISPATCHED, out -> {
            out.writeUTF(id);
            out.writeInt(parts);
        });
    }

    static byte[] part(String id, int part, int parts, PartResult.State state) {
        return write(PART, out -> {
            out.writeUTF(id);
            out.writeInt(part);
            out.writeInt(parts);
            out.writeUTF(state.name());
        });
    }

    static byte[] done(String id) {
        return write(DONE, out -> out.writeUTF(id));
    }

    static byte[] event(long seq, String payload) {
        return write(EVENT, out -> {
            out.writeLong(seq);
            writeLong(out, payload);
        });
    }

    static byte[] acked(long seq) {
        return write(ACKED, out -> out.writeLong(seq));
    }

    static byte[] seen(String id, Instant at) {
        return write(SEEN, out -> {
            out.writeUTF(id);
            out.writeLong(at.toEpochMilli());
        });
    }

    static DataInputStream reader(byte[] record) {
        return new DataInputStream(new ByteArrayInputStream(record));
    }

    /** A string of any length (writeUTF stops at 64 KiB of encoded bytes). */
    static void writeLong(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readLong(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > Journal.MAX_RECORD) {
            throw new IOException("string of " + length + " bytes in a record");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(byte type, Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(type);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
    }
}
