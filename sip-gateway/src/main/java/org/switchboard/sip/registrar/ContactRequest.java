package org.switchboard.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import org.switchboard.common.push.PushPlatform;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.location.Binding;
import org.switchboard.sip.location.BindingChange;
import org.switchboard.sip.location.RegistrationRefused;
import org.switchboard.sip.push.ContactPush;
import org.switchboard.sip.push.PushBinding;
import org.switchboard.sip.push.SipPush;

/**
 * The contacts of a REGISTER turned into binding changes (RFC 3261 section 10.3 steps 6 and 7), with the
 * expiry each asks for bounded by the settings, and their RFC 8599 push parameters.
 *
 * @param removeAll {@code Contact: *} with {@code Expires: 0}
 * @param caps      the {@code Feature-Caps} the 200 carries: services asked about or bound, with the
 *                  {@code +sip.pnsreg} seconds for a phone that refreshes itself (null otherwise)
 * @param uris      each contact's URI as this request's parser made it, by its text: the 200 and the flows use
 *                  these instead of parsing the stored text again (3.3 % and 1.6 % of the Java samples of a
 *                  REGISTER profile at 3,000 a second)
 */
record ContactRequest(List<BindingChange> changes, boolean removeAll, Map<PushPlatform, Duration> caps, Map<String, URI> uris) {

    /** A phone that refreshes its own push binding is asked to do so this long before it expires (at most half its life). */
    static final Duration SELF_REFRESH_BEFORE = Duration.ofSeconds(120);

    static final int MAX_CONTACT_URI = 1024;

    static ContactRequest parse(Request request, SipSettings settings, SipPush pushPlatforms, String sourceAddress,
                                int sourcePort, String transport, Instant now) {
        ExpiresHeader expiresHeader = request.getExpires();
        long defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : SipSettings.DEFAULT_EXPIRES.toSeconds();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        UserAgentHeader agentHeader = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        String agent = agentHeader == null ? null : truncate(String.join(" ", stringsOf(agentHeader.getProduct())), 256);
        List<BindingChange> changes = new ArrayList<>();
        Map<String, URI> uris = new HashMap<>();
        Map<PushPlatform, Duration> caps = new EnumMap<>(PushPlatform.class);
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
            URI parsed = contact.getAddress().getURI();
            String uri = parsed.toString();
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
            PushBinding push = push(contact, pushPlatforms, caps);
            Instant expiresAt = now.plus(Duration.ofSeconds(expires));
            if (push != null && expires > 0) {
                Duration before = push.selfRefresh() ? min(SELF_REFRESH_BEFORE, Duration.ofSeconds(expires / 2)) : null;
                caps.merge(push.provider(), before == null ? Duration.ZERO : before, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
            // a phone that cannot refresh while it sleeps stays wakeable for a while after its binding lapses (ADR 0041)
            Instant remember = push != null && !push.selfRefresh() ? expiresAt.plus(settings.pushRemember()) : null;
            Binding binding = new Binding(uri, callId, cseq, sourceAddress, sourcePort, transport, agent, expiresAt, push, remember);
            changes.add(new BindingChange(binding, expires == 0));
            uris.put(uri, parsed);
        }
        caps.replaceAll((provider, before) -> before.isZero() ? null : before);
        return new ContactRequest(List.copyOf(changes), removeAll, caps, Collections.unmodifiableMap(uris));
    }

    /** The contact's push binding, or null; services asked about are added to {@code caps}; 555 or 400 for what cannot be. */
    private static PushBinding push(ContactHeader contact, SipPush available, Map<PushPlatform, Duration> caps) {
        ContactPush push;
        try {
            push = ContactPush.of(contact, available);
        } catch (IllegalArgumentException malformed) {
            throw new RegistrationRefused(400, malformed.getMessage());
        }
        if (!push.supported()) {
            throw new RegistrationRefused(PUSH_NOT_SUPPORTED, "Push Notification Service Not Supported");
        }
        push.listed().forEach(provider -> caps.putIfAbsent(provider, Duration.ZERO));
        return push.binding();
    }

    /** RFC 8599 section 6: the pn-provider named is not one this server can push through. */
    static final int PUSH_NOT_SUPPORTED = 555;

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
