package org.switchboard.sip.proxy;

import java.util.ListIterator;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.switchboard.common.password.SipDigest;

/**
 * RFC 3261 16.6 step 8 and 16.3 step 4: this server's branch ids carry a hash of what identifies the request
 * as it arrived, so the same request reaching it again (a loop, not a spiral through a changed Request-URI)
 * is recognised by a Via of ours holding the same hash.
 */
final class LoopDetector {

    static final String PREFIX = "z9hG4bK-sb";

    private LoopDetector() {
    }

    static String hash(Request request) {
        String tags = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag() + "|" + ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        String text = request.getRequestURI() + "|" + tags + "|" + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId()
                + "|" + ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        return SipDigest.SHA_256.hex(text).substring(0, 16);
    }

    /** A fresh branch for a request forwarded from one that arrived with {@code hash}. */
    static String branch(String hash, int index) {
        return PREFIX + hash + "." + index + "." + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /** Whether a Via sent by {@code host} already carries this request's hash. */
    static boolean looped(Request request, String host, String hash) {
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias.hasNext()) {
            ViaHeader via = (ViaHeader) vias.next();
            String branch = via.getBranch();
            if (host.equalsIgnoreCase(via.getHost()) && branch != null && branch.startsWith(PREFIX + hash + ".")) {
                return true;
            }
        }
        return false;
    }
}
