package org.switchboard.sip.trunk;

import java.util.Locale;
import java.util.regex.Pattern;
import org.switchboard.common.config.Environment;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SmsAddress;

/**
 * Where calls to phone numbers go (docs/sip.md lists the variables).
 *
 * @param host      the trunk's host name or address ({@code SWITCHBOARD_SIP_TRUNK_HOST}); unset: no trunk
 * @param port      its port ({@code SWITCHBOARD_SIP_TRUNK_PORT}, 5060, or 5061 for TLS)
 * @param transport {@code udp}, {@code tcp} or {@code tls} ({@code SWITCHBOARD_SIP_TRUNK_TRANSPORT}, udp)
 * @param callerId  the E.164 number every call asserts as its caller in {@code P-Asserted-Identity}
 *                  ({@code SWITCHBOARD_SIP_TRUNK_CALLER_ID}); unset: none, the trunk applies its own default
 * @param login     the credentials for the trunk's challenges and registration; null: the trunk authorises this
 *                  server by its address
 */
public record TrunkSettings(String host, int port, String transport, String callerId, TrunkLogin login) {

    /** No trunk: calls to numbers are refused. */
    public static final TrunkSettings OFF = new TrunkSettings(null, 0, "udp", null);

    /** A trunk that authorises this server by its address (no credentials). */
    public TrunkSettings(String host, int port, String transport, String callerId) {
        this(host, port, transport, callerId, null);
    }

    /** A DNS name or an IPv4 address; IPv6 literals and anything with a scheme, user or port are refused. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    public TrunkSettings {
        if (host != null) {
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_HOST='" + host + "' is not a host name or IPv4 address "
                        + "(no scheme, user or port: those go in _PORT and _TRANSPORT)");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_PORT=" + port + " is out of range 1..65535");
            }
        }
        if (callerId != null) {
            try {
                SmsAddress number = SmsAddress.normalise(callerId, null);
                if (number.isShortCode()) {
                    throw new InvalidSmsAddressException("a short code cannot call");
                }
                callerId = number.value();
            } catch (InvalidSmsAddressException e) {
                throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_CALLER_ID is not a +E.164 number: " + e.getMessage(), e);
            }
        }
        transport = transport.toLowerCase(Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp") && !transport.equals("tls")) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_TRUNK_TRANSPORT=" + transport + " must be one of udp, tcp, tls");
        }
    }

    public static TrunkSettings from(Environment env) {
        String host = env.string("SWITCHBOARD_SIP_TRUNK_HOST", null);
        if (host == null) {
            return OFF;
        }
        String transport = env.choice("SWITCHBOARD_SIP_TRUNK_TRANSPORT", "udp", "udp", "tcp", "tls");
        int port = env.integer("SWITCHBOARD_SIP_TRUNK_PORT", transport.equals("tls") ? 5061 : 5060, 1, 65535);
        return new TrunkSettings(host, port, transport, env.string("SWITCHBOARD_SIP_TRUNK_CALLER_ID", null), TrunkLogin.from(env));
    }

    public boolean configured() {
        return host != null;
    }
}
