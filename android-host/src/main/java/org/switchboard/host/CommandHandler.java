package org.switchboard.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jxmpp.jid.Jid;
import org.switchboard.host.protocol.CommandParser;
import org.switchboard.host.protocol.HostCommand;
import org.switchboard.host.mms.MediaSource;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.MediaRef;
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
 * commands are written in the order the gateway sent them; their answers go from a thread of their own once
 * the fsync covering them returned, so the next commands are written meanwhile and share that fsync. A
 * {@code commands} batch (section 4.4) is written command by command and answered once, naming those refused.
 */
final class CommandHandler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommandHandler.class.getName());

    private final Jid gateway;
    private final HostQueue queue;
    private final Radio radio;
    private final Clock clock;
    private final Runnable accepted;
    /** Answers to accepted commands, in the order the commands were written. */
    private final ExecutorService answers = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final MediaSource mediaSource;

    CommandHandler(Jid gateway, HostQueue queue, Radio radio, Clock clock, Runnable accepted, MediaSource mediaSource) {
        this.gateway = gateway;
        this.mediaSource = mediaSource;
        this.queue = queue;
        this.radio = radio;
        this.clock = clock;
        this.accepted = accepted;
    }

    /** The handlers to register on a connection; accepted commands are answered on it. */
    List<IQRequestHandler> handlers(XMPPConnection connection) {
        return Arrays.asList(handler(HostProtocol.SEND, IQ.Type.set, connection), handler(HostProtocol.DIAL, IQ.Type.set, connection),
                handler(HostProtocol.SIMS, IQ.Type.get, connection), handler(HostProtocol.COMMANDS, IQ.Type.set, connection));
    }

    private IQRequestHandler handler(String element, IQ.Type type, XMPPConnection connection) {
        return new AbstractIqRequestHandler(element, HostProtocol.NAMESPACE, type, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                // null: the answer is sent later, on the same connection, once the command is durable
                return answer(request, connection);
            }
        };
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }

    /** The reply to one command IQ, or null when it is sent later on {@code connection}; never throws. */
    IQ answer(IQ request, XMPPConnection connection) {
        try {
            if (request.getFrom() == null || !gateway.equals(request.getFrom())) {
                throw ProtocolError.NOT_THE_GATEWAY.with("commands come from " + gateway);
            }
            if (!(request instanceof UnparsedIQ unparsed)) {
                throw ProtocolError.BAD_REQUEST.with("unexpected command form");
            }
            if (HostProtocol.COMMANDS.equals(request.getChildElementName())) {
                return acceptBatch(request, CommandParser.parseBatch(unparsed.getContent()), connection);
            }
            HostCommand command = CommandParser.parse(unparsed.getContent());
            if (command instanceof HostCommand.ListSims) {
                return result(request, Payloads.sims(radio.sims()));
            }
            return accept(request, toQueued(command), connection);
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

    private IQ accept(IQ request, QueuedCommand command, XMPPConnection connection) throws IOException, ProtocolException {
        HostQueue.Written<HostQueue.Acceptance> written = write(command);
        // ACCEPTED, or DUPLICATE (a repeat, or accepted by an earlier copy in the meantime): result once durable
        answers.execute(() -> answerWhenDurable(request, List.of(written), Collections.emptyList(), connection));
        return null;
    }

    /**
     * A batch (section 4.4): each command written as if it had come alone, the refused ones named in the one
     * {@code result}, which goes once the last write is durable. A storage failure fails the whole IQ, and
     * the gateway sends all of it again (what was written is answered as a repeat then).
     */
    private IQ acceptBatch(IQ request, List<CommandParser.BatchItem> items, XMPPConnection connection) throws IOException {
        List<HostQueue.Written<HostQueue.Acceptance>> written = new ArrayList<>();
        List<CommandParser.BatchItem> refused = new ArrayList<>();
        for (CommandParser.BatchItem item : items) {
            try {
                if (item.refused() != null) {
                    throw item.refused();
                }
                written.add(write(toQueued(item.command())));
            } catch (ProtocolException e) {
                LOG.fine(() -> "refused command " + item.id() + ": " + e.error() + " " + e.getMessage());
                refused.add(new CommandParser.BatchItem(item.id(), null, e));
            }
        }
        answers.execute(() -> answerWhenDurable(request, written, refused, connection));
        return null;
    }

    /** Writes a command to the queue (or finds it there: a repeat is not run twice); durable at the ticket. */
    private HostQueue.Written<HostQueue.Acceptance> write(QueuedCommand command) throws IOException, ProtocolException {
        HostQueue.Written<Boolean> seen = queue.seenLater(command.id());
        if (seen.value()) {
            // a repeat: accepted before, not run again; answered once that acceptance is durable
            return new HostQueue.Written<>(HostQueue.Acceptance.DUPLICATE, seen.ticket());
        }
        if (command.subscriptionId().isPresent() && !hasSim(command.subscriptionId().getAsInt())) {
            throw ProtocolError.NO_SUCH_SIM.with("no active SIM with subscription-id " + command.subscriptionId().getAsInt());
        }
        HostQueue.Written<HostQueue.Acceptance> written = queue.acceptLater(command);
        if (written.value() == HostQueue.Acceptance.FULL) {
            throw ProtocolError.QUEUE_FULL.with("the host's queue is full");
        }
        return written;
    }

    private void answerWhenDurable(IQ request, List<HostQueue.Written<HostQueue.Acceptance>> written,
                                   List<CommandParser.BatchItem> refused, XMPPConnection connection) {
        IQ reply;
        try {
            if (!written.isEmpty()) {
                queue.awaitDurable(written.stream().mapToLong(HostQueue.Written::ticket).max().getAsLong());
            }
            if (written.stream().anyMatch(w -> w.value() == HostQueue.Acceptance.ACCEPTED)) {
                accepted.run();
            }
            reply = refused.isEmpty() && !HostProtocol.COMMANDS.equals(request.getChildElementName()) ? IQ.createResultIQ(request)
                    : result(request, Payloads.refusals(refused));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not store a command", e);
            reply = errorReply(request, ProtocolError.STORAGE_FAILED.toStanzaError("host storage failed"));
        }
        try {
            connection.sendStanza(reply);
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            // the gateway sends the command again after the reconnect, and gets result for the id it knows
            LOG.fine(() -> "the answer to command " + request.getStanzaId() + " was not sent: " + e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IQ result(IQ request, Payload payload) {
        PayloadIq reply = new PayloadIq(payload);
        reply.setType(IQ.Type.result);
        reply.setTo(request.getFrom());
        reply.setStanzaId(request.getStanzaId());
        return reply;
    }

    private QueuedCommand toQueued(HostCommand command) throws ProtocolException {
        if (command instanceof HostCommand.Send send) {
            if (send.isMms() && !radio.sendsMms()) {
                throw ProtocolError.NOT_IMPLEMENTED.with("this phone's radio sends no MMS (group texts or media)");
            }
            for (MediaRef media : send.media()) {
                String refused = mediaSource.refusal(media.url());
                if (refused != null) {
                    throw ProtocolError.BAD_REQUEST.with(refused);
                }
            }
            return new QueuedCommand(send.id(), QueuedCommand.Kind.SEND, send.subscriptionId(), send.to(), send.body(),
                    clock.instant(), send.media());
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
