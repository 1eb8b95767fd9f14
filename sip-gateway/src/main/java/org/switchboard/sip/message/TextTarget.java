package org.switchboard.sip.message;

import java.util.Locale;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import org.switchboard.common.account.Localpart;

/**
 * Whom a MESSAGE's Request-URI names. A phone number is {@code sip:+15551234567@<domain>}, any user part with
 * {@code ;user=phone} (RFC 3261 section 19.1.1), or a {@code tel:} URI (RFC 3966); it is read as typed and
 * normalised with libphonenumber later, like a JID under {@code sms.<domain>}. Any other user part of this
 * domain is an account. Everything else is not for this package (the proxy answers it).
 *
 * @param number    the number as written (visual separators and {@code ;phone-context} kept), or null
 * @param localpart the normalised account localpart, or null
 */
record TextTarget(String number, String localpart) {

    static final TextTarget ELSEWHERE = new TextTarget(null, null);

    boolean isNumber() {
        return number != null;
    }

    boolean isAccount() {
        return localpart != null;
    }

    /** Reads {@code uri} for a server whose domain is {@code domain} and which phones reach at {@code host}. */
    static TextTarget of(URI uri, String domain, String host) {
        if (uri instanceof TelURL tel) {
            String context = tel.getPhoneContext();
            String number = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
            return new TextTarget(context == null || tel.isGlobal() ? number : number + ";phone-context=" + context, null);
        }
        if (!(uri instanceof SipURI sip) || sip.getUser() == null) {
            return ELSEWHERE;
        }
        String target = sip.getHost().toLowerCase(Locale.ROOT);
        if (!target.equalsIgnoreCase(domain) && !target.equalsIgnoreCase(host)) {
            return ELSEWHERE;
        }
        String user = unescape(sip.getUser());
        if ("phone".equalsIgnoreCase(sip.getUserParam()) || user.startsWith("+")) {
            return new TextTarget(user, null);
        }
        String localpart = Localpart.normalizeOrNull(user);
        return localpart == null ? ELSEWHERE : new TextTarget(null, localpart);
    }

    /**
     * The user part with its {@code %HH} escapes decoded (RFC 3261 section 19.1.2; a phone writes {@code %20} for a
     * space it kept). Not URLDecoder: a {@code +} is the number's own. A broken escape stays as written and the
     * number check names it.
     */
    static String unescape(String user) {
        if (user.indexOf('%') < 0) {
            return user;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            int high = c == '%' && i + 2 < user.length() ? Character.digit(user.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(user.charAt(i + 2), 16);
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] plain = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
