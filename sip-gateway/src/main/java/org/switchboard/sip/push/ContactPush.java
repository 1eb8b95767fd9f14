package org.switchboard.sip.push;

import java.util.List;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import org.switchboard.common.push.PushPlatform;

/**
 * What one Contact of a REGISTER says about push (RFC 8599 sections 4.1 and 5.2): nothing, a question about
 * which services this server supports ({@code pn-provider} without a value, or without {@code pn-prid}), a
 * service this server does not support (answered 555), or a push binding.
 *
 * @param binding   the push binding, or null
 * @param listed    the services to name in {@code Feature-Caps: *;+sip.pns=…} of the answer
 * @param supported false: the REGISTER is refused with 555
 */
public record ContactPush(PushBinding binding, List<PushPlatform> listed, boolean supported) {

    public static final String PROVIDER = "pn-provider";
    public static final String PRID = "pn-prid";
    public static final String PARAM = "pn-param";
    /** The media feature tag a phone that refreshes its own binding adds to its Contact (RFC 8599 section 4.1.1). */
    public static final String PNSREG = "+sip.pnsreg";

    private static final ContactPush NONE = new ContactPush(null, List.of(), true);

    /**
     * Reads the parameters of {@code contact} against what {@code push} can push through. An
     * {@link IllegalArgumentException} names a parameter whose value is malformed or names an app not pushed to.
     */
    public static ContactPush of(ContactHeader contact, SipPush push) {
        Set<PushPlatform> available = push.platforms();
        if (!(contact.getAddress().getURI() instanceof SipURI uri) || uri.getParameter(PROVIDER) == null) {
            return NONE;
        }
        String providerName = uri.getParameter(PROVIDER);
        String prid = emptyToNull(uri.getParameter(PRID));
        List<PushPlatform> all = available.stream().sorted().toList();
        if (providerName.isEmpty()) {
            return new ContactPush(null, all, prid == null);   // a query for every service; with a prid, nothing to push through
        }
        PushPlatform provider = PushBinding.provider(providerName);
        if (provider == null || !available.contains(provider)) {
            return new ContactPush(null, all, false);
        }
        if (prid == null) {
            return new ContactPush(null, List.of(provider), true);
        }
        PushBinding binding = new PushBinding(provider, prid, emptyToNull(uri.getParameter(PARAM)), contact.getParameter(PNSREG) != null);
        if (!push.pushesTo(binding)) {
            throw new IllegalArgumentException("pn-param names an app this server does not push to: " + binding.bundle());
        }
        return new ContactPush(binding, List.of(provider), true);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
