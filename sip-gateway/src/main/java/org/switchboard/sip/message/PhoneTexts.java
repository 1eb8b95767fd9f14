package org.switchboard.sip.message;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.sms.sip.SmsOverSip;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.LocationStore;
import org.switchboard.sip.transport.SipMessages;
import reactor.core.publisher.Mono;

/**
 * Incoming SMS as SIP MESSAGE (RFC 3428) for people who chose SIP ({@code accounts.sms_delivery = 'sip'}, set with
 * {@code PATCH /api/v1/account}): one MESSAGE from {@code sip:+15557654321@<domain>}, text/plain, to each live
 * registered contact at once. The first 2xx means a phone has it; otherwise (nobody registered, every phone refused,
 * or none answered within {@link #WAIT}) the gateway sends it as XMPP chat instead, so nothing is lost. The wait is
 * bounded below RFC 3261's 32 s Timer F because the host is waiting for the gateway's answer meanwhile; a phone
 * that answers after it may show the text twice (also in chat), which is the side to err on.
 */
public final class PhoneTexts implements SmsOverSip {

    private static final Logger log = LoggerFactory.getLogger(PhoneTexts.class);
    static final Duration WAIT = Duration.ofSeconds(8);

    private final String domain;
    private final SipMessages sip;
    private final LocationStore location;
    private final DatabaseClient db;
    private final Clock clock;

    public PhoneTexts(String domain, SipMessages sip, LocationStore location, DatabaseClient db, Clock clock) {
        this.domain = domain;
        this.sip = sip;
        this.location = location;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> offer(long ownerId, String localpart, String from, String text) {
        return db.sql("SELECT sms_delivery FROM accounts WHERE id = :id").bind("id", ownerId)
                .map(row -> row.get("sms_delivery", String.class)).one()
                .filter("sip"::equals)
                .flatMap(wanted -> location.lookup(localpart, domain, clock.instant()).filter(b -> b.live(clock.instant())).collectList())
                .filter(bindings -> !bindings.isEmpty())
                .flatMap(bindings -> send(bindings, localpart, from, text))
                .defaultIfEmpty(false)
                .onErrorResume(e -> {
                    log.warn("offering an SMS to the SIP phones of {} failed; it goes as chat", localpart, e);
                    return Mono.just(false);
                });
    }

    private Mono<Boolean> send(List<Binding> bindings, String localpart, String from, String text) {
        Outgoing outgoing = new Outgoing(bindings.size());
        String callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + sip.host();
        List<ClientTransaction> started = new ArrayList<>();
        for (Binding binding : bindings) {
            try {
                ClientTransaction client = sip.provider().getNewClientTransaction(message(binding, localpart, from, text, callId));
                client.setApplicationData(outgoing);
                started.add(client);
            } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
                log.debug("cannot text {} at {}: {}", localpart, binding.contactUri(), e.toString());
                outgoing.answered(Response.SERVICE_UNAVAILABLE);
            }
        }
        for (ClientTransaction client : started) {
            try {
                client.sendRequest();
            } catch (SipException e) {
                log.debug("sending a MESSAGE to {} failed: {}", localpart, e.toString());
                outgoing.answered(Response.SERVICE_UNAVAILABLE);
            }
        }
        return outgoing.outcome().asMono().timeout(WAIT, Mono.just(false));
    }

    private Request message(Binding binding, String localpart, String from, String text, String callId)
            throws ParseException, InvalidArgumentException {
        URI target = sip.addresses().createURI(binding.contactUri());
        String transport = target instanceof SipURI uri && uri.getTransportParam() != null ? uri.getTransportParam()
                : binding.transport() == null ? "udp" : binding.transport();
        Address sender = sip.addresses().createAddress(sip.addresses().createSipURI(from, domain));
        Address account = sip.addresses().createAddress(sip.addresses().createSipURI(localpart, domain));
        FromHeader fromHeader = sip.headers().createFromHeader(sender, Long.toHexString(ThreadLocalRandom.current().nextLong()));
        ToHeader to = sip.headers().createToHeader(account, null);
        CallIdHeader call = sip.headers().createCallIdHeader(callId);
        CSeqHeader cseq = sip.headers().createCSeqHeader(1L, Request.MESSAGE);
        MaxForwardsHeader hops = sip.headers().createMaxForwardsHeader(70);
        ViaHeader via = sip.via(transport.toUpperCase(Locale.ROOT), "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        ContentTypeHeader type = sip.headers().createContentTypeHeader("text", "plain");
        type.setParameter("charset", "UTF-8");
        return sip.messages().createRequest(target, Request.MESSAGE, call, cseq, fromHeader, to, List.of(via), hops, type,
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer to one of these MESSAGEs; false for anything else (it is the proxy's). */
    public static boolean response(ResponseEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client == null || !(client.getApplicationData() instanceof Outgoing outgoing)) {
            return false;
        }
        outgoing.answered(event.getResponse().getStatusCode());
        return true;
    }

    /** No answer from one phone (RFC 3261 Timer F); false when the transaction is not one of these. */
    public static boolean timeout(TimeoutEvent event) {
        ClientTransaction client = event.getClientTransaction();
        if (client == null || !(client.getApplicationData() instanceof Outgoing outgoing)) {
            return false;
        }
        outgoing.answered(Response.REQUEST_TIMEOUT);
        return true;
    }
}
