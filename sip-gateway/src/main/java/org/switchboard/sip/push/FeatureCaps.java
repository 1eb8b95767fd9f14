package org.switchboard.sip.push;

import java.text.ParseException;
import java.time.Duration;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import org.switchboard.common.push.PushPlatform;

/**
 * The {@code Feature-Caps} header (RFC 6809) with the indicators of RFC 8599 section 10: {@code +sip.pns} names
 * a push service this server supports, {@code +sip.pnsreg} tells a phone that refreshes its own binding how many
 * seconds before expiry to do so.
 */
public final class FeatureCaps {

    public static final String NAME = "Feature-Caps";

    private FeatureCaps() {
    }

    /** {@code *;+sip.pns="apns"} and, for a phone that refreshes itself, {@code ;+sip.pnsreg="120"}. */
    public static Header header(HeaderFactory headers, PushPlatform provider, Duration selfRefreshBefore) throws ParseException {
        String value = "*;+sip.pns=\"" + provider.wire() + "\"";
        if (selfRefreshBefore != null) {
            value += ";+sip.pnsreg=\"" + selfRefreshBefore.toSeconds() + "\"";
        }
        return headers.createHeader(NAME, value);
    }
}
