package org.switchboard.sip.websocket;

import org.switchboard.common.config.Environment;

/**
 * The SIP WebSocket listeners (docs/sip.md): {@code SWITCHBOARD_SIP_WS_PORT} (5062) for plain WebSocket and
 * {@code SWITCHBOARD_SIP_WSS_PORT} (5063) for WebSocket over TLS with the server certificate; 0 picks a free
 * port, -1 turns the listener off.
 */
public record WebSocketSettings(int wsPort, int wssPort) {

    public static final WebSocketSettings OFF = new WebSocketSettings(-1, -1);

    public static WebSocketSettings from(Environment env) {
        return new WebSocketSettings(env.integer("SWITCHBOARD_SIP_WS_PORT", 5062, -1, 65535),
                env.integer("SWITCHBOARD_SIP_WSS_PORT", 5063, -1, 65535));
    }
}
