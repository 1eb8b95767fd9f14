package org.switchboard.sip;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.limits.SourceGate;
import org.switchboard.sip.message.MessageRouter;
import org.switchboard.sip.message.PhoneTexts;
import org.switchboard.sip.proxy.Proxy;
import org.switchboard.sip.registrar.Registrar;
import org.switchboard.sip.transport.SipMessages;
import org.switchboard.sip.trunk.TrunkRegistration;

/**
 * The stack's one listener: REGISTER to the registrar, MESSAGEs this server answers itself (texting, RFC 3428)
 * to the message router, everything else to the proxy. Called on several
 * threads at once (re-entrant listener); a failure while handling one message answers 500 and never
 * reaches the stack's threads.
 */
final class SipDispatcher implements SipListener {

    private static final Logger log = LoggerFactory.getLogger(SipDispatcher.class);

    private volatile Registrar registrar;
    private volatile Proxy proxy;
    private volatile SipMessages sip;
    private volatile SourceGate gate;
    private volatile MessageRouter messages;

    void wire(SipMessages sip, Registrar registrar, Proxy proxy, SourceGate gate, MessageRouter messages) {
        this.sip = sip;
        this.gate = gate;
        this.registrar = registrar;
        this.proxy = proxy;
        this.messages = messages;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        SourceGate sources = gate;
        if (sources != null && !sources.admit(event)) {
            return;   // a source over its request rate (ADR 0043)
        }
        try {
            if (Request.REGISTER.equals(request.getMethod())) {
                if (registrar.challengedWithoutTransaction(request)) {
                    return;
                }
                ServerTransaction transaction = sip.serverTransaction(event);
                if (transaction != null) {
                    registrar.register(request, transaction);
                }
            } else {
                messages.request(event, proxy::request);
            }
        } catch (RuntimeException e) {
            log.warn("{} from {} failed: {}", request.getMethod(), request.getHeader("From"), e.toString(), e);
            if (!Request.ACK.equals(request.getMethod())) {
                sip.reply(event.getServerTransaction(), request, Response.SERVER_INTERNAL_ERROR);
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            if (!PhoneTexts.response(event) && !TrunkRegistration.response(event)) {
                proxy.response(event);
            }
        } catch (RuntimeException e) {
            log.warn("a {} response failed: {}", event.getResponse().getStatusCode(), e.toString(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && !PhoneTexts.timeout(event) && !TrunkRegistration.timeout(event)) {
            proxy.timeout(event);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error with {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
