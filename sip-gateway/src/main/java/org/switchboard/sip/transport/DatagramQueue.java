package org.switchboard.sip.transport;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.lang.reflect.Field;
import java.util.Queue;

/**
 * How long the oldest datagram waiting for one of the stack's UDP threads has waited. JAIN-SIP reads every
 * datagram into one unbounded queue that its {@code THREAD_POOL_SIZE} threads take from; under a load above
 * what they handle the queue grows without end, every message is handled later and later, and its
 * {@code CONGESTION_CONTROL_TIMEOUT} auditor throws away what waited 8 s without answering anyone (ADR 0048).
 * The queue is a protected field the stack offers no getter for, so it is read by reflection, once per
 * processor class; should a later JAIN-SIP rename it, {@link #available()} is false and nothing is shed.
 */
final class DatagramQueue {

    private static final Field QUEUE = queueField();

    private DatagramQueue() {
    }

    private static Field queueField() {
        try {
            Field field = UDPMessageProcessor.class.getDeclaredField("messageQueue");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return QUEUE != null;
    }

    /** Milliseconds the oldest waiting datagram of {@code channel}'s processor has waited at {@code nowMillis}; 0 when none waits. */
    static long oldestWaitMillis(MessageChannel channel, long nowMillis) {
        MessageProcessor processor = channel.getMessageProcessor();
        if (QUEUE == null || !(processor instanceof UDPMessageProcessor)) {
            return 0;
        }
        try {
            Object head = ((Queue<?>) QUEUE.get(processor)).peek();
            return head instanceof DatagramQueuedMessageDispatch waiting ? Math.max(0, nowMillis - waiting.getReceptionTime()) : 0;
        } catch (IllegalAccessException e) {
            return 0;
        }
    }
}
