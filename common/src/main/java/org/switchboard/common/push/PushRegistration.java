package org.switchboard.common.push;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A token an app registers, checked for shape: a token of the wrong shape can only be a mistake or an attack,
 * and either should be refused before it is stored or sent to Apple or Google.
 */
public record PushRegistration(String deviceId, PushPlatform platform, PushKind kind, String token, String appId) {

    public static final int MAX_DEVICE_ID = 64;
    public static final int MAX_APP_ID = 155;
    /** APNs device tokens are hex; today 32 bytes, and Apple says they may grow (to at most 100 bytes). */
    static final Pattern APNS_TOKEN = Pattern.compile("(?:[0-9a-fA-F]{2}){32,100}");
    /**
     * FCM registration tokens are URL-safe text, about 160 characters today; 1024 is a generous ceiling, and the
     * most a token column with a unique index takes safely.
     */
    public static final int MAX_FCM_TOKEN = 1024;
    static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:.-]{32," + MAX_FCM_TOKEN + "}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_DEVICE_ID + "}");
    /** A reverse-DNS bundle id or Android package name. */
    private static final Pattern APP_ID = Pattern.compile("(?=.{3," + MAX_APP_ID + "}$)[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

    /**
     * Checks every field; an {@link IllegalArgumentException} whose message starts with the field's name says
     * what was wrong. An APNs token is kept in lower case, so the same token in another case is the same token.
     */
    public PushRegistration {
        checkDeviceId(deviceId);
        if (platform == null || kind == null) {
            throw new IllegalArgumentException((platform == null ? "platform" : "kind") + " is required");
        }
        if (!platform.carries(kind)) {
            throw new IllegalArgumentException("kind " + kind.wire() + " is not available on " + platform.wire()
                    + "; use one of " + platform.kinds().stream().map(PushKind::wire).sorted().toList());
        }
        if (token == null) {
            throw new IllegalArgumentException("token is required");
        }
        if (platform == PushPlatform.APNS) {
            if (!APNS_TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("token must be an APNs device token: 64 to 200 hex digits, an even number");
            }
            token = HexFormat.of().formatHex(HexFormat.of().parseHex(token.toLowerCase(Locale.ROOT)));
        } else if (!FCM_TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("token must be an FCM registration token: 32 to " + MAX_FCM_TOKEN + " of A-Z a-z 0-9 _ : . -");
        }
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            throw new IllegalArgumentException("app_id must be the app's bundle id or package name (like org.example.chat), "
                    + "at most " + MAX_APP_ID + " characters");
        }
    }

    /** A device id: 1 to 64 of A-Z a-z 0-9 . _ : - (the app's own stable name for the installation). */
    public static String checkDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device_id must be 1 to " + MAX_DEVICE_ID + " of A-Z a-z 0-9 . _ : -");
        }
        return deviceId;
    }
}
