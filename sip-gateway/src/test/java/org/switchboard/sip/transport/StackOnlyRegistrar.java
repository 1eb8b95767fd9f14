package org.switchboard.sip.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.switchboard.common.password.SipDigest;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.digest.DigestChallenge;
import org.switchboard.sip.digest.DigestCredentials;
import org.switchboard.sip.digest.Nonces;
import org.switchboard.sip.limits.SipLimits;

/**
 * The ceiling JAIN-SIP itself sets on REGISTERs here, for {@code bench/sip/run.sh} ({@code SERVERS=stack}): the
 * stack configured exactly as the gateway's ({@link SipTransport}, the default 16 listener threads), answering the
 * benchmark's REGISTERs the way the registrar does on the wire, with nothing behind it. The first REGISTER gets a 401
 * without a transaction and a fresh nonce from {@link Nonces}; the one with credentials has its nonce checked and
 * used, gets a server transaction and a 200 listing its Contact with its expiry and a Date. What it leaves out is
 * everything the registrar does besides: no account, no password check (the response is not verified), no lockout,
 * no database. Whatever rate this carries, the gateway cannot exceed it on the same machine.
 *
 * <p>Not a registrar: it accepts any credentials. It binds where it is told (the benchmark gives loopback).
 * Usage: {@code java -cp <test classpath> org.switchboard.sip.transport.StackOnlyRegistrar <domain> <address> <udp port>
 * [listener threads]}
 */
public final class StackOnlyRegistrar {

    private final SipMessages sip;
    private final String domain;
    private final Nonces nonces = new Nonces(Duration.ofMinutes(5), Clock.systemUTC());
    private final List<SipDigest> digests = List.of(SipDigest.MD5);

    private StackOnlyRegistrar(SipMessages sip, String domain) {
        this.sip = sip;
        this.domain = domain;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: StackOnlyRegistrar <domain> <bind address> <udp port> [listener threads, default 16]");
            System.exit(2);
        }
        String domain = args[0];
        String address = args[1];
        int port = Integer.parseInt(args[2]);
        int threads = args.length == 4 ? Integer.parseInt(args[3]) : 16;
        SipSettings defaults = SipSettings.forTest(domain, address, port, -1, -1);
        // the gateway's defaults where forTest differs: 16 listener threads (SWITCHBOARD_SIP_THREADS), 10,000 connections
        SipSettings settings = new SipSettings(domain, address, address, port, -1, -1, defaults.maxMessageBytes(), 10_000, threads,
                defaults.nonceLifetime(), defaults.minExpires(), defaults.maxExpires(), defaults.maxContacts(), defaults.ringTimeout(),
                List.of(SipDigest.MD5), defaults.pushWait(), defaults.pushRemember(), SipLimits.OFF);
        Holder holder = new Holder();
        SipTransport transport = SipTransport.open(settings,
                CertificateProvider.selfSigned(certificateDirectory(), domain), holder);
        holder.registrar = new StackOnlyRegistrar(transport.messages(), domain);
        System.out.println("stack-only registrar on udp " + address + ":" + transport.port("udp"));
        Runtime.getRuntime().addShutdownHook(new Thread(transport::close));
        new CountDownLatch(1).await();
    }

    /** The stack wants a certificate though no TLS port is open: one in the benchmark's work directory, else a temporary one. */
    private static Path certificateDirectory() throws java.io.IOException {
        String work = System.getProperty("bench.work");
        return work == null ? Files.createTempDirectory("stack-only-tls") : Files.createDirectories(Path.of(work, "stack-tls"));
    }

    /** The listener is handed to the stack before the registrar exists (it needs the transport's messages). */
    private static final class Holder implements SipListener {
        private volatile StackOnlyRegistrar registrar;

        @Override public void processRequest(RequestEvent event) {
            StackOnlyRegistrar ready = registrar;
            if (ready != null) {
                ready.answer(event);
            }
        }
        @Override public void processResponse(ResponseEvent event) { }
        @Override public void processTimeout(TimeoutEvent event) { }
        @Override public void processIOException(IOExceptionEvent event) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
    }

    private void answer(RequestEvent event) {
        Request request = event.getRequest();
        if (!Request.REGISTER.equals(request.getMethod())) {
            sip.replyWithoutTransaction(request, Response.METHOD_NOT_ALLOWED, response -> { });
            return;
        }
        DigestCredentials credentials = DigestCredentials.from((AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME))
                .orElse(null);
        if (credentials == null) {
            sip.replyWithoutTransaction(request, Response.UNAUTHORIZED, challenge());
            return;
        }
        ServerTransaction transaction = sip.serverTransaction(event);
        if (transaction == null) {
            return;
        }
        if (nonces.check(credentials.nonce(), credentials.nonceCount()) != Nonces.Verdict.FRESH
                || !nonces.use(credentials.nonce(), credentials.nonceCount())) {
            sip.reply(transaction, request, Response.UNAUTHORIZED, challenge());
            return;
        }
        sip.reply(transaction, request, Response.OK, response -> {
            int expires = request.getExpires() == null ? 3600 : request.getExpires().getExpires();
            ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
            while (contacts.hasNext()) {
                ContactHeader contact = (ContactHeader) ((ContactHeader) contacts.next()).clone();
                try {
                    contact.setExpires(expires);
                } catch (javax.sip.InvalidArgumentException e) {
                    throw new IllegalStateException(e);
                }
                response.addHeader(contact);
            }
            response.addHeader(sip.headers().createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        });
    }

    private java.util.function.Consumer<Response> challenge() {
        String nonce = nonces.issue();
        return response -> DigestChallenge.headers(sip.headers(), domain, nonce, false, digests).forEach(response::addHeader);
    }
}
