package org.switchboard.host.queue;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * An append-only file of records, each {@code [length][crc32][bytes]}, durable once {@link #sync} (or
 * {@link #append}) returns. See the package documentation for the crash and compaction rules.
 */
final class Journal implements Closeable {

    /** No record is this big (a body is at most 10,000 characters); a larger length is a torn header. */
    static final int MAX_RECORD = 1 << 20;
    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    private final Path file;
    private final Path temp;
    private FileChannel channel;
    private long appended;
    /** Writes so far (tickets); written under the queue's lock, read by syncing threads. */
    private volatile long written;
    /** The newest ticket known to be on the device. */
    private long synced;
    private final Object syncLock = new Object();
    private volatile IOException broken;

    private Journal(Path file) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Opens (or creates) the journal in {@code dir}, hands every intact record to {@code replay} in order and
     * cuts off a torn tail.
     */
    static Journal open(Path dir, java.util.function.Consumer<byte[]> replay) throws IOException {
        Files.createDirectories(dir);
        Journal journal = new Journal(dir.resolve("journal.log"));
        Files.deleteIfExists(journal.temp);
        journal.channel = FileChannel.open(journal.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long good = journal.replay(replay);
        if (good < journal.channel.size()) {
            LOG.warning(() -> "journal " + journal.file + ": cut a torn tail of " + (safeSize(journal) - good)
                    + " bytes after " + good);
            journal.channel.truncate(good);
            journal.channel.force(true);
        }
        journal.channel.position(good);
        return journal;
    }

    private static long safeSize(Journal journal) {
        try {
            return journal.channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    private long replay(java.util.function.Consumer<byte[]> replay) throws IOException {
        long size = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(8);
        while (position + 8 <= size) {
            header.clear();
            readFully(header, position);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || length > MAX_RECORD || position + 8 + length > size) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(body, position + 8);
            byte[] bytes = body.array();
            if (crc(bytes) != crc) {
                break;
            }
            replay.accept(bytes);
            appended++;
            position += 8 + length;
        }
        return position;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("journal ended while reading");
            }
        }
    }

    /** Appends the records and syncs them to the device: all of them or, after a crash, a prefix. */
    void append(List<byte[]> records) throws IOException {
        sync(write(records));
    }

    /**
     * Appends the records without waiting for the device; {@link #sync} with the answer makes them durable.
     * Callers write one at a time (the queue's lock); syncing needs no lock of theirs, so while one fsync
     * runs the next writes gather and the fsync after it covers them all (group commit).
     */
    long write(List<byte[]> records) throws IOException {
        IOException failed = broken;
        if (failed != null) {
            throw new IOException("journal " + file + " is unusable since a sync failed", failed);
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame(records));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        appended += records.size();
        return ++written;
    }

    /** The ticket of the newest write: syncing to it makes everything written so far durable. */
    long written() {
        return written;
    }

    /**
     * Returns once the write with this ticket (and every one before it) is on the device. A failed fsync
     * leaves the file in an unknown state, so the journal refuses all further writes and syncs.
     */
    void sync(long ticket) throws IOException {
        synchronized (syncLock) {
            if (synced >= ticket) {
                return;
            }
            IOException failed = broken;
            if (failed != null) {
                throw new IOException("journal " + file + " is unusable since a sync failed", failed);
            }
            // every write up to this ticket has returned, so this fsync covers it (and perhaps later ones)
            long covered = written;
            try {
                channel.force(false);
            } catch (IOException e) {
                broken = e;
                throw e;
            }
            synced = covered;
        }
    }

    /** How many records the file holds, replayed or appended since it was last rewritten. */
    long records() {
        return appended;
    }

    /** Replaces the whole journal with {@code records} (the live state), atomically. */
    void rewrite(List<byte[]> records) throws IOException {
        synchronized (syncLock) {
            rewriteSynced(records);
            // the live state just written holds every change made so far, on the device
            synced = written;
        }
    }

    private void rewriteSynced(List<byte[]> records) throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(frame(records));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        appended = records.size();
    }

    private static void syncDirectory(Path dir) {
        // makes the rename itself durable; POSIX allows it, some platforms refuse to open a directory
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot sync directory " + dir, e);
        }
    }

    private static byte[] frame(List<byte[]> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (byte[] record : records) {
            if (record.length > MAX_RECORD) {
                throw new IOException("record of " + record.length + " bytes is over the journal's limit");
            }
            out.writeInt(record.length);
            out.writeInt(crc(record));
            out.write(record);
        }
        return bytes.toByteArray();
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
