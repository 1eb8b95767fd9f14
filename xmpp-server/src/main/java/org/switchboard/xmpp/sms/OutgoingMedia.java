package org.switchboard.xmpp.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.switchboard.common.sms.outbox.MmsMedia;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.xep.upload.LocalUploads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The media of a person's MMS: the XEP-0066 {@code jabber:x:oob} URLs of their message, each of which must be a
 * file stored by this server's own upload service (XEP-0363), since the phone downloads what the gateway names
 * and must never be sent to fetch an arbitrary URL. Type and size come from the upload store, not from the
 * message. Clients such as Conversations also put the URL in the body; those URLs are taken out of the text.
 */
final class OutgoingMedia {

    static final String OOB = "jabber:x:oob";

    /** Why a message's media cannot go out; the text is the error the sender gets. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** What goes to the phone: the text left after the URLs are taken out, and the media. */
    record Parts(String body, List<MmsMedia> media) {
    }

    private final Supplier<LocalUploads> uploads;
    private final long maxBytes;

    OutgoingMedia(Supplier<LocalUploads> uploads, long maxBytes) {
        this.uploads = uploads;
        this.maxBytes = maxBytes;
    }

    /** The OOB URLs of a message, in order (empty for a plain text). */
    static List<String> urls(Element message) {
        List<String> urls = new ArrayList<>();
        for (Element child : message.elements()) {
            if (child.is("x", OOB)) {
                String url = child.childText("url", OOB);
                urls.add(url == null ? "" : url.strip());
            }
        }
        return urls;
    }

    /** Checks every URL against the upload store; errors with {@link Refused} naming the first that does not fit. */
    Mono<Parts> resolve(String body, List<String> urls) {
        if (urls.size() > MmsMedia.MAX_PARTS) {
            return Mono.error(new Refused("an MMS carries at most " + MmsMedia.MAX_PARTS + " media; this message has " + urls.size()));
        }
        LocalUploads local = uploads.get();
        if (local == null) {
            return Mono.error(new Refused("this server has no upload service, so it sends no MMS media"));
        }
        return Flux.fromIterable(urls)
                .concatMap(url -> local.find(url).switchIfEmpty(Mono.error(() -> new Refused("media " + shorten(url)
                        + " is not a file of this server's upload service (upload it with XEP-0363 first)"))))
                .map(file -> new MmsMedia(file.url(), mediaType(file.contentType()), file.size()))
                .collectList()
                .flatMap(media -> {
                    long total = media.stream().mapToLong(MmsMedia::size).sum();
                    if (total > maxBytes) {
                        return Mono.error(new Refused("the media add up to " + total + " bytes; an MMS may carry at most " + maxBytes));
                    }
                    return Mono.just(new Parts(withoutUrls(body, urls), media));
                });
    }

    /** The type without parameters ({@code image/jpeg; name=x} is {@code image/jpeg}). */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }

    private static String withoutUrls(String body, List<String> urls) {
        String text = body == null ? "" : body;
        for (String url : urls) {
            text = text.replace(url, "");
        }
        return text.strip();
    }

    private static String shorten(String url) {
        return url.length() > 100 ? url.substring(0, 100) + "…" : url;
    }
}
