package gov.nist.javax.sip.stack;

import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's UDP listener, reading every datagram into one buffer it keeps and handing the stack's UDP threads a
 * copy as long as the datagram. The stack's own listener allocates a buffer of the largest message size (16 KiB
 * here) for every datagram and hands that over; at a few thousand requests a second those buffers were a third of
 * everything the gateway allocated (ADR 0058). Everything else is the stack's: the same socket, queue, threads
 * ({@link UDPMessageChannel}, which parse and handle each datagram) and the same truncation of a datagram longer
 * than the buffer.
 *
 * <p>It lives in JAIN-SIP's package because those threads can only be made from there; it is Switchboard's code,
 * named in {@code org.switchboard.sip.websocket.WebSocketProcessorFactory}.
 */
public final class CompactUdpMessageProcessor extends UDPMessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(CompactUdpMessageProcessor.class);
    /** Receive failures logged at warning level before the rest go to debug, so a broken socket cannot flood the log. */
    private static final int FAILURES_WARNED = 10;

    private final int bufferBytes;
    private int failures;

    public CompactUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        // what the stack's factory does beside making its UDP listener: without it every UDP message leaves from a
        // fresh socket, and the answers of phones that reply to the source port never come back
        stack.udpFlag = true;
        // the stack's own rule for its per-datagram buffer
        int limit = stack.getMaxMessageSize();
        this.bufferBytes = limit > 0 && limit < SipStackImpl.MAX_DATAGRAM_SIZE ? limit : SipStackImpl.MAX_DATAGRAM_SIZE;
    }

    @Override
    public void run() {
        messageChannels = new LinkedList<>();
        if (sipStack.threadPoolSize != -1) {
            String stackName = ((SipStackImpl) sipStack).getStackName();
            for (int i = 0; i < sipStack.threadPoolSize; i++) {
                messageChannels.add(new UDPMessageChannel(sipStack, this, stackName + "-UDPMessageChannelThread-" + i));
            }
        }
        // the stack has an auditor only when THREAD_AUDIT_INTERVAL_IN_MILLISECS is set
        ThreadAuditor.ThreadHandle auditor = sipStack.getThreadAuditor() == null ? null : sipStack.getThreadAuditor().addCurrentThread();
        byte[] buffer = new byte[bufferBytes];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                if (auditor != null) {
                    auditor.ping();
                }
                received.setData(buffer);   // the whole buffer again: receive shrinks the length to the last datagram's
                sock.receive(received);
                int length = received.getLength();
                DatagramPacket datagram = new DatagramPacket(Arrays.copyOf(buffer, length), length,
                        received.getAddress(), received.getPort());
                if (sipStack.threadPoolSize != -1) {
                    messageQueue.offer(new DatagramQueuedMessageDispatch(datagram, System.currentTimeMillis()));
                } else {
                    new UDPMessageChannel(sipStack, this, datagram);
                }
            } catch (SocketTimeoutException auditorPing) {
                // the socket times out only so the auditor hears from this thread
            } catch (IOException | RuntimeException e) {
                if (!isRunning) {
                    return;
                }
                failures++;
                if (failures <= FAILURES_WARNED) {
                    log.warn("receiving on UDP {}:{} failed ({} of the first {} shown): {}", getIpAddress().getHostAddress(),
                            getPort(), failures, FAILURES_WARNED, e.toString());
                } else {
                    log.debug("receiving on UDP {}:{} failed: {}", getIpAddress().getHostAddress(), getPort(), e.toString());
                }
            }
        }
    }
}
