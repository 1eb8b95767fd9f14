package org.switchboard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.common.password.SipDigest;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.limits.SipLimits;

/**
 * While the stack's one UDP thread is held, requests wait in its queue; once the oldest has waited longer than the
 * bound, a request that starts something is answered 503 with Retry-After instead of handled late, and a request
 * inside a dialog still reaches the application. The transport and its stack are the real ones on a real socket;
 * the listener stands in for the gateway's dispatcher, so that its thread can be held for as long as the test needs.
 */
class LoadSheddingTest {

    private static final String HOST = "127.0.0.1";

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private SipTransport transport;
    private DatagramSocket phone;

    /** One listener thread, so holding it holds the queue; {@code maxQueueMillis} the bound (0 off). */
    private void open(int maxQueueMillis) throws Exception {
        SipSettings defaults = SipSettings.forTest("shed.test", HOST, 0, -1, -1);
        SipSettings settings = new SipSettings(defaults.domain(), HOST, HOST, 0, -1, -1, defaults.maxMessageBytes(),
                defaults.maxConnections(), 1, defaults.nonceLifetime(), defaults.minExpires(), defaults.maxExpires(),
                defaults.maxContacts(), defaults.ringTimeout(), List.of(SipDigest.MD5), defaults.pushWait(),
                defaults.pushRemember(), SipLimits.OFF.withMaxQueueMillis(maxQueueMillis));
        transport = SipTransport.open(settings, CertificateProvider.selfSigned(Files.createTempDirectory("shed-tls"), "shed.test"),
                new HoldingListener());
        phone = new DatagramSocket(0, InetAddress.getByName(HOST));
        phone.setSoTimeout(5000);
    }

    @AfterEach
    void close() {
        release.countDown();
        if (phone != null) {
            phone.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void aNewRequestBehindAQueueOlderThanTheBoundIsToldToComeBackAndADialogsRequestStillPasses() throws Exception {
        open(200);
        send(request("OPTIONS", "first", null));
        assertThat(held.await(10, TimeUnit.SECONDS)).as("the first request holds the only thread").isTrue();
        send(request("INVITE", "new-call", null));
        send(request("BYE", "call-in-progress", "callee-tag"));
        send(request("OPTIONS", "last", null));
        Thread.sleep(1000);   // every one of them now waits longer than the 200 ms bound, with room for a slow machine
        release.countDown();

        String refusal = receive("new-call");
        assertThat(refusal).as("the INVITE that waited behind the queue").startsWith("SIP/2.0 503 ").contains("Retry-After: 1");
        assertThat(refusal).containsPattern("To: <sip:someone@shed.test>;tag=\\S+");
        awaitHandled(3);
        // the BYE of a call already up is handled though it waited as long; the last one found nothing behind it
        assertThat(handled).containsExactly("OPTIONS first", "BYE call-in-progress", "OPTIONS last");
        assertThat(transport.shedRequests()).isEqualTo(1);
    }

    @Test
    void withoutABoundNothingIsRefused() throws Exception {
        open(0);
        send(request("OPTIONS", "first", null));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        send(request("INVITE", "new-call", null));
        send(request("OPTIONS", "last", null));
        Thread.sleep(1000);   // as long as above
        release.countDown();

        awaitHandled(3);
        assertThat(handled).containsExactly("OPTIONS first", "INVITE new-call", "OPTIONS last");
        assertThat(transport.shedRequests()).isZero();
    }

    private String request(String method, String callId, String toTag) {
        int port = phone.getLocalPort();
        return method + " sip:someone@shed.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + HOST + ":" + port + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@shed.test>;tag=caller-tag\r\n"
                + "To: <sip:someone@shed.test>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:caller@" + HOST + ":" + port + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void send(String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        phone.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(HOST), transport.port("UDP")));
    }

    /** The next response for {@code callId}; fails when none comes within the socket's timeout. */
    private String receive(String callId) throws Exception {
        byte[] buffer = new byte[65_535];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                phone.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no response for " + callId, e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (text.contains("Call-ID: " + callId + "\r\n")) {
                return text;
            }
        }
    }

    private void awaitHandled(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handled.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);   // and nothing more comes
    }

    private final class HoldingListener implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
            handled.add(event.getRequest().getMethod() + " " + ((CallIdHeader) event.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
            if (held.getCount() > 0) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override public void processResponse(ResponseEvent event) { }
        @Override public void processTimeout(TimeoutEvent event) { }
        @Override public void processIOException(IOExceptionEvent event) { }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
    }
}
