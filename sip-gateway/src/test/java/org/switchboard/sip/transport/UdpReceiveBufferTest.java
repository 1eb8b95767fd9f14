package org.switchboard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sip.RequestEvent;
import org.junit.jupiter.api.Test;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.sip.SipSettings;

/**
 * The UDP socket's kernel receive buffer is as large as the kernel allows, not the 64 KiB JAIN-SIP leaves it at
 * otherwise: a stall of the reading thread must not drop responses and ACKs (ADR 0048).
 */
class UdpReceiveBufferTest {

    @Test
    void theUdpSocketGetsTheLargestBufferTheKernelGrants() throws Exception {
        // Linux caps SO_RCVBUF at net.core.rmem_max and accounts (and reports) twice what it was given
        Path limit = Path.of("/proc/sys/net/core/rmem_max");
        long expected = Files.isReadable(limit)
                ? Math.min(UdpReceiveBuffer.BYTES, 2 * Long.parseLong(Files.readString(limit).trim()))
                : UdpReceiveBuffer.BYTES;
        CountDownLatch heard = new CountDownLatch(1);
        try (SipTransport transport = SipTransport.open(SipSettings.forTest("buffer.test", "127.0.0.1", 0, -1, -1),
                CertificateProvider.selfSigned(Files.createTempDirectory("buffer-tls"), "buffer.test"), new IgnoringListener() {
                    @Override
                    public void processRequest(RequestEvent event) {
                        heard.countDown();
                    }
                });
             DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThat((long) transport.udpReceiveBufferBytes()).isGreaterThanOrEqualTo(expected).isGreaterThan(128 * 1024);
            // one request through before closing: JAIN-SIP's stop() fails while its UDP threads are still starting
            byte[] options = ("OPTIONS sip:buffer.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort()
                    + ";branch=z9hG4bK-buffer\r\nMax-Forwards: 70\r\nFrom: <sip:a@buffer.test>;tag=a\r\nTo: <sip:buffer.test>\r\n"
                    + "Call-ID: buffer\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), transport.port("UDP")));
            assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
