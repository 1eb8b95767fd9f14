package org.switchboard.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.BindingChange;
import org.switchboard.sip.location.RegistrationRefused;

/**
 * The contacts of a REGISTER turned into binding changes (RFC 3261 section 10.3 steps 6 and 7), with the
 * expiry each asks for bounded by the settings.
 *
 * @param removeAll {@code Contact: *} with {@code Expires: 0}
 */
record ContactRequest(List<BindingChange> changes, boolean removeAll) {

    static final int MAX_CONTACT_URI = 1024;

    static ContactRequest parse(Request request, SipSettings settings, String sourceAddress, int sourcePort, String transport,
                                Instant now) {
        ExpiresHeader expiresHeader = request.getExpires();
        long defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : SipSettings.DEFAULT_EXPIRES.toSeconds();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        UserAgentHeader agentHeader = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String agent = agentHeader == null ? null : truncate(String.join(" ", stringsOf(agentHeader.getProduct())), 256);
        List<BindingChange> changes = new ArrayList<>();
        boolean removeAll = false;
        ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.isWildCard()) {
                if (defaultExpires != 0 || changes.size() > 0 || contacts.hasNext()) {
                    throw new RegistrationRefused(400, "Contact: * only alone and with Expires: 0");
                }
                removeAll = true;
                continue;
            }
            if (removeAll) {
                throw new RegistrationRefused(400, "Contact: * only alone and with Expires: 0");
            }
            String uri = contact.getAddress().getURI().toString();
            if (uri.length() > MAX_CONTACT_URI) {
                throw new RegistrationRefused(400, "Contact URI longer than " + MAX_CONTACT_URI);
            }
            if (changes.size() >= settings.maxContacts()) {
                throw new RegistrationRefused(403, "at most " + settings.maxContacts() + " contacts per account");
            }
            long expires = contact.getExpires() >= 0 ? contact.getExpires() : defaultExpires;
            if (expires > 0 && expires < settings.minExpires().toSeconds()) {
                throw new RegistrationRefused(423, "Interval Too Brief");
            }
            expires = Math.min(expires, settings.maxExpires().toSeconds());
            Binding binding = new Binding(uri, callId, cseq, sourceAddress, sourcePort, transport, agent,
                    now.plus(Duration.ofSeconds(expires)));
            changes.add(new BindingChange(binding, expires == 0));
        }
        return new ContactRequest(List.copyOf(changes), removeAll);
    }

    private static List<String> stringsOf(ListIterator<?> products) {
        List<String> strings = new ArrayList<>();
        while (products != null && products.hasNext()) {
            strings.add(String.valueOf(products.next()));
        }
        return strings;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
