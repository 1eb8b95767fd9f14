package org.switchboard.sip.message;

import java.text.ParseException;
import java.time.Clock;
import java.util.ListIterator;
import java.util.function.Consumer;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.Account;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.NoSendingSimException;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.location.LocationStore;
import org.switchboard.sip.proxy.CallerAuthentication;
import org.switchboard.sip.transport.SipMessages;
import reactor.core.publisher.Mono;

/**
 * Takes the out-of-dialog MESSAGEs this package answers itself (RFC 3428 section 7, acting as the UAS): to a
 * phone number, and to an account that has no live registered contact. Everything else, including a MESSAGE
 * to an account with a registered phone, goes on to the proxy, which forks it to the phones. The sender must
 * prove who they are first (the proxy's 407 challenge, {@link CallerAuthentication}); 202 Accepted leaves
 * only once what was accepted is committed (the outbox row, or the XMPP router's offline store).
 */
public final class MessageRouter {

    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

    private final SipSettings settings;
    private final SipMessages sip;
    private final CallerAuthentication callers;
    private final LocationStore location;
    private final Clock clock;
    private final SmsTexts sms;
    private final XmppChat xmpp;
    private final AccountStore accounts;

    public MessageRouter(SipSettings settings, SipMessages sip, CallerAuthentication callers, AccountStore accounts,
                         LocationStore location, Clock clock,
                         SmsSubmitter submitter, SendingSims sims, MessageLinks links) {
        this.settings = settings;
        this.sip = sip;
        this.callers = callers;
        this.accounts = accounts;
        this.location = location;
        this.clock = clock;
        this.sms = new SmsTexts(submitter, sims, links.defaultRegion());
        this.xmpp = links.xmpp();
    }

    /** Answers {@code event} here, or hands it to {@code proxy} (also for any request that is not such a MESSAGE). */
    public void request(RequestEvent event, Consumer<RequestEvent> proxy) {
        Request request = event.getRequest();
        TextTarget target = Request.MESSAGE.equals(request.getMethod()) && outOfDialogToUs(request)
                ? TextTarget.of(request.getRequestURI(), settings.domain(), settings.host()) : TextTarget.ELSEWHERE;
        if (target == TextTarget.ELSEWHERE) {
            proxy.accept(event);
            return;
        }
        ServerTransaction transaction = sip.serverTransaction(event);
        if (transaction == null) {
            return;   // a retransmission: its transaction answers it
        }
        if (target.isNumber()) {
            callers.check(transaction, request, sender -> toNumber(transaction, request, sender, target.number()));
            return;
        }
        location.lookup(target.localpart(), settings.domain(), clock.instant())
                .any(binding -> binding.live(clock.instant()))
                .subscribe(phones -> {
                    if (phones) {
                        proxy.accept(new RequestEvent(event.getSource(), transaction, event.getDialog(), request));
                    } else {
                        callers.check(transaction, request, sender -> toXmpp(transaction, request, sender, target.localpart()));
                    }
                }, error -> {
                    log.warn("looking up the contacts of {} failed: {}", target.localpart(), error.toString());
                    sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
                });
    }

    private void toNumber(ServerTransaction transaction, Request request, Account sender, String number) {
        String text = text(transaction, request);
        if (text == null) {
            return;
        }
        sms.send(sender, number, text).subscribe(
                queued -> sip.reply(transaction, request, Response.ACCEPTED),
                error -> {
                    if (error instanceof InvalidSmsAddressException) {
                        sip.reply(transaction, request, Response.ADDRESS_INCOMPLETE, "Not a phone number: " + error.getMessage());
                    } else if (error instanceof NoSendingSimException) {
                        sip.reply(transaction, request, Response.TEMPORARILY_UNAVAILABLE, "Cannot send SMS: " + error.getMessage());
                    } else if (error instanceof IllegalArgumentException) {
                        sip.reply(transaction, request, Response.BAD_REQUEST, error.getMessage());
                    } else {
                        log.warn("queueing a SIP MESSAGE from {} as SMS failed", sender.localpart(), error);
                        sip.reply(transaction, request, Response.SERVER_INTERNAL_ERROR);
                    }
                });
    }

    private void toXmpp(ServerTransaction transaction, Request request, Account sender, String localpart) {
        String text = text(transaction, request);
        if (text == null) {
            return;
        }
        // a person of this server; anyone else is answered as the proxy would (no contacts: 404 for nobody)
        accounts.find(localpart).filter(account -> account.kind() == AccountKind.PERSON).hasElement()
                .flatMap(exists -> exists ? xmpp.chat(sender.localpart(), localpart, callId(request), text).thenReturn(Response.ACCEPTED)
                        : Mono.just(Response.NOT_FOUND))
                .subscribe(status -> sip.reply(transaction, request, status), error -> {
                    log.debug("MESSAGE from {} to {} reached no XMPP server: {}", sender.localpart(), localpart, error.toString());
                    sip.reply(transaction, request, Response.TEMPORARILY_UNAVAILABLE);
                });
    }

    /** The body's text, or null once the request was refused for it. */
    private String text(ServerTransaction transaction, Request request) {
        TextBody body = TextBody.of(request);
        if (body instanceof TextBody.Text text) {
            return text.text();
        }
        refuse(transaction, request, (TextBody.Refused) body);
        return null;
    }

    private void refuse(ServerTransaction transaction, Request request, TextBody.Refused refused) {
        sip.reply(transaction, request, refused.status(), response -> {
            try {
                response.setReasonPhrase(refused.reason());
                if (refused.acceptText()) {
                    response.addHeader(sip.headers().createAcceptHeader("text", "plain"));
                }
            } catch (ParseException ignored) {
                // the standard phrase stays
            }
        });
    }

    /** No To tag and no Route but to this server: a MESSAGE that stands alone, addressed here. */
    private boolean outOfDialogToUs(Request request) {
        if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
            return false;
        }
        ListIterator<?> routes = request.getHeaders(RouteHeader.NAME);
        while (routes != null && routes.hasNext()) {
            URI route = ((RouteHeader) routes.next()).getAddress().getURI();
            if (!sip.isThisServer(route)) {
                return false;
            }
        }
        return true;
    }

    private static String callId(Request request) {
        String id = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        return id.length() > 200 ? id.substring(0, 200) : id;
    }
}
