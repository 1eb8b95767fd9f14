package org.switchboard.xmpp.xep.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * Answers slot requests (XEP-0363 sections 4 and 5): checks the request, the size limit and the account's
 * quota, stores the slot and hands out its PUT and GET URLs. The PUT carries a token in an
 * {@code Authorization} header, one of the three headers the XEP allows; only its hash is stored.
 */
final class SlotRequests {

    private static final Logger log = LoggerFactory.getLogger(SlotRequests.class);

    private final String serverDomain;
    private final UploadSettings settings;
    private final UploadStore store;
    private final UploadFiles files;
    private final Supplier<String> baseUrl;
    private final Clock clock;

    SlotRequests(String serverDomain, UploadSettings settings, UploadStore store, UploadFiles files, Supplier<String> baseUrl, Clock clock) {
        this.serverDomain = serverDomain;
        this.settings = settings;
        this.store = store;
        this.files = files;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** The answer to a request IQ: the slot, or the error the XEP names. */
    Mono<Stanza> answer(Stanza iq) {
        Jid from = iq.from();
        if (from == null || from.localpart() == null || !from.domain().equals(serverDomain)) {
            return Mono.just(iq.errorReply(StanzaError.FORBIDDEN, "only accounts of " + serverDomain + " may upload here"));
        }
        SlotRequest request;
        try {
            request = SlotRequest.parse(iq.iqChild());
        } catch (SlotRequest.Invalid e) {
            return Mono.just(iq.errorReply(StanzaError.BAD_REQUEST, e.getMessage()));
        }
        if (request.size() > settings.maxFileBytes()) {
            return Mono.just(UploadErrors.fileTooLarge(iq, settings.maxFileBytes()));
        }
        String id = files.newId();
        String token = files.newId();
        return store.createSlot(from.bare(), id, request, hash(token), clock.instant().plus(settings.slotLifetime()), settings.quotaBytes())
                .map(created -> {
                    if (!created) {
                        return iq.errorReply(StanzaError.RESOURCE_CONSTRAINT,
                                "the account's uploads would exceed its quota of " + settings.quotaBytes() + " bytes");
                    }
                    log.debug("Upload slot {} ({} bytes, {}) for {}", id, request.size(), request.contentType(), from.bare());
                    return iq.iqResult(slot(id, token, request.filename()));
                });
    }

    private Element slot(String id, String token, String filename) {
        String url = baseUrl.get() + UploadRoute.PREFIX + id + "/" + UploadRoute.encode(filename);
        return Element.builder("slot", UploadService.NAMESPACE)
                .child(Element.builder("put", UploadService.NAMESPACE).attribute("url", url)
                        .child(Element.builder("header", UploadService.NAMESPACE).attribute("name", "Authorization")
                                .text(UploadRoute.BEARER + token).build())
                        .build())
                .child(Element.builder("get", UploadService.NAMESPACE).attribute("url", url).build())
                .build();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
