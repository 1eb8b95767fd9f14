package org.switchboard.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        try (SipTransport transport = SipTransport.open(SipSettings.forTest("buffer.test", "127.0.0.1", 0, -1, -1),
                CertificateProvider.selfSigned(Files.createTempDirectory("buffer-tls"), "buffer.test"), new IgnoringListener())) {
            assertThat((long) transport.udpReceiveBufferBytes()).isGreaterThanOrEqualTo(expected).isGreaterThan(128 * 1024);
        }
    }
}
