package org.switchboard.turn.stun;

/** Input that is not a well-formed STUN or ChannelData message: dropped and counted, never answered. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
