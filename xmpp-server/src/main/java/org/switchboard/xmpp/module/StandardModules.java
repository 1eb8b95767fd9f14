package org.switchboard.xmpp.module;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.im.ImModules;
import org.switchboard.xmpp.xep.admin.AdminModule;
import org.switchboard.xmpp.xep.avatarconversion.AvatarConversionModule;
import org.switchboard.xmpp.xep.blocking.BlockingModule;
import org.switchboard.xmpp.xep.bookmarksconversion.BookmarksCompatModule;
import org.switchboard.xmpp.xep.commands.CommandsModule;
import org.switchboard.xmpp.xep.contact.ContactAddresses;
import org.switchboard.xmpp.xep.contact.ContactAddressesModule;
import org.switchboard.xmpp.xep.disco.DiscoModule;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.ping.PingModule;
import org.switchboard.xmpp.xep.privatedata.PrivateStorageModule;
import org.switchboard.xmpp.xep.push.PushModule;
import org.switchboard.xmpp.xep.pubsub.PubSubSettings;
import org.switchboard.xmpp.xep.register.RegistrationModule;
import org.switchboard.xmpp.xep.time.TimeModule;
import org.switchboard.xmpp.xep.vcard.VCardModule;
import org.switchboard.xmpp.xep.version.VersionModule;

/**
 * The one place where the server's modules are listed. Add a module here; the order is the order in
 * which messages and presences are offered to the modules.
 */
public final class StandardModules {

    private StandardModules() {
    }

    /** The modules with in-band registration closed ({@code SWITCHBOARD_REGISTRATION} unset). */
    public static List<XmppModule> create() {
        return create(false);
    }

    /** @param registrationOpen whether XEP-0077 account creation is offered ({@code CoreSettings.registrationOpen()}) */
    public static List<XmppModule> create(boolean registrationOpen) {
        return create(registrationOpen, ContactAddresses.NONE, domain -> false, null, PubSubSettings.DEFAULTS);
    }

    /** The modules as the settings configure them. */
    public static List<XmppModule> create(XmppSettings settings) {
        return create(settings, Set.of());
    }

    /**
     * The modules as the settings configure them, with in-process components that clients may enable as push
     * app servers besides the external ones (the built-in {@code push.<domain>}). With federation on, an app server
     * on another server's domain is reached over s2s (issue 16); the server's own domain is never one.
     */
    public static List<XmppModule> create(XmppSettings settings, Set<String> internalAppServers) {
        boolean federating = settings.s2s().enabled();
        return create(settings.registrationOpen(), settings.contactAddresses(),
                domain -> settings.components().containsKey(domain) || internalAppServers.contains(domain)
                        || federating && !domain.equals(settings.domain()), settings.mamRetention(),
                settings.pubsub());
    }

    /**
     * @param contacts        XEP-0157 addresses for the server's disco#info
     * @param componentDomain the domains where push app servers can be reached: components, and with federation others
     * @param mamRetention    how long message archives keep entries, null for ever ({@code XmppSettings.mamRetention()})
     * @param pubsub          limits of PEP (XEP-0163)
     */
    private static List<XmppModule> create(boolean registrationOpen, ContactAddresses contacts, Predicate<String> componentDomain,
                                           Duration mamRetention, PubSubSettings pubsub) {
        CommandsModule commands = AdminModule.withAdminCommands();
        PepModule pep = new PepModule(pubsub);
        AvatarConversionModule avatars = new AvatarConversionModule(pep);
        List<XmppModule> modules = new ArrayList<>(List.of(
                new ServerIdentityModule(),
                new PingModule(),
                new DiscoModule(List.of(commands), List.of(pep)),
                commands,
                new VersionModule(),
                new ContactAddressesModule(contacts),
                new TimeModule(),
                new VCardModule(avatars.vcardListener()),
                // private storage, with storage:bookmarks kept in step with the PEP bookmarks node (XEP-0402 5.3)
                new BookmarksCompatModule(new PrivateStorageModule(), pep, pubsub.maxItemsPerNode()),
                new RegistrationModule(registrationOpen),
                // before the IM modules, so stanzas to or from blocked JIDs never reach them
                new BlockingModule(),
                // before the IM modules: the presence module takes a session's presence, whose caps PEP reads first
                pep,
                avatars));
        // roster, offline storage, presence, carbons, archive and messages share state, so they are built
        // together; push acts on what the message module decides, so it listens to it
        PushModule push = new PushModule(componentDomain);
        modules.addAll(ImModules.create(List.of(push), mamRetention));
        modules.add(push);
        return List.copyOf(modules);
    }
}
