package org.switchboard.common.push;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a push may carry. There is deliberately no field for message text: a push goes through Apple's
 * or Google's servers, so what a person wrote never does (DESIGN.md "XMPP server", issue 12).
 *
 * @param sender who the message or call is from (a bare JID or number), or null when the owner does not want it shown
 * @param callId the call a VoIP push is about, or null
 * @param count  how many messages are waiting, or null
 */
public record PushContent(Type type, String sender, String callId, Integer count) {

    public static final int MAX_SENDER = 3071;
    public static final int MAX_CALL_ID = 128;
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:@+-]{1," + MAX_CALL_ID + "}");

    /** Why the phone is woken. */
    public enum Type {
        MESSAGE, CALL, HOST_WAKE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public PushContent {
        Objects.requireNonNull(type, "type");
        if (sender != null && (sender.isEmpty() || sender.length() > MAX_SENDER || sender.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("sender must be 1 to " + MAX_SENDER + " characters without control characters");
        }
        if (callId != null && !CALL_ID.matcher(callId).matches()) {
            throw new IllegalArgumentException("call id must be 1 to " + MAX_CALL_ID + " of A-Z a-z 0-9 . _ : @ + -");
        }
        if (count != null && (count < 0 || count > 1_000_000)) {
            throw new IllegalArgumentException("count must be 0 to 1000000");
        }
    }

    public static PushContent message(String sender, Integer count) {
        return new PushContent(Type.MESSAGE, sender, null, count);
    }

    public static PushContent call(String caller, String callId) {
        return new PushContent(Type.CALL, caller, callId, null);
    }

    public static PushContent hostWake() {
        return new PushContent(Type.HOST_WAKE, null, null, null);
    }

    public PushContent withoutSender() {
        return sender == null ? this : new PushContent(type, null, callId, count);
    }
}
