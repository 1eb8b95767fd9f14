package org.switchboard.xmpp.xep.upload;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountChange;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.http.HttpRoute;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The upload service {@code upload.<domain>} (XEP-0363): slot requests over XMPP, the bytes over the HTTPS
 * route {@link #route()}, and a sweep that removes expired files, unused slots and the files of deleted
 * accounts.
 */
public final class UploadService implements InternalComponent {

    public static final String NAMESPACE = "urn:xmpp:http:upload:0";

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final String domain;
    private final UploadSettings settings;
    private final UploadStore store;
    private final UploadFiles files;
    private final UploadRoute route;
    private final UploadSweep sweep;
    private volatile String baseUrl;
    private final SlotRequests slots;
    private volatile ModuleContext server;
    private volatile Disposable sweeper;
    private volatile Disposable deletions;

    public UploadService(String serverDomain, UploadSettings settings, Path dataDir, DatabaseClient database, Clock clock) {
        this.domain = UploadSettings.serviceDomain(serverDomain);
        this.settings = settings;
        this.store = new UploadStore(database);
        this.files = new UploadFiles(dataDir);
        this.route = new UploadRoute(store, files, settings, clock);
        this.sweep = new UploadSweep(store, files, clock);
        this.slots = new SlotRequests(serverDomain, settings, store, files, () -> baseUrl, clock);
    }

    @Override
    public String domain() {
        return domain;
    }

    /** What the HTTPS listener serves for this service. */
    public HttpRoute route() {
        return route;
    }

    /** Which URLs are this service's stored files (for the SMS gateway's MMS). */
    public LocalUploads localUploads() {
        return new LocalUploads(store, () -> baseUrl);
    }

    /** The HTTPS listener is bound: URLs handed out start with {@code url} (no trailing slash). */
    public void listening(String url) {
        this.baseUrl = url;
    }

    /** Lists the service in the server's disco#items, where XEP-0363 clients look for it. */
    @Override
    public List<XmppModule> modules() {
        return List.of(XmppModule.listedInDiscoItems(domain));
    }

    @Override
    public void start(ModuleContext context) {
        if (baseUrl == null) {
            throw new IllegalStateException("the upload service starts after the HTTPS listener is bound");
        }
        server = context;
        sweep.recover().subscribe(null, e -> log.warn("Upload recovery after start failed", e));
        sweeper = sweep.every(settings.sweepInterval());
        // a deletion here is swept at once; one made by another process is found by the periodic sweep
        deletions = context.accounts().changes()
                .filter(change -> change.kind() == AccountChange.Kind.DELETED)
                .subscribe(change -> sweep.now().subscribe(null, e -> log.warn("Upload sweep after deletion failed", e)));
        log.info("Upload service {} started at {} (max file {} bytes, quota {} bytes, expiry {})", domain, baseUrl,
                settings.maxFileBytes(), settings.quotaBytes(), settings.expiry() == null ? "none" : settings.expiry());
    }

    @Override
    public void stop() {
        for (Disposable running : new Disposable[] {sweeper, deletions}) {
            if (running != null) {
                running.dispose();
            }
        }
    }

    @Override
    public Mono<Void> receive(Stanza stanza) {
        if (!stanza.isIqRequest()) {
            return Mono.empty();
        }
        Element payload = stanza.iqChild();
        String namespace = payload == null ? "" : payload.namespace();
        boolean get = "get".equals(stanza.type());
        Mono<Stanza> answer;
        if (stanza.to().localpart() != null || !get) {
            answer = Mono.just(stanza.errorReply(StanzaError.SERVICE_UNAVAILABLE));
        } else if (DiscoModule.INFO.equals(namespace) && payload.attribute("node") == null) {
            answer = Mono.just(stanza.iqResult(info()));
        } else if (DiscoModule.ITEMS.equals(namespace)) {
            answer = Mono.just(stanza.iqResult(Element.of("query", DiscoModule.ITEMS)));
        } else if (payload != null && payload.is("request", NAMESPACE)) {
            answer = slots.answer(stanza);
        } else {
            answer = Mono.just(stanza.errorReply(StanzaError.SERVICE_UNAVAILABLE));
        }
        return answer.flatMap(reply -> server.router().route(reply));
    }

    /** XEP-0363 section 3: identity store/file, the namespace, and the size limit as an XEP-0128 form. */
    private Element info() {
        Element form = new DataForm("result", null, null, List.of(
                DataForm.Field.hidden("FORM_TYPE", NAMESPACE),
                new DataForm.Field("max-file-size", null, null, false, List.of(Long.toString(settings.maxFileBytes()))))).toElement();
        return DiscoModule.info(Set.of(new Identity("store", "file", "HTTP File Upload")),
                Set.of(DiscoModule.INFO, DiscoModule.ITEMS, NAMESPACE), List.of(form));
    }
}
