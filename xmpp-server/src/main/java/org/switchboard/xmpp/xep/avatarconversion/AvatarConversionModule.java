package org.switchboard.xmpp.xep.avatarconversion;

import java.util.Set;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.vcard.VCardListener;

/**
 * XEP-0398 on the server: listens to PEP publishes and to vCards set, converts between them, and announces the
 * conversion on every account (section 2), so clients can warn that an avatar may become public.
 */
public final class AvatarConversionModule implements XmppModule {

    public static final String FEATURE = "urn:xmpp:pep-vcard-conversion:0";
    /** The id of every publish this module makes for an account; the PEP-to-vCard direction leaves those alone. */
    static final String ID_PREFIX = "pep-vcard-conversion-";

    private final VCardToPep toPep;

    /** Registers the PEP-to-vCard direction with {@code pep}; give {@link #vcardListener()} to the vCard module. */
    public AvatarConversionModule(PepModule pep) {
        pep.listen(new PepToVCard());
        this.toPep = new VCardToPep(pep);
    }

    /** What the vCard module calls after it stored a vCard: the vCard-to-PEP direction. */
    public VCardListener vcardListener() {
        return toPep;
    }

    @Override
    public Set<String> accountFeatures() {
        return Set.of(FEATURE);
    }

    static boolean isConversion(Stanza request) {
        return request.id() != null && request.id().startsWith(ID_PREFIX);
    }
}
