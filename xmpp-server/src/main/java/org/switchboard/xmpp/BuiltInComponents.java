package org.switchboard.xmpp;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.sms.SmsGateway;
import org.switchboard.xmpp.xep.bytestreams.Proxy65Service;
import org.switchboard.xmpp.xep.muc.MucComponent;
import org.switchboard.xmpp.xep.pubsub.service.PubSubComponent;
import org.switchboard.xmpp.xep.upload.UploadService;

/**
 * The services on subdomains that run inside the server (ADR 0020), as the settings turn them on: the SMS
 * gateway, uploads, the pubsub service, group chat and the SOCKS5 proxy. The server keeps the three it binds
 * or wires further; each is null when off.
 */
record BuiltInComponents(SmsGateway smsGateway, UploadService upload, Proxy65Service proxy65, List<InternalComponent> all) {

    static BuiltInComponents create(XmppSettings settings, DatabaseClient database, MeterRegistry meters) {
        String domain = settings.domain();
        SmsGateway sms = settings.sms().enabled() ? new SmsGateway(domain, settings.sms(), meters, Clock.systemUTC()) : null;
        UploadService upload = settings.upload().enabled()
                ? new UploadService(domain, settings.upload(), settings.dataDir(), database, Clock.systemUTC()) : null;
        if (sms != null && upload != null) {
            sms.useUploads(upload.localUploads()); // MMS media must be files of this server's upload service
        }
        Proxy65Service proxy65 = settings.proxy65().enabled() ? new Proxy65Service(domain, settings.proxy65()) : null;
        List<InternalComponent> all = new ArrayList<>();
        add(all, sms);
        add(all, upload);
        if (settings.pubsub().service()) {
            all.add(new PubSubComponent(domain, settings.pubsub()));
        }
        if (settings.muc().enabled()) {
            all.add(new MucComponent(domain, settings.muc()));
        }
        add(all, proxy65);
        return new BuiltInComponents(sms, upload, proxy65, all);
    }

    private static void add(List<InternalComponent> all, InternalComponent component) {
        if (component != null) {
            all.add(component);
        }
    }
}
