package org.switchboard.host.android;

import android.content.ContentResolver;
import android.content.Context;
import android.database.Cursor;
import android.net.Uri;
import android.util.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.switchboard.host.android.pdu.NotificationInd;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.radio.InboundMms;
import org.switchboard.host.radio.MediaPart;
import org.switchboard.host.radio.SimInfo;

/**
 * Reads received MMS from Android's {@code content://mms} provider ({@code Telephony.Mms}): the inbox rows of
 * downloaded messages ({@code m_type} 132, M-Retrieve.conf), each one's addresses ({@code content://mms/<id>/addr},
 * PduHeaders codes 137 From, 151 To, 130 Cc) and parts ({@code content://mms/part}, the text from its {@code text}
 * column, media read through the part's URI). Media are bounded by the host protocol's MMS size in all; the SMIL
 * presentation is left out. Needs {@code READ_SMS}.
 */
final class MmsStore {

    static final Uri MMS = Uri.parse("content://mms");
    static final Uri INBOX = Uri.parse("content://mms/inbox");
    static final Uri PARTS = Uri.parse("content://mms/part");
    private static final int M_RETRIEVE_CONF = 132;
    private static final int ADDRESS_FROM = 137;
    private static final int ADDRESS_TO = 151;
    private static final int ADDRESS_CC = 130;
    /** What the core takes as a media type; a part labelled otherwise goes as application/octet-stream. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]{1,127}/[a-z0-9!#$&^_.+-]{1,127}");

    /** One downloaded message: its row id, seconds since 1970, SIM (-1 unknown) and transaction id (may be null). */
    record Row(long id, long dateSeconds, int subscription, String transactionId) {
    }

    private final Context context;

    MmsStore(Context context) {
        this.context = context;
    }

    /** The highest message row id now (0 when there is none). */
    long newestId() {
        try (Cursor cursor = context.getContentResolver().query(MMS, new String[] {"_id"}, null, null, "_id DESC")) {
            return cursor != null && cursor.moveToFirst() ? cursor.getLong(0) : 0;
        }
    }

    /** Downloaded inbox messages with a row id above {@code mark}, oldest first, at most {@code limit}. */
    List<Row> inboxAfter(long mark, int limit) {
        List<Row> rows = new ArrayList<>();
        try (Cursor cursor = context.getContentResolver().query(INBOX, null, "_id > ? AND m_type = ?",
                new String[] {Long.toString(mark), Integer.toString(M_RETRIEVE_CONF)}, "_id ASC")) {
            while (cursor != null && cursor.moveToNext() && rows.size() < limit) {
                rows.add(new Row(cursor.getLong(cursor.getColumnIndexOrThrow("_id")), number(cursor, "date"), (int) number(cursor, "sub_id"),
                        text(cursor, "tr_id")));
            }
        }
        return rows;
    }

    /** The message as the core takes it, or null when it has neither a sender nor any content. */
    InboundMms read(Row row) {
        ContentResolver resolver = context.getContentResolver();
        String from = null;
        Set<String> recipients = new LinkedHashSet<>();
        try (Cursor cursor = resolver.query(Uri.parse("content://mms/" + row.id() + "/addr"), new String[] {"address", "type"},
                null, null, null)) {
            while (cursor != null && cursor.moveToNext()) {
                String address = cursor.getString(0);
                if (address == null || address.isEmpty() || address.equals("insert-address-token")) {
                    continue;
                }
                address = NotificationInd.plainAddress(address);
                int type = cursor.getInt(1);
                if (type == ADDRESS_FROM) {
                    from = address;
                } else if (type == ADDRESS_TO || type == ADDRESS_CC) {
                    recipients.add(address);
                }
            }
        }
        StringBuilder text = new StringBuilder();
        List<MediaPart> media = new ArrayList<>();
        long budget = HostProtocol.MAX_MMS_BYTES;
        try (Cursor cursor = resolver.query(PARTS, new String[] {"_id", "ct", "text"}, "mid = ?",
                new String[] {Long.toString(row.id())}, "_id ASC")) {
            while (cursor != null && cursor.moveToNext()) {
                String type = cursor.getString(1) == null ? "application/octet-stream" : cursor.getString(1).toLowerCase(Locale.ROOT);
                if (type.equals("application/smil")) {
                    continue;
                }
                if (type.equals("text/plain") && !cursor.isNull(2)) {
                    text.append(text.length() == 0 ? "" : "\n").append(cursor.getString(2));
                    continue;
                }
                byte[] bytes = bytes(resolver, Uri.parse("content://mms/part/" + cursor.getLong(0)), budget);
                if (bytes == null) {
                    Log.w("switchboard", "an MMS part over the size left (" + budget + " bytes) or unreadable was left out");
                    continue;
                }
                budget -= bytes.length;
                media.add(new MediaPart(bytes, MEDIA_TYPE.matcher(type).matches() ? type : "application/octet-stream"));
            }
        }
        if (from == null || (text.length() == 0 && media.isEmpty())) {
            Log.w("switchboard", "an MMS without a sender or content was skipped");
            return null;
        }
        recipients.remove(from);
        removeOwnNumbers(recipients);
        return new InboundMms(from, row.subscription() < 0 ? OptionalInt.empty() : OptionalInt.of(row.subscription()),
                new ArrayList<>(recipients), text.toString(), media, Instant.ofEpochSecond(row.dateSeconds()));
    }

    /** The SIMs' own numbers are no other recipient; one left alone is this phone when its number is not known. */
    private void removeOwnNumbers(Set<String> recipients) {
        List<SimInfo> sims;
        try {
            sims = Sims.active(context);
        } catch (RuntimeException e) {
            sims = List.of();
        }
        for (SimInfo sim : sims) {
            if (sim.number() != null) {
                recipients.removeIf(address -> sameNumber(address, sim.number()));
            }
        }
        if (recipients.size() == 1 && sims.stream().noneMatch(sim -> sim.number() != null)) {
            recipients.clear();
        }
    }

    /** Equal digits, or one number the other with a country code before it (at least 7 digits in common). */
    static boolean sameNumber(String a, String b) {
        String x = a.replaceAll("[^0-9]", "");
        String y = b.replaceAll("[^0-9]", "");
        if (x.length() < 7 || y.length() < 7) {
            return x.equals(y) && !x.isEmpty();
        }
        return x.endsWith(y) || y.endsWith(x);
    }

    /** The part's bytes, or null when it is larger than {@code limit} or cannot be read. */
    private static byte[] bytes(ContentResolver resolver, Uri part, long limit) {
        try (InputStream in = resolver.openInputStream(part)) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + n > limit) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static long number(Cursor cursor, String column) {
        int index = cursor.getColumnIndex(column);
        return index < 0 || cursor.isNull(index) ? -1 : cursor.getLong(index);
    }

    private static String text(Cursor cursor, String column) {
        int index = cursor.getColumnIndex(column);
        return index < 0 ? null : cursor.getString(index);
    }
}
