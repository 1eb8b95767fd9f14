package org.switchboard.xmpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.xmpp.component.ComponentSecrets;
import org.switchboard.xmpp.http.HttpSettings;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.sms.SmsSettings;
import org.switchboard.xmpp.transport.InputRate;
import org.switchboard.xmpp.xep.bytestreams.Proxy65Settings;
import org.switchboard.xmpp.xep.contact.ContactAddresses;
import org.switchboard.xmpp.xep.pubsub.PubSubSettings;
import org.switchboard.xmpp.xep.upload.UploadSettings;
import org.switchboard.xmpp.xml.XmlLimits;

/**
 * Settings of the XMPP server, from the environment, grouped by what they are for. A new feature adds its own
 * settings record as one component here (like {@link SmsSettings}), read in {@link #from} and changed in tests
 * through {@link #with}.
 *
 * @param domain            the served domain ({@code SWITCHBOARD_DOMAIN})
 * @param dataDir           where a generated certificate is kept ({@code SWITCHBOARD_DATA_DIR})
 * @param listeners         addresses and ports ({@link Listeners})
 * @param tls               certificate and STARTTLS policy ({@link TlsSettings})
 * @param clientLimits      what one client connection or address may cost ({@link ClientLimits})
 * @param components        XEP-0114 component domain to secret ({@code SWITCHBOARD_XMPP_COMPONENTS},
 *                          {@code domain=secret,domain=secret}; secrets only from the environment)
 * @param passwordIterations PBKDF2 iterations of stored verifiers, mimicked for unknown users
 * @param registrationOpen  XEP-0077 account creation before authentication ({@code SWITCHBOARD_REGISTRATION=open})
 * @param sessionTimeouts   stream management resumption and server pings of quiet sessions ({@link SessionTimeouts})
 * @param contactAddresses  XEP-0157 addresses in the server's disco#info ({@code SWITCHBOARD_CONTACT_ABUSE},
 *                          {@code _ADMIN}, {@code _SUPPORT}, {@code _SECURITY}, {@code _FEEDBACK}, {@code _SALES},
 *                          {@code _STATUS}: comma-separated URIs such as {@code mailto:…} or {@code xmpp:…})
 * @param mamRetention      how long message archives (XEP-0313) keep entries ({@code SWITCHBOARD_MAM_RETENTION_DAYS});
 *                          null, the default, keeps them for ever
 * @param sms               the SMS gateway {@code sms.<domain>} ({@code SWITCHBOARD_SMS_*}, {@link SmsSettings})
 * @param http              the HTTPS listener ({@code SWITCHBOARD_HTTPS_*}, {@link HttpSettings}), which runs when a
 *                          service needs it (the upload service)
 * @param upload            XEP-0363 uploads at {@code upload.<domain>} ({@code SWITCHBOARD_UPLOAD_*}, {@link UploadSettings})
 * @param pubsub            PEP and the pubsub service {@code pubsub.<domain>} ({@code SWITCHBOARD_PUBSUB_*}, {@link PubSubSettings})
 * @param muc               multi-user chat at {@code conference.<domain>} ({@code SWITCHBOARD_MUC_*}, {@link MucSettings})
 * @param proxy65           the XEP-0065 SOCKS5 bytestream proxy {@code proxy.<domain>} ({@code SWITCHBOARD_PROXY65_*},
 *                          {@link Proxy65Settings})
 * @param s2s               federation with other servers ({@code SWITCHBOARD_XMPP_S2S_*}, {@link S2sSettings})
 */
public record XmppSettings(String domain, Path dataDir, Listeners listeners, TlsSettings tls, ClientLimits clientLimits,
                           Map<String, String> components, int passwordIterations, boolean registrationOpen,
                           SessionTimeouts sessionTimeouts, ContactAddresses contactAddresses, Duration mamRetention,
                           SmsSettings sms, HttpSettings http, UploadSettings upload, PubSubSettings pubsub,
                           MucSettings muc, Proxy65Settings proxy65, S2sSettings s2s) {

    public XmppSettings {
        components = Map.copyOf(components);
        if (sms.enabled() && components.containsKey(SmsSettings.gatewayDomain(domain))) {
            throw new IllegalArgumentException(SmsSettings.gatewayDomain(domain) + " is both the built-in SMS gateway and an external "
                    + "component in SWITCHBOARD_XMPP_COMPONENTS; set SWITCHBOARD_SMS_GATEWAY=false to use the external one");
        }
        if (upload.enabled() && components.containsKey(UploadSettings.serviceDomain(domain))) {
            throw new IllegalArgumentException(UploadSettings.serviceDomain(domain) + " is both the built-in upload service and an "
                    + "external component in SWITCHBOARD_XMPP_COMPONENTS; set SWITCHBOARD_UPLOAD=false to use the external one");
        }
        if (muc.enabled() && components.containsKey(MucSettings.serviceDomain(domain))) {
            throw new IllegalArgumentException(MucSettings.serviceDomain(domain) + " is both the built-in multi-user chat service and an "
                    + "external component in SWITCHBOARD_XMPP_COMPONENTS; set SWITCHBOARD_MUC=false to use the external one");
        }
        if (proxy65.enabled() && components.containsKey(Proxy65Settings.serviceDomain(domain))) {
            throw new IllegalArgumentException(Proxy65Settings.serviceDomain(domain) + " is both the built-in SOCKS5 proxy and an "
                    + "external component in SWITCHBOARD_XMPP_COMPONENTS; set SWITCHBOARD_PROXY65=false to use the external one");
        }
    }

    public static XmppSettings from(Environment env, CoreSettings core) {
        return new XmppSettings(core.domain(), core.dataDir(),
                new Listeners(env.string("SWITCHBOARD_XMPP_BIND", "0.0.0.0"),
                        env.integer("SWITCHBOARD_XMPP_C2S_PORT", 5222, 0, 65535),
                        env.integer("SWITCHBOARD_XMPP_TLS_PORT", 5223, 0, 65535),
                        env.string("SWITCHBOARD_XMPP_COMPONENT_BIND", "127.0.0.1"),
                        env.integer("SWITCHBOARD_XMPP_COMPONENT_PORT", 5275, 0, 65535)),
                new TlsSettings(env.bool("SWITCHBOARD_XMPP_STARTTLS_REQUIRED", true),
                        pemPath(env, "SWITCHBOARD_TLS_CERT"), pemPath(env, "SWITCHBOARD_TLS_KEY")),
                clientLimitsFrom(env),
                ComponentSecrets.parse("SWITCHBOARD_XMPP_COMPONENTS", env.secret("SWITCHBOARD_XMPP_COMPONENTS"), core.domain()),
                core.passwordIterations(),
                core.registrationOpen(),
                new SessionTimeouts(env.seconds("SWITCHBOARD_XMPP_SM_RESUME_SECONDS", SessionTimeouts.DEFAULT.smResume()),
                        env.seconds("SWITCHBOARD_XMPP_PING_IDLE_SECONDS", SessionTimeouts.DEFAULT.pingIdle()),
                        env.seconds("SWITCHBOARD_XMPP_PING_TIMEOUT_SECONDS", SessionTimeouts.DEFAULT.pingTimeout())),
                ContactAddresses.from(env),
                mamRetentionFrom(env),
                SmsSettings.from(env),
                HttpSettings.from(env),
                UploadSettings.from(env),
                PubSubSettings.from(env),
                MucSettings.from(env),
                Proxy65Settings.from(env),
                S2sSettings.from(env, core.dataDir()));
    }

    /** Defaults for tests and embedding: loopback, free ports, self-signed certificate. */
    public static XmppSettings forTests(CoreSettings core, Map<String, String> components) {
        return new XmppSettings(core.domain(), core.dataDir(), Listeners.LOOPBACK_FREE_PORTS, TlsSettings.SELF_SIGNED,
                ClientLimits.DEFAULTS, components, core.passwordIterations(), core.registrationOpen(), SessionTimeouts.DEFAULT,
                ContactAddresses.NONE, null, SmsSettings.DEFAULTS, HttpSettings.FREE_PORT, UploadSettings.DEFAULTS,
                PubSubSettings.DEFAULTS, MucSettings.DEFAULTS, Proxy65Settings.LOOPBACK_FREE_PORT, S2sSettings.DISABLED);
    }

    /** The same settings with the changes {@code change} makes: {@code settings.with(s -> s.sms = …)}. */
    public XmppSettings with(Consumer<Changes> change) {
        Changes changes = new Changes(this);
        change.accept(changes);
        return changes.settings();
    }

    /** The same settings with another STARTTLS client port (SINT can only connect to 5222). */
    public XmppSettings withC2sPort(int port) {
        return with(s -> s.listeners = listeners.withC2sPort(port));
    }

    public XmppSettings withIdleTimeout(Duration timeout) {
        return with(s -> s.clientLimits = clientLimits.withIdleTimeout(timeout));
    }

    /** The same settings with another client input rate (tests of the limit, benchmarks without one). */
    public XmppSettings withClientInputRate(InputRate rate) {
        return with(s -> s.clientLimits = clientLimits.withInputRate(rate));
    }

    public XmppSettings withRegistrationsPerHour(int perHour) {
        return with(s -> s.clientLimits = clientLimits.withRegistrationsPerHour(perHour));
    }

    public XmppSettings withRegistrationOpen(boolean open) {
        return with(s -> s.registrationOpen = open);
    }

    /** The same settings with other session timeouts (tests of resumption and pings). */
    public XmppSettings withSessionTimeouts(SessionTimeouts timeouts) {
        return with(s -> s.sessionTimeouts = timeouts);
    }

    public XmppSettings withContactAddresses(ContactAddresses addresses) {
        return with(s -> s.contactAddresses = addresses);
    }

    /** The same settings with another archive retention (null: for ever). */
    public XmppSettings withMamRetention(Duration retention) {
        return with(s -> s.mamRetention = retention);
    }

    /** The same settings with other SMS gateway settings (tests shorten its times or turn it off). */
    public XmppSettings withSms(SmsSettings newSms) {
        return with(s -> s.sms = newSms);
    }

    /** The same settings with federation settings (tests turn it on, on free ports). */
    public XmppSettings withS2s(S2sSettings newS2s) {
        return with(s -> s.s2s = newS2s);
    }

    /** XEP-0198 {@code max}: how long a session whose connection died can be resumed. */
    public Duration smResumeTimeout() {
        return sessionTimeouts.smResume();
    }

    /**
     * The settings' components as fields to change; only {@link #with} makes one, so the record stays the one
     * place that validates.
     */
    public static final class Changes {
        public String domain;
        public Path dataDir;
        public Listeners listeners;
        public TlsSettings tls;
        public ClientLimits clientLimits;
        public Map<String, String> components;
        public int passwordIterations;
        public boolean registrationOpen;
        public SessionTimeouts sessionTimeouts;
        public ContactAddresses contactAddresses;
        public Duration mamRetention;
        public SmsSettings sms;
        public HttpSettings http;
        public UploadSettings upload;
        public PubSubSettings pubsub;
        public MucSettings muc;
        public Proxy65Settings proxy65;
        public S2sSettings s2s;

        private Changes(XmppSettings from) {
            domain = from.domain;
            dataDir = from.dataDir;
            listeners = from.listeners;
            tls = from.tls;
            clientLimits = from.clientLimits;
            components = from.components;
            passwordIterations = from.passwordIterations;
            registrationOpen = from.registrationOpen;
            sessionTimeouts = from.sessionTimeouts;
            contactAddresses = from.contactAddresses;
            mamRetention = from.mamRetention;
            sms = from.sms;
            http = from.http;
            upload = from.upload;
            pubsub = from.pubsub;
            muc = from.muc;
            proxy65 = from.proxy65;
            s2s = from.s2s;
        }

        private XmppSettings settings() {
            return new XmppSettings(domain, dataDir, listeners, tls, clientLimits, components, passwordIterations, registrationOpen,
                    sessionTimeouts, contactAddresses, mamRetention, sms, http, upload, pubsub, muc, proxy65, s2s);
        }
    }

    private static ClientLimits clientLimitsFrom(Environment env) {
        XmlLimits xml = new XmlLimits(
                env.integer("SWITCHBOARD_XMPP_MAX_STANZA_BYTES", XmlLimits.DEFAULT.maxStanzaBytes(), 1024, 64 * 1024 * 1024),
                env.integer("SWITCHBOARD_XMPP_MAX_DEPTH", XmlLimits.DEFAULT.maxDepth(), 4, 1000),
                env.integer("SWITCHBOARD_XMPP_MAX_ATTRIBUTES", XmlLimits.DEFAULT.maxAttributes(), 4, 1000));
        long rate = env.integer("SWITCHBOARD_XMPP_CLIENT_RATE_BYTES", (int) ClientLimits.DEFAULT_INPUT_RATE.bytesPerSecond(), 0,
                Integer.MAX_VALUE);
        long burst = env.integer("SWITCHBOARD_XMPP_CLIENT_BURST_BYTES", (int) ClientLimits.DEFAULT_INPUT_RATE.burstBytes(), 1,
                Integer.MAX_VALUE);
        return new ClientLimits(xml, rate == 0 ? InputRate.UNLIMITED : new InputRate(rate, burst),
                env.seconds("SWITCHBOARD_XMPP_IDLE_TIMEOUT_SECONDS", Duration.ofMinutes(10)),
                env.integer("SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS", ClientLimits.DEFAULTS.maxUnauthenticatedPerAddress(), 1, 100_000),
                env.integer("SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED", ClientLimits.DEFAULTS.maxUnauthenticated(), 1, 10_000_000),
                env.seconds("SWITCHBOARD_XMPP_NEGOTIATION_TIMEOUT_SECONDS", ClientLimits.DEFAULTS.negotiationTimeout()),
                env.integer("SWITCHBOARD_XMPP_REGISTRATIONS_PER_HOUR", ClientLimits.DEFAULT_REGISTRATIONS_PER_HOUR, 1, 100_000));
    }

    /** Unset or 0 keeps archives for ever; otherwise whole days. */
    private static Duration mamRetentionFrom(Environment env) {
        int days = env.integer("SWITCHBOARD_MAM_RETENTION_DAYS", 0, 0, 365_000);
        return days == 0 ? null : Duration.ofDays(days);
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
