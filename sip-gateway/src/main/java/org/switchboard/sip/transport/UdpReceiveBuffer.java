package org.switchboard.sip.transport;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.SocketException;
import javax.sip.ListeningPoint;

/**
 * The kernel's receive buffer of the UDP listening socket. JAIN-SIP sets it to its {@code RECEIVE_UDP_BUFFER_SIZE},
 * 64 KiB unless told otherwise: less than Linux's own default, room for about a hundred small datagrams. One thread
 * reads the socket; when it gets no CPU for a few tens of milliseconds on a busy machine (bench/sip at 300 calls/s
 * sends it 2,400 datagrams a second), the kernel drops what does not fit, silently — a 200 to a BYE, a 180, an
 * ACK, each a call that fails (ADR 0048). The buffer asked for is {@link #BYTES}; Linux caps it at
 * {@code net.core.rmem_max}, so the size it gave is read back (the socket is a protected field the stack offers no
 * getter for) and a smaller one is logged at start.
 */
final class UdpReceiveBuffer {

    /** What the stack is asked for: about 8,000 small datagrams, a second of a heavy load. */
    static final int BYTES = 8 * 1024 * 1024;

    private UdpReceiveBuffer() {
    }

    /** The receive buffer the kernel gave {@code point}'s socket, as the socket reports it, or -1 when unknown. */
    static int granted(ListeningPoint point) {
        if (!(point instanceof ListeningPointImpl impl) || !(impl.getMessageProcessor() instanceof UDPMessageProcessor processor)) {
            return -1;
        }
        try {
            Field field = UDPMessageProcessor.class.getDeclaredField("sock");
            field.setAccessible(true);
            return ((DatagramSocket) field.get(processor)).getReceiveBufferSize();
        } catch (NoSuchFieldException | IllegalAccessException | SocketException | RuntimeException e) {
            return -1;
        }
    }
}
