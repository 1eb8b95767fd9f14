package org.switchboard.xmpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.xmpp.component.ComponentSecrets;
import org.switchboard.xmpp.sms.SmsSettings;
import org.switchboard.xmpp.transport.InputRate;
import org.switchboard.xmpp.xml.XmlLimits;

/**
 * Settings of the XMPP server, from the environment. Port 0 picks a free port (tests).
 *
 * @param domain                        the served domain ({@code SWITCHBOARD_DOMAIN})
 * @param dataDir                       where a generated certificate is kept ({@code SWITCHBOARD_DATA_DIR})
 * @param bindAddress                   listen address ({@code SWITCHBOARD_XMPP_BIND}, default 0.0.0.0)
 * @param c2sPort                       STARTTLS client port ({@code SWITCHBOARD_XMPP_C2S_PORT}, 5222)
 * @param directTlsPort                 direct TLS client port, XEP-0368 ({@code SWITCHBOARD_XMPP_TLS_PORT}, 5223)
 * @param componentPort                 XEP-0114 port ({@code SWITCHBOARD_XMPP_COMPONENT_PORT}, 5275)
 * @param componentBindAddress          XEP-0114 listen address ({@code SWITCHBOARD_XMPP_COMPONENT_BIND}, default
 *                                      127.0.0.1): the component protocol has no TLS, so its traffic stays on the
 *                                      host unless an operator opens it on purpose
 * @param starttlsRequired              refuse authentication before TLS ({@code SWITCHBOARD_XMPP_STARTTLS_REQUIRED}, true)
 * @param certificatePem                PEM chain ({@code SWITCHBOARD_TLS_CERT}); null for a self-signed one
 * @param keyPem                        PEM private key ({@code SWITCHBOARD_TLS_KEY})
 * @param limits                        {@code SWITCHBOARD_XMPP_MAX_STANZA_BYTES} (262144),
 *                                      {@code SWITCHBOARD_XMPP_MAX_DEPTH} (64), {@code SWITCHBOARD_XMPP_MAX_ATTRIBUTES} (64)
 * @param clientInputRate               how fast one client connection may send: {@code SWITCHBOARD_XMPP_CLIENT_RATE_BYTES}
 *                                      per second (32768; 0 for no limit) after a burst of
 *                                      {@code SWITCHBOARD_XMPP_CLIENT_BURST_BYTES} (262144, one largest stanza)
 * @param idleTimeout                   connection closed after this long without input ({@code SWITCHBOARD_XMPP_IDLE_TIMEOUT_SECONDS}, 600)
 * @param maxUnauthenticatedPerAddress  concurrent not-yet-authenticated connections per source address
 *                                      ({@code SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS}, 20)
 * @param components                    XEP-0114 component domain to secret ({@code SWITCHBOARD_XMPP_COMPONENTS},
 *                                      {@code domain=secret,domain=secret}; secrets only from the environment)
 * @param passwordIterations            PBKDF2 iterations of stored verifiers, mimicked for unknown users
 * @param registrationOpen              XEP-0077 account creation before authentication ({@code SWITCHBOARD_REGISTRATION=open})
 * @param registrationsPerHour          in-band registrations per source address within any hour
 *                                      ({@code SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR}, 10)
 * @param sms                           the SMS gateway {@code sms.<domain>} ({@code SWITCHBOARD_SMS_*}, {@link SmsSettings})
 */
public record XmppSettings(String domain, Path dataDir, String bindAddress, int c2sPort, int directTlsPort, int componentPort,
                           String componentBindAddress, boolean starttlsRequired, Path certificatePem, Path keyPem, XmlLimits limits,
                           InputRate clientInputRate, Duration idleTimeout,
                           int maxUnauthenticatedPerAddress, Map<String, String> components, int passwordIterations,
                           boolean registrationOpen, int registrationsPerHour, SmsSettings sms) {

    /**
     * 32 KiB/s is some 200 chat messages a second, far beyond a person and a client's sync; the burst lets one
     * largest stanza (a vCard with a photo) through at once.
     */
    public static final InputRate DEFAULT_CLIENT_INPUT_RATE = new InputRate(32 * 1024, 256 * 1024);

    /** In-band registrations per address per hour when {@code SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR} is unset. */
    public static final int DEFAULT_REGISTRATIONS_PER_HOUR = 10;

    public XmppSettings {
        components = Map.copyOf(components);
        if ((certificatePem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("SWITCHBOARD_TLS_CERT and SWITCHBOARD_TLS_KEY must be set together");
        }
        if (registrationsPerHour < 1) {
            throw new IllegalArgumentException("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR must be at least 1");
        }
        if (sms.enabled() && components.containsKey(SmsSettings.gatewayDomain(domain))) {
            throw new IllegalArgumentException(SmsSettings.gatewayDomain(domain) + " is both the built-in SMS gateway and an external "
                    + "component in SWITCHBOARD_XMPP_COMPONENTS; set SWITCHBOARD_SMS_GATEWAY=false to use the external one");
        }
    }

    public static XmppSettings from(Environment env, CoreSettings core) {
        Path certificate = pemPath(env, "SWITCHBOARD_TLS_CERT");
        Path key = pemPath(env, "SWITCHBOARD_TLS_KEY");
        XmlLimits limits = new XmlLimits(
                env.integer("SWITCHBOARD_XMPP_MAX_STANZA_BYTES", XmlLimits.DEFAULT.maxStanzaBytes(), 1024, 64 * 1024 * 1024),
                env.integer("SWITCHBOARD_XMPP_MAX_DEPTH", XmlLimits.DEFAULT.maxDepth(), 4, 1000),
                env.integer("SWITCHBOARD_XMPP_MAX_ATTRIBUTES", XmlLimits.DEFAULT.maxAttributes(), 4, 1000));
        return new XmppSettings(core.domain(), core.dataDir(),
                env.string("SWITCHBOARD_XMPP_BIND", "0.0.0.0"),
                env.integer("SWITCHBOARD_XMPP_C2S_PORT", 5222, 0, 65535),
                env.integer("SWITCHBOARD_XMPP_TLS_PORT", 5223, 0, 65535),
                env.integer("SWITCHBOARD_XMPP_COMPONENT_PORT", 5275, 0, 65535),
                env.string("SWITCHBOARD_XMPP_COMPONENT_BIND", "127.0.0.1"),
                env.bool("SWITCHBOARD_XMPP_STARTTLS_REQUIRED", true),
                certificate, key, limits,
                inputRateFrom(env),
                env.seconds("SWITCHBOARD_XMPP_IDLE_TIMEOUT_SECONDS", Duration.ofMinutes(10)),
                env.integer("SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS", 20, 1, 100_000),
                ComponentSecrets.parse("SWITCHBOARD_XMPP_COMPONENTS", env.secret("SWITCHBOARD_XMPP_COMPONENTS"), core.domain()),
                core.passwordIterations(),
                core.registrationOpen(),
                env.integer("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR", DEFAULT_REGISTRATIONS_PER_HOUR, 1, 100_000),
                SmsSettings.from(env));
    }

    /** Defaults for tests and embedding: loopback, free ports, self-signed certificate. */
    public static XmppSettings forTests(CoreSettings core, Map<String, String> components) {
        return new XmppSettings(core.domain(), core.dataDir(), "127.0.0.1", 0, 0, 0, "127.0.0.1", true, null, null,
                XmlLimits.DEFAULT, DEFAULT_CLIENT_INPUT_RATE, Duration.ofMinutes(10), 20, components, core.passwordIterations(), core.registrationOpen(),
                DEFAULT_REGISTRATIONS_PER_HOUR, SmsSettings.DEFAULTS);
    }

    /** The same settings with another STARTTLS client port (SINT can only connect to 5222). */
    public XmppSettings withC2sPort(int port) {
        return new XmppSettings(domain, dataDir, bindAddress, port, directTlsPort, componentPort, componentBindAddress,
                starttlsRequired, certificatePem, keyPem, limits, clientInputRate, idleTimeout, maxUnauthenticatedPerAddress, components,
                passwordIterations, registrationOpen, registrationsPerHour, sms);
    }

    public XmppSettings withIdleTimeout(Duration timeout) {
        return new XmppSettings(domain, dataDir, bindAddress, c2sPort, directTlsPort, componentPort, componentBindAddress, starttlsRequired,
                certificatePem, keyPem, limits, clientInputRate, timeout, maxUnauthenticatedPerAddress, components, passwordIterations,
                registrationOpen, registrationsPerHour, sms);
    }

    public XmppSettings withRegistrationOpen(boolean open) {
        return new XmppSettings(domain, dataDir, bindAddress, c2sPort, directTlsPort, componentPort, componentBindAddress, starttlsRequired,
                certificatePem, keyPem, limits, clientInputRate, idleTimeout, maxUnauthenticatedPerAddress, components, passwordIterations,
                open, registrationsPerHour, sms);
    }

    /** The same settings with another client input rate (tests of the limit, benchmarks without one). */
    public XmppSettings withClientInputRate(InputRate rate) {
        return new XmppSettings(domain, dataDir, bindAddress, c2sPort, directTlsPort, componentPort, componentBindAddress, starttlsRequired,
                certificatePem, keyPem, limits, rate, idleTimeout, maxUnauthenticatedPerAddress, components, passwordIterations,
                registrationOpen, registrationsPerHour, sms);
    }

    public XmppSettings withRegistrationsPerHour(int perHour) {
        return new XmppSettings(domain, dataDir, bindAddress, c2sPort, directTlsPort, componentPort, componentBindAddress, starttlsRequired,
                certificatePem, keyPem, limits, clientInputRate, idleTimeout, maxUnauthenticatedPerAddress, components, passwordIterations,
                registrationOpen, perHour, sms);
    }

    /** The same settings with other SMS gateway settings (tests shorten its times or turn it off). */
    public XmppSettings withSms(SmsSettings newSms) {
        return new XmppSettings(domain, dataDir, bindAddress, c2sPort, directTlsPort, componentPort, componentBindAddress, starttlsRequired,
                certificatePem, keyPem, limits, clientInputRate, idleTimeout, maxUnauthenticatedPerAddress, components, passwordIterations,
                registrationOpen, registrationsPerHour, newSms);
    }

    private static InputRate inputRateFrom(Environment env) {
        long rate = env.integer("SWITCHBOARD_XMPP_CLIENT_RATE_BYTES", (int) DEFAULT_CLIENT_INPUT_RATE.bytesPerSecond(), 0, Integer.MAX_VALUE);
        long burst = env.integer("SWITCHBOARD_XMPP_CLIENT_BURST_BYTES", (int) DEFAULT_CLIENT_INPUT_RATE.burstBytes(), 1, Integer.MAX_VALUE);
        return rate == 0 ? InputRate.UNLIMITED : new InputRate(rate, burst);
    }

    private static Path pemPath(Environment env, String name) {
        String value = env.string(name, null);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(name + "=" + value + " is not a readable file");
        }
        return path;
    }
}
