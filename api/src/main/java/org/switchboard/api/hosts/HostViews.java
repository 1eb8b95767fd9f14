package org.switchboard.api.hosts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.switchboard.common.presence.OnlineAccounts;
import org.switchboard.common.sms.host.Host;
import org.switchboard.common.sms.host.PairingCode;
import org.switchboard.common.sms.host.Sim;

/** Response bodies of the host endpoints. */
final class HostViews {

    private HostViews() {
    }

    /**
     * A host as its owner sees it.
     *
     * @param online whether the host's account has a session now; null when this API process cannot tell
     *               (no XMPP server runs in it)
     */
    record HostView(UUID id, String name, boolean paired, Instant pairedAt, Boolean online, Instant lastSeen, Integer battery,
                    Boolean charging, Integer signal, String appVersion, List<SimView> sims) {

        static HostView of(Host host, OnlineAccounts presence) {
            Boolean online = !presence.knows() ? null : host.paired() && presence.isOnline(host.accountLocalpart());
            return new HostView(host.id(), host.name(), host.paired(), host.pairedAt(), online, host.lastSeen(), host.battery(),
                    host.charging(), host.signal(), host.appVersion(), host.sims().stream().map(SimView::of).toList());
        }
    }

    record SimView(int subscriptionId, int slot, String carrier, String number, String label,
                   @JsonProperty("default") boolean isDefault, boolean present) {

        static SimView of(Sim sim) {
            return new SimView(sim.subscriptionId(), sim.slot(), sim.carrier(), sim.number(), sim.label(), sim.isDefault(), sim.present());
        }
    }

    /** A host with a fresh pairing code; {@code qr} is the link the phone's camera opens. */
    record CodeView(UUID id, String name, String code, Instant codeExpiresAt, String qr) {
    }

    /**
     * What the phone gets from pairing; the password is shown to nobody else and never again.
     *
     * @param tlsSha256 SHA-256 of the XMPP server's certificate (hex) for the phone to pin; null when not pinned
     */
    record PairingView(UUID hostId, String jid, String password, String xmppHost, int xmppPort, String gateway, String tlsSha256) {

        static PairingView of(org.switchboard.common.sms.host.Pairing pairing, String domain, int xmppPort, XmppCertificatePin pin) {
            return new PairingView(pairing.hostId(), pairing.account().jid(), pairing.password(), domain, xmppPort, "sms." + domain,
                    pin.sha256());
        }
    }

    static CodeView code(Host host, PairingCode code, String qr) {
        return new CodeView(host.id(), host.name(), code.code(), code.expiresAt(), qr);
    }
}
