package org.switchboard.host.android;

import android.content.ContentProvider;
import android.content.ContentValues;
import android.database.Cursor;
import android.net.Uri;
import android.os.ParcelFileDescriptor;
import java.io.File;
import java.io.FileNotFoundException;
import java.util.regex.Pattern;

/**
 * Lends the M-Send.req files {@link MmsSender} writes to the phone's MMS service, which reads the PDU through a
 * content URI ({@code SmsManager.sendMultimediaMessage}). Not exported: the MMS service gets a read grant for
 * the one URI from the telephony stack, which grants on this app's behalf ({@code grantUriPermissions}). Read
 * only, only files of {@code cache/mms}, named as {@link MmsSender} names them.
 */
public final class MmsFiles extends ContentProvider {

    static final String AUTHORITY = "org.switchboard.host.mms";
    static final String DIRECTORY = "mms";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}\\.pdu");

    static Uri uri(String name) {
        return new Uri.Builder().scheme("content").authority(AUTHORITY).appendPath(name).build();
    }

    static File directory(android.content.Context context) {
        return new File(context.getCacheDir(), DIRECTORY);
    }

    @Override
    public boolean onCreate() {
        return true;
    }

    @Override
    public ParcelFileDescriptor openFile(Uri uri, String mode) throws FileNotFoundException {
        if (!"r".equals(mode)) {
            throw new FileNotFoundException("MMS files are lent read-only");
        }
        String name = uri.getLastPathSegment();
        if (uri.getPathSegments().size() != 1 || name == null || !NAME.matcher(name).matches()) {
            throw new FileNotFoundException("not an MMS file of this app: " + uri);
        }
        return ParcelFileDescriptor.open(new File(directory(getContext()), name), ParcelFileDescriptor.MODE_READ_ONLY);
    }

    @Override
    public String getType(Uri uri) {
        return "application/vnd.wap.mms-message";
    }

    @Override
    public Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs, String sortOrder) {
        return null;
    }

    @Override
    public Uri insert(Uri uri, ContentValues values) {
        throw new UnsupportedOperationException("MMS files are only read");
    }

    @Override
    public int delete(Uri uri, String selection, String[] selectionArgs) {
        throw new UnsupportedOperationException("MMS files are only read");
    }

    @Override
    public int update(Uri uri, ContentValues values, String selection, String[] selectionArgs) {
        throw new UnsupportedOperationException("MMS files are only read");
    }
}
