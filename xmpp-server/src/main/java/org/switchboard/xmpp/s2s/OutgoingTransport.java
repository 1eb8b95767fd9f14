package org.switchboard.xmpp.s2s;

import java.security.cert.X509Certificate;
import java.util.List;

/** What an outgoing stream needs from its connection (the Netty side is {@link OutgoingConnection}). */
interface OutgoingTransport {

    void send(String xml);

    /** Puts client TLS under the stream; {@code then} runs on the connection's thread once the handshake succeeded. */
    void startTls(Runnable then);

    void restartParser();

    boolean isSecure();

    List<X509Certificate> peerCertificates();

    void close();

    /** Stops reading the connection until {@link #resumeReading}; what was read already is still delivered. */
    void pauseReading();

    void resumeReading();

    /** Runs {@code task} on the connection's thread. */
    void execute(Runnable task);
}
