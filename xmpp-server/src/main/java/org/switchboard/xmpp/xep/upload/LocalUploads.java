package org.switchboard.xmpp.xep.upload;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Which URLs are files of this server's own upload service, for other parts of the server that may only hand
 * out or fetch those (the SMS gateway's MMS: a phone must never be told to download an arbitrary URL).
 */
public final class LocalUploads {

    /** A stored (completely uploaded) file: its URL as handed out, media type and size in bytes. */
    public record StoredFile(String url, String contentType, long size) {
    }

    private final UploadStore store;
    private final Supplier<String> baseUrl;

    LocalUploads(UploadStore store, Supplier<String> baseUrl) {
        this.store = store;
        this.baseUrl = baseUrl;
    }

    /**
     * The stored file this URL names, or empty when the URL is not one of this service's download URLs (another
     * host, port or path, a malformed path, a query or fragment) or names no stored file.
     */
    public Mono<StoredFile> find(String url) {
        String base = baseUrl.get();
        String prefix = base == null ? null : base + UploadRoute.PREFIX;
        if (prefix == null || url == null || !url.startsWith(prefix) || url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            return Mono.empty();
        }
        UploadPath path;
        try {
            path = UploadPath.parse(url.substring(prefix.length()));
        } catch (UploadPath.Refused e) {
            return Mono.empty();
        }
        return store.find(path.id())
                .filter(upload -> "stored".equals(upload.state()) && upload.filename().equals(path.filename()))
                .map(upload -> new StoredFile(url, upload.contentType(), upload.size()));
    }
}
