package org.switchboard.host;

import java.util.Collections;
import java.util.Arrays;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jxmpp.jid.Jid;
import org.switchboard.host.protocol.CommandParser;
import org.switchboard.host.protocol.HostCommand;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.protocol.PayloadIq;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.protocol.ProtocolError;
import org.switchboard.host.protocol.ProtocolException;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.SimInfo;

/**
 * Answers the gateway's commands (section 4): {@code result} only once a command is in the durable queue,
 * {@code result} again for an id already accepted (without running it twice), and the protocol's errors
 * for everything else. Smack calls the handlers one at a time in arrival order ({@code Mode.sync}), so
 * commands are accepted in the order the gateway sent them.
 */
final class CommandHandler {

    private static final Logger LOG = Logger.getLogger(CommandHandler.class.getName());

    private final Jid gateway;
    private final HostQueue queue;
    private final Radio radio;
    private final Clock clock;
    private final Runnable accepted;

    CommandHandler(Jid gateway, HostQueue queue, Radio radio, Clock clock, Runnable accepted) {
        this.gateway = gateway;
        this.queue = queue;
        this.radio = radio;
        this.clock = clock;
        this.accepted = accepted;
    }

    /** The three handlers to register on a connection. */
    List<IQRequestHandler> handlers() {
        return Arrays.asList(handler(HostProtocol.SEND, IQ.Type.set), handler(HostProtocol.DIAL, IQ.Type.set),
                handler(HostProtocol.SIMS, IQ.Type.get));
    }

    private IQRequestHandler handler(String element, IQ.Type type) {
        return new AbstractIqRequestHandler(element, HostProtocol.NAMESPACE, type, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                return answer(request);
            }
        };
    }

    /** The reply to one command IQ; never throws. */
    IQ answer(IQ request) {
        try {
            if (request.getFrom() == null || !gateway.equals(request.getFrom())) {
                throw ProtocolError.NOT_THE_GATEWAY.with("commands come from " + gateway);
            }
            if (!(request instanceof UnparsedIQ unparsed)) {
                throw ProtocolError.BAD_REQUEST.with("unexpected command form");
            }
            HostCommand command = CommandParser.parse(unparsed.getContent());
            if (command instanceof HostCommand.ListSims) {
                PayloadIq reply = new PayloadIq(Payloads.sims(radio.sims()));
                reply.setType(IQ.Type.result);
                reply.setTo(request.getFrom());
                reply.setStanzaId(request.getStanzaId());
                return reply;
            }
            return accept(request, toQueued(command));
        } catch (ProtocolException e) {
            LOG.fine(() -> "refused " + request.getChildElementName() + ": " + e.error() + " " + e.getMessage());
            return errorReply(request, e.error().toStanzaError(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not store a command", e);
            return errorReply(request, ProtocolError.STORAGE_FAILED.toStanzaError("host storage failed"));
        }
    }

    /**
     * An error reply that echoes only the empty command element: Smack would echo an {@code UnparsedIQ}'s
     * content as escaped text, up to the whole 64 KiB payload.
     */
    private static IQ errorReply(IQ request, StanzaError error) {
        PayloadIq stub = new PayloadIq(new Payload(request.getChildElementName(), Collections.emptyMap(), ""));
        stub.setType(request.getType());
        stub.setStanzaId(request.getStanzaId());
        stub.setFrom(request.getFrom());
        stub.setTo(request.getTo());
        return IQ.createErrorResponse(stub, error);
    }

    private IQ accept(IQ request, QueuedCommand command) throws IOException, ProtocolException {
        if (queue.seen(command.id())) {
            return IQ.createResultIQ(request); // a repeat: accepted before, not run again
        }
        if (command.subscriptionId().isPresent() && !hasSim(command.subscriptionId().getAsInt())) {
            throw ProtocolError.NO_SUCH_SIM.with("no active SIM with subscription-id " + command.subscriptionId().getAsInt());
        }
        switch (queue.accept(command)) {
            case FULL -> throw ProtocolError.QUEUE_FULL.with("the host's queue is full");
            case ACCEPTED -> accepted.run();
            case DUPLICATE -> {
                // accepted by an earlier copy in the meantime
            }
        }
        return IQ.createResultIQ(request);
    }

    private QueuedCommand toQueued(HostCommand command) throws ProtocolException {
        if (command instanceof HostCommand.Send send) {
            if (send.isMms()) {
                throw ProtocolError.NOT_IMPLEMENTED.with("this host sends no MMS (group texts or media) yet");
            }
            return new QueuedCommand(send.id(), QueuedCommand.Kind.SEND, send.subscriptionId(), send.to(), send.body(),
                    clock.instant());
        }
        HostCommand.Dial dial = (HostCommand.Dial) command;
        return new QueuedCommand(dial.id(), QueuedCommand.Kind.DIAL, dial.subscriptionId(), Collections.singletonList(dial.to()), "",
                clock.instant());
    }

    private boolean hasSim(int subscriptionId) {
        for (SimInfo sim : radio.sims()) {
            if (sim.subscriptionId() == subscriptionId) {
                return true;
            }
        }
        return false;
    }
}
