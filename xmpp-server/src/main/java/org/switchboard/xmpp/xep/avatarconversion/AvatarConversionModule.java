package org.switchboard.xmpp.xep.avatarconversion;

import java.util.Set;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.vcard.VCardListener;
import reactor.core.publisher.Mono;

/**
 * XEP-0398 on the server: listens to PEP publishes and to vCards set, converts between them, announces the
 * conversion on every account (section 2), so clients can warn that an avatar may become public, and puts the
 * avatar's hash into the available presences accounts send (section 4).
 */
public final class AvatarConversionModule implements XmppModule {

    public static final String FEATURE = "urn:xmpp:pep-vcard-conversion:0";
    /** The id of every publish this module makes for an account; the PEP-to-vCard direction leaves those alone. */
    static final String ID_PREFIX = "pep-vcard-conversion-";

    private final AvatarHashes hashes = new AvatarHashes();
    private final VCardToPep toPep;

    /** Registers the PEP-to-vCard direction with {@code pep}; give {@link #vcardListener()} to the vCard module. */
    public AvatarConversionModule(PepModule pep) {
        pep.listen(new PepToVCard(hashes));
        this.toPep = new VCardToPep(pep);
    }

    /** What the vCard module calls after it stored a vCard: the hash for presence, then the vCard-to-PEP direction. */
    public VCardListener vcardListener() {
        // deferred: the vCard module assembles its steps before storing, and the hash is the stored vCard's
        return (owner, vcard, context) -> Mono.defer(() -> {
            hashes.stored(owner, PhotoHash.of(vcard));
            return toPep.saved(owner, vcard, context);
        });
    }

    @Override
    public Mono<Stanza> outgoingPresence(Stanza presence, ModuleContext context) {
        Jid session = context.sessionJid().orElse(null);
        if (presence.type() != null || session == null) {
            return Mono.just(presence);
        }
        return hashes.of(session, context.database()).map(known -> PresencePhoto.apply(presence, known));
    }

    @Override
    public Mono<Void> sessionEnded(ModuleContext context) {
        // the ended session is out of the directory by now; the account's next session reads the vCard again
        context.sessionJid().filter(session -> context.sessions().sessions(session.bare()).isEmpty()).ifPresent(hashes::forget);
        return Mono.empty();
    }

    @Override
    public Set<String> accountFeatures() {
        return Set.of(FEATURE);
    }

    static boolean isConversion(Stanza request) {
        return request.id() != null && request.id().startsWith(ID_PREFIX);
    }
}
