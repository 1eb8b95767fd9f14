package org.switchboard.xmpp.xep.mam;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;

/**
 * An account's archiving preferences (XEP-0313 section 6): JIDs always archived, JIDs never archived, and
 * what happens to everyone else ({@code always}, {@code never}, or {@code roster}: only contacts in the
 * roster). A bare JID in a list stands for every resource of it; a full JID for that resource only.
 * The lists are applied by the INSERT in {@link ArchiveWriter}, where they are read in the same round trip.
 */
record ArchivePrefs(String defaultMode, List<String> always, List<String> never) {

    static final Set<String> MODES = Set.of("always", "never", "roster");
    static final ArchivePrefs DEFAULT = new ArchivePrefs("always", List.of(), List.of());

    ArchivePrefs {
        always = List.copyOf(always);
        never = List.copyOf(never);
    }

    /** The preferences in a {@code <prefs/>} set request; null when the request is malformed. */
    static ArchivePrefs from(Element prefs) {
        String mode = prefs.attribute("default");
        if (mode == null || !MODES.contains(mode)) {
            return null;
        }
        List<String> always = jids(prefs, "always");
        List<String> never = jids(prefs, "never");
        if (always == null || never == null) {
            return null;
        }
        // a JID in both lists is never archived: the safer reading of a contradiction
        always.removeAll(never);
        return new ArchivePrefs(mode, always, never);
    }

    private static List<String> jids(Element prefs, String list) {
        List<String> jids = new ArrayList<>();
        Element element = prefs.child(list, prefs.namespace()).orElse(null);
        if (element == null) {
            return jids;
        }
        for (Element jid : element.elements()) {
            Jid parsed = jid.is("jid", prefs.namespace()) ? Jid.parseOrNull(jid.text().trim()) : null;
            if (parsed == null) {
                return null;
            }
            if (!jids.contains(parsed.toString())) {
                jids.add(parsed.toString());
            }
        }
        return jids;
    }

    Element toElement(String namespace) {
        return Element.builder("prefs", namespace)
                .attribute("default", defaultMode)
                .child(list("always", always, namespace))
                .child(list("never", never, namespace))
                .build();
    }

    private static Element list(String name, List<String> jids, String namespace) {
        ElementBuilder list = Element.builder(name, namespace);
        jids.forEach(jid -> list.textChild("jid", jid));
        return list.build();
    }
}
