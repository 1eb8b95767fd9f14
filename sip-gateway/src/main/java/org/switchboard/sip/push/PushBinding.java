package org.switchboard.sip.push;

import java.util.List;
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
 * @param prid        {@code pn-prid}: the APNs device token (PushKit) or the FCM registration token; Linphone's form
 *                    {@code <token>:voip&<token>:remote} (Flexisip's extension) is kept as its VoIP token
 * @param param       {@code pn-param}: for APNs {@code <team-id>.<bundle-id>.voip} (Linphone's {@code .voip&remote}
 *                    is kept as {@code .voip}), for FCM the project id (kept, unused)
 * @param selfRefresh the Contact carried {@code +sip.pnsreg}: the phone refreshes its binding on its own
 */
public record PushBinding(PushPlatform provider, String prid, String param, boolean selfRefresh) {

    public static final int MAX_PARAM = 255;
    /** RFC 8599 section 9.1: an Apple team id, a dot, the app's topic; only VoIP topics (PushKit) wake for calls. */
    private static final Pattern APNS_PARAM = Pattern.compile(
            "([A-Z0-9]{10})\\.([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+)\\.((?:voip|remote)(?:&(?:voip|remote))?)");
    private static final Pattern TYPED_TOKEN = Pattern.compile("([^:&]+):(voip|remote)");
    private static final Pattern FCM_PARAM = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_PARAM + "}");

    /** Checks the values; an {@link IllegalArgumentException} names the parameter that is wrong. */
    public PushBinding {
        if (prid == null) {
            throw new IllegalArgumentException("pn-prid is required with pn-provider");
        }
        if (provider == PushPlatform.APNS) {
            var matcher = param == null || param.length() > MAX_PARAM ? null : APNS_PARAM.matcher(param);
            if (matcher == null || !matcher.matches() || !List.of(matcher.group(3).split("&")).contains("voip")) {
                throw new IllegalArgumentException("pn-param must be <team-id>.<bundle-id>.voip for apns (a VoIP push)");
            }
            param = matcher.group(1) + "." + matcher.group(2) + ".voip";
            prid = voipToken(prid);
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

    /** {@code <token>:voip&<token>:remote} (Linphone, Flexisip) is its VoIP token; a plain token is itself. */
    private static String voipToken(String prid) {
        if (!prid.contains(":")) {
            return prid;
        }
        for (String typed : prid.split("&", 3)) {
            var matcher = TYPED_TOKEN.matcher(typed);
            if (matcher.matches() && matcher.group(2).equals("voip")) {
                return matcher.group(1);
            }
        }
        throw new IllegalArgumentException("pn-prid names no <token>:voip");
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
