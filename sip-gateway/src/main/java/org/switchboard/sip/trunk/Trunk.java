package org.switchboard.sip.trunk;

import java.text.ParseException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SmsAddress;

/**
 * Recognises calls to phone numbers and names the trunk URI they go to. Only global numbers (a leading
 * {@code +}) are read: a local number would need the caller's region, which a SIP account does not have.
 */
public final class Trunk {

    private static final String ASSERTED = "P-Asserted-Identity";
    private static final String PREFERRED = "P-Preferred-Identity";

    private final TrunkSettings settings;
    private final String domain;
    private final String host;

    /** {@code domain} and {@code host} are this server's: a number in a sip: URI must be addressed to it. */
    public Trunk(TrunkSettings settings, String domain, String host) {
        this.settings = settings;
        this.domain = domain;
        this.host = host;
    }

    /** The credentials for the trunk's challenges; null when it authorises this server by address. */
    public TrunkLogin login() {
        return settings.login();
    }

    public boolean configured() {
        return settings.configured();
    }

    /**
     * The E.164 number {@code uri} calls, or null when it names no number, names one badly, or no trunk is
     * configured. {@code sip:+15551234567@domain}, {@code sip:+1-555-123-4567@domain;user=phone} and
     * {@code tel:+15551234567} all give {@code +15551234567}.
     */
    public String number(URI uri) {
        if (!settings.configured()) {
            return null;
        }
        String typed;
        if (uri instanceof TelURL tel) {
            if (!tel.isGlobal()) {
                return null;
            }
            typed = "+" + tel.getPhoneNumber();
        } else if (uri instanceof SipURI sip && sip.getUser() != null && isHere(sip.getHost())) {
            typed = sip.getUser();
        } else {
            return null;
        }
        return read(typed);
    }

    /** A user part as E.164, or null; user=phone numbers may carry RFC 3966 parameters in the user part. */
    private static String read(String user) {
        String typed = user;
        int parameters = typed.indexOf(';');
        if (parameters >= 0) {
            typed = typed.substring(0, parameters);
        }
        if (!typed.startsWith("+")) {
            return null;
        }
        try {
            SmsAddress address = SmsAddress.normalise(typed, null);
            return address.isShortCode() ? null : address.value();
        } catch (InvalidSmsAddressException e) {
            return null;
        }
    }

    /**
     * The DID an INVITE from the trunk calls, or null when it does not come from the trunk or names no number. Only
     * the trunk's address may deliver calls to DIDs (port too over UDP; over TCP and TLS the trunk connects from any
     * port); anyone else calling a number must authenticate and is routed out to the trunk. The number is the
     * Request-URI's ({@code sip:+E164@this-server}), or the To URI's when the trunk calls the Contact this server
     * registered ({@code sip:<username>@this-server}).
     */
    public String incomingDid(Request request) {
        if (!settings.configured()) {
            return null;
        }
        String number = number(request.getRequestURI());
        if (number == null && settings.login() != null && request.getRequestURI() instanceof SipURI uri
                && settings.login().username().equals(uri.getUser())) {
            URI to = ((javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME)).getAddress().getURI();
            number = to instanceof SipURI sip && sip.getUser() != null ? read(sip.getUser()) : to instanceof TelURL ? number(to) : null;
        }
        // the source last: it may resolve the trunk's name, which calls between accounts need not wait for
        return number != null && fromTrunk(request) ? number : null;
    }

    private boolean fromTrunk(Request request) {
        if (!(request instanceof gov.nist.javax.sip.message.SIPRequest nist) || nist.getPeerPacketSourceAddress() == null) {
            return false;
        }
        if (settings.transport().equals("udp") && nist.getPeerPacketSourcePort() != settings.port()) {
            return false;
        }
        try {
            for (java.net.InetAddress address : java.net.InetAddress.getAllByName(settings.host())) {
                if (address.equals(nist.getPeerPacketSourceAddress())) {
                    return true;
                }
            }
        } catch (java.net.UnknownHostException e) {
            return false;   // the trunk's name does not resolve now: nothing is from it
        }
        return false;
    }

    /**
     * Readies {@code forward}, a call to {@code number}, for the trunk and returns where it goes. Identities the
     * caller asserted are removed (RFC 3325 section 5: the trunk trusts this server's, so a caller must not
     * choose its own); with {@code SWITCHBOARD_SIP_TRUNK_CALLER_ID} set, that number is asserted instead.
     */
    public URI prepare(HeaderFactory headers, AddressFactory addresses, Request forward, String number) {
        forward.removeHeader(ASSERTED);
        forward.removeHeader(PREFERRED);
        if (settings.callerId() != null) {
            try {
                forward.addHeader(headers.createHeader(ASSERTED, "<sip:" + settings.callerId() + "@" + domain + ";user=phone>"));
            } catch (ParseException e) {
                throw new IllegalStateException("the caller id " + settings.callerId() + " does not make a header", e);
            }
        }
        return target(addresses, number);
    }

    /** {@code sip:<number>@trunk-host:port;user=phone;transport=...}, where a call to {@code number} goes. */
    public URI target(AddressFactory addresses, String number) {
        try {
            SipURI uri = addresses.createSipURI(number, settings.host());
            uri.setPort(settings.port());
            uri.setUserParam("phone");
            uri.setTransportParam(settings.transport());
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException("the trunk URI for " + number + " does not parse", e);   // host was checked at start-up
        }
    }

    private boolean isHere(String uriHost) {
        return uriHost.equalsIgnoreCase(domain) || uriHost.equalsIgnoreCase(host);
    }
}
