package org.switchboard.host.mms;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;
import org.switchboard.host.radio.InboundMms;
import org.switchboard.host.radio.MediaPart;

/**
 * Incoming MMS kept on the device until the gateway has them: one directory per message under
 * {@code <data dir>/inbound-mms/}, named by arrival time and the message's id (a UUID: the {@code inbound} id the
 * gateway deduplicates by). Its files are written and synced under a temporary name and the directory is renamed
 * into place, so a message is there whole or not at all; the URL of each part is added, synced, once uploaded.
 * The journal would hold media too (a record takes up to 1 MiB) but every compaction would copy them again; a
 * directory per message costs a few syncs once and is deleted when the event is in the journal.
 */
public final class InboundMmsStore {

    /** A stored message: its id, what the radio gave, and the URL of each part uploaded so far (null: not yet). */
    public record Pending(String id, Path dir, InboundMms mms, List<String> urls) {
        public boolean uploaded() {
            return !urls.contains(null);
        }
    }

    private final Path root;

    public InboundMmsStore(Path dataDir) throws IOException {
        this.root = dataDir.resolve("inbound-mms");
        Files.createDirectories(root);
        try (Stream<Path> stale = Files.list(root)) {
            for (Path dir : (Iterable<Path>) stale.filter(p -> p.getFileName().toString().startsWith(".tmp-"))::iterator) {
                deleteTree(dir); // cut off while being written: never acknowledged to the radio
            }
        }
    }

    /** Stores the message durably; returns its id. */
    public synchronized String add(InboundMms mms) throws IOException {
        String id = UUID.randomUUID().toString();
        Path temp = root.resolve(".tmp-" + id);
        Files.createDirectories(temp);
        write(temp.resolve("meta"), meta(mms));
        for (int i = 0; i < mms.media().size(); i++) {
            write(temp.resolve("part-" + i), mms.media().get(i).bytes());
        }
        sync(temp);
        Path dir = root.resolve(String.format("%013d-%s", System.currentTimeMillis(), id));
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        sync(root);
        return id;
    }

    /** Every stored message, oldest first. */
    public synchronized List<Pending> pending() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(root)) {
            for (Path dir : list) {
                if (!dir.getFileName().toString().startsWith(".")) {
                    dirs.add(dir);
                }
            }
        }
        Collections.sort(dirs);
        List<Pending> pending = new ArrayList<>();
        for (Path dir : dirs) {
            pending.add(read(dir));
        }
        return pending;
    }

    /** Part {@code index} of this message is uploaded at {@code url}. */
    public synchronized void uploaded(Pending message, int index, String url) throws IOException {
        Path temp = message.dir().resolve(".url-" + index);
        write(temp, url.getBytes(StandardCharsets.UTF_8));
        Files.move(temp, message.dir().resolve("url-" + index), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync(message.dir());
    }

    /** The event for this message is in the durable queue: its files go. */
    public synchronized void remove(Pending message) throws IOException {
        deleteTree(message.dir());
        sync(root);
    }

    private static Pending read(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        String id = name.substring(name.indexOf('-') + 1);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("meta"))));
        String from = in.readUTF();
        int subscription = in.readInt();
        int others = in.readInt();
        List<String> otherRecipients = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            otherRecipients.add(in.readUTF());
        }
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        Instant at = Instant.ofEpochMilli(in.readLong());
        int parts = in.readInt();
        List<MediaPart> media = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            media.add(new MediaPart(Files.readAllBytes(dir.resolve("part-" + i)), in.readUTF()));
            Path url = dir.resolve("url-" + i);
            urls.add(Files.exists(url) ? new String(Files.readAllBytes(url), StandardCharsets.UTF_8) : null);
        }
        InboundMms mms = new InboundMms(from, subscription < 0 ? OptionalInt.empty() : OptionalInt.of(subscription), otherRecipients,
                new String(text, StandardCharsets.UTF_8), media, at);
        return new Pending(id, dir, mms, urls);
    }

    private static byte[] meta(InboundMms mms) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(mms.from());
        out.writeInt(mms.subscriptionId().orElse(-1));
        out.writeInt(mms.otherRecipients().size());
        for (String other : mms.otherRecipients()) {
            out.writeUTF(other);
        }
        byte[] text = mms.text().getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
        out.writeLong(mms.at().toEpochMilli());
        out.writeInt(mms.media().size());
        for (MediaPart part : mms.media()) {
            out.writeUTF(part.type());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void sync(Path dir) {
        // makes creations and renames durable; some platforms refuse to open a directory, then the files' syncs must do
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // as in the journal: best effort where the platform does not allow it
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
