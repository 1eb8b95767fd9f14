package org.switchboard.xmpp.s2s;

/** Where to connect for a remote domain. */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("a host and a port from 1 to 65535 are needed, not " + host + ":" + port);
        }
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
