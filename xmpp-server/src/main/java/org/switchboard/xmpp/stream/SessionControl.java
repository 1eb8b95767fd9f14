package org.switchboard.xmpp.stream;

import org.switchboard.xmpp.bind.ResourceBinding;
import org.switchboard.xmpp.session.BoundSession;
import org.switchboard.xmpp.session.DirectOutput;
import org.switchboard.xmpp.session.SessionOutput;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.stanza.StreamError;
import org.switchboard.xmpp.xep.csi.ClientStateFilter;
import org.switchboard.xmpp.xep.ping.ServerPing;
import org.switchboard.xmpp.xep.sm.AckedOutput;
import org.switchboard.xmpp.xep.sm.StreamManagement;
import reactor.core.publisher.Mono;

/**
 * The session side of an authenticated client stream: binding a resource, or resuming a session instead
 * (XEP-0198), client state (XEP-0352), pings of a quiet connection (XEP-0199), and what happens to the
 * session when the stream ends. Runs on the stream's thread.
 */
final class SessionControl implements StreamManagement.Host {

    private final C2sStream stream;
    private final StreamTransport transport;
    private final StreamDependencies deps;
    private final Jid account;
    private final StreamManagement streamManagement;
    private BoundSession session;
    private ClientStateFilter clientState;
    private ServerPing ping;
    private boolean handedOver;

    SessionControl(C2sStream stream, StreamTransport transport, StreamDependencies deps, String localpart) {
        this.stream = stream;
        this.transport = transport;
        this.deps = deps;
        this.account = Jid.of(localpart, deps.domain(), null);
        this.streamManagement = new StreamManagement(new C2sLink(this, transport), deps.keeper().resumptions(),
                deps.keeper().timeouts().smResume(), this);
    }

    void bind(Stanza request) {
        if (!ResourceBinding.isBindRequest(request)) {
            stream.fail(StreamError.NOT_AUTHORIZED, "bind a resource first");
            return;
        }
        Jid jid;
        try {
            jid = ResourceBinding.fullJid(request, account.localpart(), deps.domain());
        } catch (JidFormatException e) {
            transport.send(request.errorReply(StanzaError.BAD_REQUEST, e.getMessage()).toXml());
            return;
        }
        clientState = new ClientStateFilter(new DirectOutput(transport, stream::fail));
        BoundSession bound = new BoundSession(jid, clientState);
        deps.sessions().bind(bound).ifPresent(old -> old.close(StreamError.CONFLICT, "replaced by a new session for the same resource"));
        attached(bound);
        transport.send(ResourceBinding.result(request, jid).toXml());
        stream.await(deps.modules().sessionStarted(deps.context().forSession(jid)));
    }

    private void attached(BoundSession bound) {
        session = bound;
        ping = new ServerPing(deps.context().serverJid(), deps.keeper().timeouts().pingTimeout(), transport::schedule,
                () -> stream.fail(StreamError.CONNECTION_TIMEOUT, "no answer to a ping"));
    }

    /** A stanza from the client, once it has been handled: stream management counts it. */
    Mono<Void> counted(Mono<Void> handling) {
        return handling.then(Mono.fromRunnable(streamManagement::handledOne));
    }

    /** Stream management counts one more stanza of the client's as handled. */
    void handledOne() {
        streamManagement.handledOne();
    }

    /** An answer to the server's own ping is settled here rather than routed. */
    boolean isPingAnswer(Stanza stanza) {
        if (ping != null && ping.isAnswer(stanza)) {
            streamManagement.handledOne();
            return true;
        }
        return false;
    }

    void streamManagement(Element element) {
        streamManagement.handle(element);
    }

    void clientState(Element element) {
        if (clientState == null) {
            // before a resource is bound there is nothing to filter; XEP-0352 names no error for it
            return;
        }
        if (element.name().equals("active") || element.name().equals("inactive")) {
            clientState.state(element.name().equals("active"));
        } else {
            stream.fail(StreamError.UNSUPPORTED_STANZA_TYPE, "unknown client state " + element.name());
        }
    }

    void quiet() {
        if (session != null && !handedOver) {
            ping.quiet(session);
        }
    }

    /**
     * Another stream resumed this stream's session: this one closes and leaves the session alone, once the
     * stanza it may be handling is done and counted, so the h the new stream reports includes it.
     */
    void handOver(Runnable then) {
        stream.whenIdle(() -> {
            handedOver = true;
            stream.closeQuietly();
            then.run();
        });
    }

    /** The connection is gone: a resumable session is detached, any other ends now. */
    void terminated(boolean onPurpose) {
        if (ping != null) {
            ping.stop();
        }
        BoundSession ending = session;
        if (ending == null || handedOver) {
            return;
        }
        if (onPurpose || !streamManagement.detach(() -> deps.keeper().end(ending))) {
            deps.keeper().end(ending);
        }
    }

    @Override
    public Jid account() {
        return account;
    }

    @Override
    public BoundSession session() {
        return session;
    }

    @Override
    public void install(SessionOutput output) {
        clientState.next(output);
    }

    @Override
    public void adopt(BoundSession resumed, AckedOutput output) {
        attached(resumed);
        clientState = resumed.output() instanceof ClientStateFilter filter ? filter : null;
        if (clientState != null) {
            // XEP-0352 section 5.2: the state is not restored on resumption; a new stream starts active
            clientState.state(true);
        }
    }

    @Override
    public void fail(StreamError error, String text) {
        stream.fail(error, text);
    }

    @Override
    public void fail(StreamError error, String text, String applicationCondition) {
        stream.fail(error, text, applicationCondition);
    }

    @Override
    public void await(Mono<Boolean> work, Runnable then) {
        stream.await(work, done -> then.run());
    }
}
