package org.switchboard.xmpp;

/**
 * Where the XMPP server listens. Port 0 picks a free port (tests).
 *
 * @param bindAddress          client listen address ({@code SWITCHBOARD_XMPP_BIND}, default 0.0.0.0)
 * @param c2sPort              STARTTLS client port ({@code SWITCHBOARD_XMPP_C2S_PORT}, 5222)
 * @param directTlsPort        direct TLS client port, XEP-0368 ({@code SWITCHBOARD_XMPP_TLS_PORT}, 5223)
 * @param componentBindAddress XEP-0114 listen address ({@code SWITCHBOARD_XMPP_COMPONENT_BIND}, default 127.0.0.1):
 *                             the component protocol has no TLS, so its traffic stays on the host unless an operator
 *                             opens it on purpose
 * @param componentPort        XEP-0114 port ({@code SWITCHBOARD_XMPP_COMPONENT_PORT}, 5275)
 */
public record Listeners(String bindAddress, int c2sPort, int directTlsPort, String componentBindAddress, int componentPort) {

    /** Loopback and free ports: what tests and embedding use. */
    public static final Listeners LOOPBACK_FREE_PORTS = new Listeners("127.0.0.1", 0, 0, "127.0.0.1", 0);

    public Listeners withC2sPort(int port) {
        return new Listeners(bindAddress, port, directTlsPort, componentBindAddress, componentPort);
    }
}
