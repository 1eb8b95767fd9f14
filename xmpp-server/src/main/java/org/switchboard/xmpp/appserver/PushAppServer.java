package org.switchboard.xmpp.appserver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.push.PushContent;
import org.switchboard.common.push.PushDevice;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushService;
import org.switchboard.common.push.PushTarget;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.dataforms.DataForm;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.push.PushModule;
import org.switchboard.xmpp.xep.push.PushNotification;
import reactor.core.publisher.Mono;

/**
 * {@code push.<domain>}: takes a XEP-0357 publish (section 7) from this server only, finds the device by its
 * node (a 128-bit random name handed out by {@code POST /api/v1/push/register}), and asks the push service
 * for one push with the summary's sender and count; the notification form's other fields, and anything that
 * could hold text, are not read. The publish is answered at once: the push itself is queued, so a slow
 * APNs never holds the server's publish. An unknown node is answered {@code item-not-found}, which makes
 * the server disable that registration (XEP-0357 section 8).
 */
public final class PushAppServer implements InternalComponent {

    private static final Logger log = LoggerFactory.getLogger(PushAppServer.class);
    /** XEP-0030 registry: a pubsub service of type push (XEP-0357 section 4). */
    private static final Identity IDENTITY = new Identity("pubsub", "push", "Switchboard push");
    private static final int MAX_NODE = 64;

    private final String domain;
    private final Jid serverJid;
    private final PushDeviceStore devices;
    private final PushService push;
    private volatile ModuleContext server;

    public PushAppServer(String serverDomain, PushDeviceStore devices, PushService push) {
        this.domain = "push." + serverDomain;
        this.serverJid = Jid.domainJid(serverDomain);
        this.devices = devices;
        this.push = push;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public void start(ModuleContext context) {
        this.server = context;
    }

    @Override
    public Mono<Void> receive(Stanza stanza) {
        if (!stanza.isIqRequest()) {
            // messages, presences and answers: nothing here expects any
            return Mono.empty();
        }
        Element payload = stanza.iqChild();
        if (payload != null && payload.is("query", DiscoModule.INFO) && "get".equals(stanza.type()) && stanza.to().localpart() == null) {
            return send(stanza.iqResult(DiscoModule.info(Set.of(IDENTITY), Set.of(DiscoModule.INFO, PushModule.NAMESPACE))));
        }
        if (payload == null || !payload.is("pubsub", PushNotification.PUBSUB) || !"set".equals(stanza.type())) {
            return send(stanza.errorReply(StanzaError.SERVICE_UNAVAILABLE));
        }
        if (!serverJid.equals(stanza.from())) {
            return send(refusal(stanza, StanzaError.FORBIDDEN, "only " + serverJid + " publishes here"));
        }
        Element publish = payload.child("publish", PushNotification.PUBSUB).orElse(null);
        String node = publish == null ? null : publish.attribute("node");
        if (node == null || node.isEmpty() || node.length() > MAX_NODE) {
            return send(refusal(stanza, StanzaError.ITEM_NOT_FOUND, "no such node"));
        }
        Summary summary = Summary.of(publish);
        return devices.findByNode(node)
                .flatMap(device -> {
                    notify(device, summary);
                    return send(stanza.iqResult());
                })
                .switchIfEmpty(Mono.defer(() -> send(refusal(stanza, StanzaError.ITEM_NOT_FOUND, "no such node"))));
    }

    /** The device's alert token (iPhone) or data token (Android); a device with neither gets nothing. */
    private void notify(PushDevice device, Summary summary) {
        PushTarget target = device.target(PushKind.ALERT);
        if (target == null) {
            target = device.target(PushKind.DATA);
        }
        if (target == null) {
            log.info("Push device {} of account {} has no alert or data token; nothing sent", device.deviceId(), device.accountId());
            return;
        }
        PushTarget chosen = target;
        push.send(chosen, PushContent.message(summary.sender(), summary.count()))
                .whenComplete((outcome, error) -> log.debug("Push for node of device {}: {}", device.deviceId(), error == null ? outcome : error));
    }

    /**
     * An error without the publish echoed back: RFC 6120 section 8.3.1 leaves that optional, and a refused
     * publish has no business travelling further (clients also choke parsing pubsub items they never asked for).
     */
    private static Stanza refusal(Stanza publish, StanzaError error, String text) {
        return Stanza.iq("error", publish.id(), publish.to(), publish.from(), error.toElement(text));
    }

    private Mono<Void> send(Stanza reply) {
        ModuleContext context = server;
        return context == null ? Mono.empty() : context.router().route(reply);
    }

    /** What is read of the summary form (XEP-0357 section 7): the message count and the last sender, if well-formed. */
    record Summary(String sender, Integer count) {

        static Summary of(Element publish) {
            Element form = publish.child("item", PushNotification.PUBSUB)
                    .flatMap(item -> item.child("notification", PushModule.NAMESPACE))
                    .flatMap(notification -> notification.child("x", DataForm.NAMESPACE))
                    .orElse(null);
            if (form == null) {
                return new Summary(null, null);
            }
            Map<String, List<String>> values = DataForm.submittedValues(form);
            Jid sender = Jid.parseOrNull(first(values, "last-message-sender"));
            Integer count = null;
            String countText = first(values, "message-count");
            if (countText != null && countText.matches("[0-9]{1,6}")) {
                count = Integer.parseInt(countText);
            }
            String senderText = sender == null ? null : sender.bare().toString();
            return new Summary(senderText != null && senderText.length() <= PushContent.MAX_SENDER ? senderText : null, count);
        }

        private static String first(Map<String, List<String>> values, String field) {
            List<String> list = values.get(field);
            return list == null || list.isEmpty() ? null : list.get(0);
        }
    }
}
