package org.switchboard.xmpp.transport;

import io.netty.channel.Channel;

/**
 * Whether a connection is read from. Two parties may stop it: the stream while it works on a stanza, and
 * the rate limit; reading goes on only when neither holds it. Used on the channel's event loop only.
 */
public final class ReadGate {

    private final Channel channel;
    private boolean busy;
    private boolean overRate;

    public ReadGate(Channel channel) {
        this.channel = channel;
    }

    public void busy(boolean held) {
        busy = held;
        apply();
    }

    void overRate(boolean held) {
        overRate = held;
        apply();
    }

    private void apply() {
        channel.config().setAutoRead(!busy && !overRate);
    }
}
