package org.switchboard.host.mms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.MediaRef;
import org.switchboard.host.radio.MediaPart;

/**
 * Fetches the media of an outgoing MMS: only from the server's own upload service ({@link MediaSource}), each part
 * no larger than the size the command declared, all of them within {@link HostProtocol#MAX_MMS_BYTES}. The type
 * handed to the radio is the command's (the upload store's), not what the answer says.
 */
public final class MediaDownloads {

    private final MediaSource source;
    private final MediaHttp http;

    public MediaDownloads(MediaSource source, MediaHttp http) {
        this.source = source;
        this.http = http;
    }

    /**
     * @throws MediaException for what will never work (a foreign URL, a 4xx answer, more bytes than declared)
     * @throws IOException    for a passing failure (no network, a timeout, a 5xx answer): try again later
     */
    public List<MediaPart> fetch(List<MediaRef> media) throws IOException, MediaException {
        List<MediaPart> parts = new ArrayList<>(media.size());
        long total = 0;
        for (MediaRef ref : media) {
            long limit = Math.min(ref.size(), HostProtocol.MAX_MMS_BYTES - total);
            MediaHttp.Response answer = http.get(source.target(ref.url()), limit);
            if (answer.status() >= 500 || answer.status() == 429) {
                throw new IOException("the upload service answered " + answer.status());
            }
            if (answer.status() != 200) {
                throw new MediaException("the upload service answered " + answer.status() + " for " + ref.url());
            }
            if (answer.body().length != ref.size()) {
                throw new MediaException("media has " + answer.body().length + " bytes, the command said " + ref.size());
            }
            total += answer.body().length;
            parts.add(new MediaPart(answer.body(), ref.type()));
        }
        return parts;
    }
}
