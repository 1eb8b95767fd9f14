package org.switchboard.xmpp.sms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.sms.outbox.OutboxStore.PartReport;
import org.switchboard.xmpp.sms.protocol.Batches;
import org.switchboard.xmpp.sms.protocol.Call;
import org.switchboard.xmpp.sms.protocol.Hello;
import org.switchboard.xmpp.sms.protocol.HostProtocol;
import org.switchboard.xmpp.sms.protocol.Inbound;
import org.switchboard.xmpp.sms.protocol.MalformedPayloadException;
import org.switchboard.xmpp.sms.protocol.Report;
import org.switchboard.xmpp.sms.protocol.Reports;
import org.switchboard.xmpp.sms.protocol.Status;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * IQs from hosts (host-protocol.md sections 3 and 5): only a paired host account may send them, and each is
 * answered {@code result} only after what it says is committed (and, for an incoming SMS, routed).
 */
final class HostRequests {

    private static final Logger log = LoggerFactory.getLogger(HostRequests.class);

    /** What happens when a host becomes reachable: presence, notices, sending its queue. */
    interface Arrivals {
        Mono<Void> arrived(HostStore.Host host, Jid session);
    }

    private final Gateway gateway;
    private final OutcomeNotices notices;
    private final InboundMessages inbound;
    private final Arrivals arrivals;

    HostRequests(Gateway gateway, OutcomeNotices notices, InboundMessages inbound, Arrivals arrivals) {
        this.gateway = gateway;
        this.notices = notices;
        this.inbound = inbound;
        this.arrivals = arrivals;
    }

    Mono<Void> handle(Stanza iq) {
        Jid from = iq.from();
        if (!gateway.isLocalUser(from) || from.resource() == null) {
            return gateway.send(GatewayReplies.FORBIDDEN.to(iq, "not a paired SMS host"));
        }
        return Mono.justOrEmpty(gateway.online().hostOf(from))
                .switchIfEmpty(Mono.defer(() -> gateway.hosts().byAccount(from.localpart(), from.domain())))
                .flatMap(host -> apply(host, from, iq).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> gateway.send(GatewayReplies.FORBIDDEN.to(iq, "not a paired SMS host")).thenReturn(true)))
                .then();
    }

    private Mono<Void> apply(HostStore.Host host, Jid session, Stanza iq) {
        if (iq.iqChild() != null && !HostProtocol.isKnown(iq.iqChild())) {
            // a newer host may speak payloads this gateway does not know yet (host-protocol.md section 6)
            return gateway.send(GatewayReplies.NOT_IMPLEMENTED.to(iq, "<" + iq.iqChild().name() + "> is not known to this gateway"));
        }
        HostProtocol.HostPayload payload;
        try {
            if (!"set".equals(iq.type())) {
                throw new MalformedPayloadException("host requests are IQ set");
            }
            payload = HostProtocol.parse(iq.iqChild());
        } catch (MalformedPayloadException e) {
            return gateway.send(GatewayReplies.BAD_REQUEST.to(iq, e.getMessage()));
        }
        Mono<Void> work;
        if (payload instanceof Hello hello) {
            // the answer says this gateway reads report batches; the host's own batch size is kept for commands
            gateway.online().batch(host.id(), hello.batch());
            work = gateway.hosts().hello(host.id(), hello).then(gateway.send(iq.iqResult(Batches.helloAnswer())))
                    .then(arrivals.arrived(host, session));
        } else if (payload instanceof Status status) {
            work = gateway.hosts().status(host.id(), status.device()).then(gateway.send(iq.iqResult()))
                    .then(Mono.defer(() -> arrivedIfUnknown(host, session)));
        } else if (payload instanceof Report report) {
            work = report(host, iq, report);
        } else if (payload instanceof Reports batch) {
            work = reports(host, iq, batch);
        } else if (payload instanceof Inbound message) {
            work = inbound.message(host, iq, message);
        } else {
            work = inbound.call(host, iq, (Call) payload);
        }
        return work.onErrorResume(e -> {
            log.warn("a {} from SMS host {} was not committed", iq.iqChild().name(), host.id(), e);
            return gateway.send(GatewayReplies.RETRY_LATER.to(iq, "not stored; send it again later"));
        });
    }

    private Mono<Void> report(HostStore.Host host, Stanza iq, Report report) {
        return gateway.outbox().report(host.id(), report.id(), part(report))
                .flatMap(outcome -> (outcome.becameFinal() ? notices.notifyMarkingLater(outcome.message()) : Mono.<Void>empty())
                        .then(gateway.send(iq.iqResult())).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> gateway.send(GatewayReplies.ITEM_NOT_FOUND.to(iq, "no message " + report.id()
                        + " of this host")).thenReturn(true)))
                .then();
    }

    /**
     * A batch of reports (section 4.4): each applied as a report of its own would be, together in the same
     * group commits; answered once all are committed, naming those refused. A failure to commit any fails the
     * whole IQ, and the host sends the batch again (the ids make the repeats harmless).
     */
    private Mono<Void> reports(HostStore.Host host, Stanza iq, Reports batch) {
        List<Reports.Refused> refused = Collections.synchronizedList(new ArrayList<>(batch.refused()));
        return Flux.fromIterable(batch.reports())
                .flatMap(report -> gateway.outbox().report(host.id(), report.id(), part(report))
                        .flatMap(outcome -> (outcome.becameFinal() ? notices.notifyMarkingLater(outcome.message()) : Mono.<Void>empty())
                                .thenReturn(true))
                        .switchIfEmpty(Mono.fromCallable(() -> refused.add(new Reports.Refused(report.id().toString(),
                                report.state().dbValue(), Integer.toString(report.part()), StanzaError.ITEM_NOT_FOUND,
                                "no message " + report.id() + " of this host")))), Batches.MAX_ITEMS)
                .then(Mono.defer(() -> gateway.send(iq.iqResult(Batches.reportsAnswer(refused)))));
    }

    private static PartReport part(Report report) {
        return new PartReport(report.state(), report.part(), report.parts(), report.code(), report.reason(), report.at());
    }

    /** A host whose stream was resumed does not say hello again; any request shows it is there. */
    private Mono<Void> arrivedIfUnknown(HostStore.Host host, Jid session) {
        return gateway.online().get(host.id()).filter(online -> online.session().equals(session)).isPresent()
                ? Mono.empty() : arrivals.arrived(host, session);
    }
}
