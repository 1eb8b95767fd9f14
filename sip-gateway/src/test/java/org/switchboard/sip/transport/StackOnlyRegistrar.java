package org.switchboard.sip.transport;

import java.time.Clock;
import java.util.Calendar;
import java.util.ListIterator;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
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
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.digest.DigestChallenge;
import org.switchboard.sip.digest.DigestCredentials;
import org.switchboard.sip.digest.Nonces;

/**
 * The ceiling JAIN-SIP itself sets on REGISTERs here, for {@code bench/sip/run.sh} ({@code SERVERS=stack}): the
 * stack configured exactly as the gateway's ({@link SipTransport}, {@link SipSettings#from}), answering the
 * benchmark's REGISTERs the way the registrar does on the wire, with nothing behind it. The first REGISTER gets a 401
 * without a transaction and a fresh nonce from {@link Nonces}; the one with credentials has its nonce checked and
 * used, gets a server transaction and a 200 listing its Contact with its expiry and a Date. What it leaves out is
 * everything the registrar does besides: no account, no password check (the response is not verified), no lockout,
 * no database. Whatever rate this carries, the gateway cannot exceed it on the same machine.
 *
 * <p>Not a registrar: it accepts any credentials. It reads the gateway's settings from the same environment
 * ({@code SWITCHBOARD_DOMAIN}, {@code SWITCHBOARD_SIP_*}; the benchmark gives both the same, on loopback), and keeps
 * the certificate the stack insists on in {@code SWITCHBOARD_DATA_DIR}.
 */
public final class StackOnlyRegistrar {

    private final SipMessages sip;
    private final SipSettings settings;
    private final Nonces nonces;

    private StackOnlyRegistrar(SipMessages sip, SipSettings settings) {
        this.sip = sip;
        this.settings = settings;
        this.nonces = new Nonces(settings.nonceLifetime(), Clock.systemUTC());
    }

    public static void main(String[] args) throws Exception {
        // the gateway's own settings from the same SWITCHBOARD_* variables, so the stack is configured as the gateway's
        Environment env = Environment.system();
        CoreSettings core = CoreSettings.from(env);
        SipSettings settings = SipSettings.from(env, core);
        Holder holder = new Holder();
        SipTransport transport = SipTransport.open(settings, CertificateProvider.selfSigned(core.dataDir(), core.domain()), holder);
        holder.registrar = new StackOnlyRegistrar(transport.messages(), settings);
        System.out.println("stack-only registrar on udp " + settings.bindAddress() + ":" + transport.port("udp"));
        Runtime.getRuntime().addShutdownHook(new Thread(transport::close));
        new CountDownLatch(1).await();
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
                } catch (InvalidArgumentException e) {
                    throw new IllegalStateException(e);
                }
                response.addHeader(contact);
            }
            response.addHeader(sip.headers().createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        });
    }

    private Consumer<Response> challenge() {
        String nonce = nonces.issue();
        return response -> DigestChallenge.headers(sip.headers(), settings.domain(), nonce, false, settings.digests()).forEach(response::addHeader);
    }
}
