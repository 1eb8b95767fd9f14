package org.switchboard.sip.push;

import java.util.Locale;
import java.util.regex.Pattern;
import org.switchboard.common.push.PushKind;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.common.push.PushRegistration;
import org.switchboard.common.push.PushTarget;

/**
 * The push half of a registered contact (RFC 8599 section 4.1.2): which service wakes it and how that service
 * names the device. Checked for shape when the phone registers, since the values later go to Apple or Google.
 *
 * @param provider    {@code pn-provider}: {@code apns} or {@code fcm}
 * @param prid        {@code pn-prid}: the APNs device token (PushKit) or the FCM registration token
 * @param param       {@code pn-param}: for APNs {@code <team-id>.<bundle-id>.voip}, for FCM the project id (kept, unused)
 * @param selfRefresh the Contact carried {@code +sip.pnsreg}: the phone refreshes its binding on its own
 */
public record PushBinding(PushPlatform provider, String prid, String param, boolean selfRefresh) {

    public static final int MAX_PARAM = 255;
    /** RFC 8599 section 9.1: an Apple team id, a dot, the app's topic; only VoIP topics (PushKit) wake for calls. */
    private static final Pattern APNS_PARAM = Pattern.compile("([A-Z0-9]{10})\\.([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+)\\.voip");
    private static final Pattern FCM_PARAM = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_PARAM + "}");

    /** Checks the values; an {@link IllegalArgumentException} names the parameter that is wrong. */
    public PushBinding {
        if (prid == null) {
            throw new IllegalArgumentException("pn-prid is required with pn-provider");
        }
        if (provider == PushPlatform.APNS) {
            if (param == null || !APNS_PARAM.matcher(param).matches() || param.length() > MAX_PARAM) {
                throw new IllegalArgumentException("pn-param must be <team-id>.<bundle-id>.voip for apns (a VoIP push)");
            }
        } else if (param != null && !FCM_PARAM.matcher(param).matches()) {
            throw new IllegalArgumentException("pn-param must be the Firebase project id for fcm");
        }
        try {
            // the same token rules as tokens registered over the REST API
            prid = new PushRegistration("sip", provider, kind(provider), prid, provider == PushPlatform.APNS ? bundle(param) : "sip.contact")
                    .token();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pn-prid: " + e.getMessage().replaceFirst("^token ", ""));
        }
    }

    /** The target of a call push: an APNs VoIP push on topic {@code <bundle-id>.voip}, or a high-priority FCM data message. */
    public PushTarget target() {
        // FCM: no package to restrict the message to is known from SIP (pn-param is the project), so none is named
        return new PushTarget(provider, kind(provider), prid, provider == PushPlatform.APNS ? bundle(param) : "");
    }

    /** The APNs bundle id, which the dispatcher turns into the VoIP topic {@code <bundle-id>.voip}. */
    public String bundle() {
        return bundle(param);
    }

    private static String bundle(String param) {
        var matcher = APNS_PARAM.matcher(param);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("pn-param must be <team-id>.<bundle-id>.voip");
        }
        return matcher.group(2);
    }

    private static PushKind kind(PushPlatform provider) {
        return provider == PushPlatform.APNS ? PushKind.VOIP : PushKind.DATA;
    }

    /** The provider named {@code value} in lower case, or null when this server does not know it. */
    public static PushPlatform provider(String value) {
        try {
            return PushPlatform.fromWire(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
