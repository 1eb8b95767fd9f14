package org.switchboard.host.android;

import android.content.ContentProvider;
import android.content.ContentValues;
import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import android.os.ParcelFileDescriptor;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The phone's {@code content://mms} provider as the default SMS app fills it (the outside world here): message rows,
 * their addresses and parts, answering exactly the queries {@link MmsStore} makes and failing on others.
 */
public final class PhoneMmsStore extends ContentProvider {

    record Message(long id, long dateSeconds, int subscription, String transactionId, int type) {
    }

    record Address(String address, int type) {
    }

    record Part(long id, String contentType, String text, byte[] data) {
    }

    static final Map<Long, Message> MESSAGES = new ConcurrentSkipListMap<>();
    static final Map<Long, List<Address>> ADDRESSES = new ConcurrentHashMap<>();
    static final Map<Long, List<Part>> PARTS = new ConcurrentHashMap<>();
    /** Whether the app holds READ_SMS: without it the provider refuses, as Android's does. */
    static volatile boolean readable = true;

    static void reset() {
        MESSAGES.clear();
        ADDRESSES.clear();
        PARTS.clear();
        readable = true;
    }

    @Override
    public boolean onCreate() {
        return true;
    }

    @Override
    public Cursor query(Uri uri, String[] projection, String selection, String[] args, String sortOrder) {
        if (!readable) {
            throw new SecurityException("Permission Denial: reading com.android.providers.telephony.MmsProvider requires READ_SMS");
        }
        List<String> path = uri.getPathSegments();
        if (path.isEmpty()) {
            MatrixCursor cursor = new MatrixCursor(new String[] {"_id"});
            MESSAGES.keySet().stream().sorted((a, b) -> Long.compare(b, a)).forEach(id -> cursor.addRow(new Object[] {id}));
            return cursor;
        }
        if (path.equals(List.of("inbox"))) {
            expect("_id > ? AND m_type = ?", selection);
            MatrixCursor cursor = new MatrixCursor(new String[] {"_id", "date", "sub_id", "tr_id", "m_type"});
            for (Message m : MESSAGES.values()) {
                if (m.id() > Long.parseLong(args[0]) && m.type() == Integer.parseInt(args[1])) {
                    cursor.addRow(new Object[] {m.id(), m.dateSeconds(), m.subscription(), m.transactionId(), m.type()});
                }
            }
            return cursor;
        }
        if (path.size() == 2 && path.get(1).equals("addr")) {
            MatrixCursor cursor = new MatrixCursor(new String[] {"address", "type"});
            for (Address a : ADDRESSES.getOrDefault(Long.parseLong(path.get(0)), List.of())) {
                cursor.addRow(new Object[] {a.address(), a.type()});
            }
            return cursor;
        }
        if (path.equals(List.of("part"))) {
            expect("mid = ?", selection);
            MatrixCursor cursor = new MatrixCursor(new String[] {"_id", "ct", "text"});
            for (Part p : PARTS.getOrDefault(Long.parseLong(args[0]), List.of())) {
                cursor.addRow(new Object[] {p.id(), p.contentType(), p.text()});
            }
            return cursor;
        }
        throw new AssertionError("an unexpected query " + uri);
    }

    @Override
    public ParcelFileDescriptor openFile(Uri uri, String mode) throws FileNotFoundException {
        List<String> path = uri.getPathSegments();
        if (path.size() == 2 && path.get(0).equals("part")) {
            long id = Long.parseLong(path.get(1));
            for (List<Part> parts : PARTS.values()) {
                for (Part p : parts) {
                    if (p.id() == id && p.data() != null) {
                        try {
                            File file = File.createTempFile("mms-part", ".bin");
                            Files.write(file.toPath(), p.data());
                            return ParcelFileDescriptor.open(file, ParcelFileDescriptor.MODE_READ_ONLY);
                        } catch (IOException e) {
                            throw new FileNotFoundException(e.getMessage());
                        }
                    }
                }
            }
        }
        throw new FileNotFoundException(uri.toString());
    }

    private static void expect(String wanted, String selection) {
        if (!wanted.equals(selection)) {
            throw new AssertionError("selection " + selection);
        }
    }

    @Override
    public String getType(Uri uri) {
        return null;
    }

    @Override
    public Uri insert(Uri uri, ContentValues values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int delete(Uri uri, String selection, String[] args) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int update(Uri uri, ContentValues values, String selection, String[] args) {
        throw new UnsupportedOperationException();
    }
}
