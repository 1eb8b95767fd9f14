package org.switchboard.xmpp.xep.muc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.common.muc.RoomChange;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.xmpp.component.InternalComponent;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.pep.PepModule;
import org.switchboard.xmpp.xep.push.PushModule;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The multi-user chat service {@code conference.<domain>} (XEP-0045), in the server process (ADR 0020, ADR 0014).
 * Presence enters, leaves and renames; messages go to the room or privately to an occupant; IQs go to the
 * service, a room ({@link RoomIqs}) or are passed between occupants. Each room's state changes under its lock.
 */
public final class MucComponent implements InternalComponent {

    private static final Logger log = LoggerFactory.getLogger(MucComponent.class);

    private final String domain;
    private final String serverDomain;
    private final MucSettings settings;
    private final Entering entering;
    private final Clock clock;
    private volatile ModuleContext context;
    private volatile Rooms rooms;
    private volatile RoomMessages messages;
    private volatile RoomIqs iqs;
    /** Changes the REST API makes to rooms (ADR 0016); none unless {@link #follow} was called. */
    private volatile Flux<RoomChange> outside = Flux.empty();
    private volatile Disposable following;
    private volatile PepModule pep;
    /** Told of groupchat messages for members away from their room (XEP-0357); null: no pushes for rooms. */
    private volatile PushModule push;

    public MucComponent(String serverDomain, MucSettings settings) {
        this(serverDomain, settings, Clock.systemUTC());
    }

    MucComponent(String serverDomain, MucSettings settings, Clock clock) {
        this.domain = MucSettings.serviceDomain(serverDomain);
        this.serverDomain = serverDomain;
        this.settings = settings;
        this.entering = new Entering(settings);
        this.clock = clock;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public List<XmppModule> modules() {
        MucComponent component = this;
        return List.of(XmppModule.listedInDiscoItems(domain), new XmppModule() {
            @Override
            public Mono<Void> sessionEnded(ModuleContext sessionContext) {
                return sessionContext.sessionJid().map(component::sessionEnded).orElse(Mono.empty());
            }
        });
    }

    @Override
    public void start(ModuleContext serverContext) {
        RoomStore store = new RoomStore(serverContext.database(), domain);
        // temporary rooms lived only with their occupants, who went with the last process
        store.deleteTemporary().block();
        RoomVCards vcards = new RoomVCards(serverContext.database());
        this.rooms = new Rooms(domain, store, vcards, settings);
        this.messages = new RoomMessages(rooms, new Talking(settings), clock, push);
        this.iqs = new RoomIqs(rooms, new RoomArchive(store), new RoomAvatar(vcards));
        this.context = serverContext;
        OutsideChanges changes = new OutsideChanges(rooms, pep == null ? null : new GroupBookmarks(pep));
        this.following = outside.filter(change -> change.service().equals(domain))
                .concatMap(change -> changes.apply(change, serverContext).onErrorResume(e -> {
                    log.warn("applying {} to the live room failed; the room is read afresh when next addressed", change, e);
                    return Mono.empty();
                }))
                .subscribe();
    }

    /**
     * Applies the room changes that the REST API commits ({@code GroupStore}) to the rooms in memory; call before
     * the server starts. {@code pep} (null: none) receives new members' bookmarks.
     */
    public void follow(Flux<RoomChange> changes, PepModule pep) {
        this.outside = changes;
        this.pep = pep;
    }

    /** Pushes members away from a room when a message is posted in it ({@link AwayMembers}); call before the server starts. */
    public void pushAwayMembersWith(PushModule push) {
        this.push = push;
    }

    @Override
    public void stop() {
        Disposable current = following;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public Mono<Void> receive(Stanza stanza) {
        ModuleContext current = context;
        Jid from = stanza.from();
        Jid to = stanza.to();
        if (current == null || from == null || to == null) {
            return Mono.empty();
        }
        if (to.localpart() == null) {
            return iqs.toService(stanza, current);
        }
        if (stanza.isPresence()) {
            return presence(stanza, current);
        }
        if (stanza.isMessage()) {
            return to.resource() == null ? messages.toRoom(stanza, current) : messages.toOccupant(stanza, current);
        }
        return to.resource() == null ? iqs.toRoom(stanza, current) : iqs.toOccupant(stanza, current);
    }

    static Mono<Void> send(List<Stanza> stanzas, ModuleContext context) {
        return Flux.fromIterable(stanzas).concatMap(stanza -> context.router().route(stanza)).then();
    }

    static Mono<Void> refuse(Stanza stanza, StanzaError error, String text, ModuleContext context) {
        if (stanza.isError() || (stanza.isIq() && !stanza.isIqRequest())) {
            return Mono.empty();
        }
        Stanza reply = stanza.errorReply(error, text);
        if (stanza.isPresence()) {
            // section 7.2: a refused join carries the join element back (clients match errors by it), without the password
            reply = new Stanza(reply.element().toBuilder().child(Element.of("x", Muc.NAMESPACE)).build());
        }
        return context.router().route(reply);
    }

    private Mono<Void> presence(Stanza presence, ModuleContext context) {
        String type = presence.type();
        String name = presence.to().localpart();
        if ("unavailable".equals(type) || "error".equals(type)) {
            return rooms.find(name).flatMap(room -> leave(room, presence,
                    presence.element().child("status", org.switchboard.xmpp.stanza.Namespaces.CLIENT).orElse(null), context));
        }
        if (type != null) {
            return Mono.empty();   // subscriptions and probes mean nothing to a room
        }
        String nick = presence.to().resource();
        if (nick == null || nick.isBlank()) {
            return refuse(presence, StanzaError.JID_MALFORMED, "enter a room as " + presence.to().bare() + "/nick: a nick is needed", context);
        }
        return rooms.lookup(name).flatMap(found -> found.isPresent() ? enter(found.get(), presence, nick, false, context) : create(name, presence, nick, context));
    }

    private Mono<Void> create(String name, Stanza presence, String nick, ModuleContext context) {
        Jid from = presence.from();
        if (from.localpart() == null || !from.domain().equals(serverDomain)) {
            return refuse(presence, StanzaError.NOT_ALLOWED, "only accounts of " + serverDomain + " may create rooms here", context);
        }
        return rooms.create(name, from).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(made -> made.isPresent() ? enter(made.get(), presence, nick, true, context)
                        : rooms.find(name).flatMap(room -> enter(room, presence, nick, false, context)))
                .onErrorResume(Rooms.Refused.class, e -> refuse(presence, StanzaError.NOT_ALLOWED, e.getMessage(), context));
    }

    private Mono<Void> enter(Room room, Stanza presence, String nick, boolean created, ModuleContext context) {
        List<Stanza> out = new ArrayList<>();
        Entering.Refusal refusal = null;
        Occupant joined = null;
        RoomHistory.Request history = null;
        Stanza subject = null;
        Stanza photo = null;
        RoomHistory reader = new RoomHistory(rooms.store(), settings, clock);
        synchronized (room) {
            if (room.gone) {
                return Mono.defer(() -> presence(presence, context));
            }
            Occupant existing = room.occupant(presence.from());
            if (existing != null && existing.nick.equals(nick)) {
                entering.update(room, existing, presence, out);
            } else if (existing != null) {
                refusal = entering.changeNick(room, existing, nick, presence, out);
            } else {
                Object result = entering.join(room, presence, nick, created, out);
                if (result instanceof Entering.Refusal refused) {
                    refusal = refused;
                } else {
                    joined = (Occupant) result;
                    history = reader.request(presence.element().child("x", Muc.NAMESPACE).orElse(null));
                    subject = Entering.subject(room, joined);
                    photo = room.photoHash == null ? null : RoomAvatar.presence(room, joined.jid, room.photoHash);
                }
            }
        }
        if (refusal != null) {
            return refuse(presence, refusal.error(), refusal.text(), context);
        }
        out = Presences.reflectId(out, presence);
        if (joined == null) {
            return send(out, context);
        }
        Jid to = joined.jid;
        Stanza subjectMessage = subject;
        Stanza avatar = photo;
        List<Stanza> first = out;
        // the room's avatar hash after the subject, which ends the entering
        return send(first, context)
                .then(reader.messages(room, to, history))
                .flatMap(old -> send(old, context))
                .then(Mono.defer(() -> context.router().route(subjectMessage)))
                .then(Mono.defer(() -> avatar == null ? Mono.empty() : context.router().route(avatar)));
    }

    private Mono<Void> leave(Room room, Stanza presence, Element status, ModuleContext context) {
        return leave(room, presence.from(), presence, status, context);
    }

    private Mono<Void> leave(Room room, Jid from, Stanza presence, Element status, ModuleContext context) {
        List<Stanza> out = new ArrayList<>();
        boolean delete;
        synchronized (room) {
            Occupant occupant = room.occupant(from);
            if (occupant == null) {
                return Mono.empty();
            }
            Entering.leave(room, occupant, status, out);
            delete = !room.config.persistent() && room.occupants.isEmpty();
            if (delete) {
                rooms.forget(room);
            }
        }
        List<Stanza> marked = presence == null ? out : Presences.reflectId(out, presence);
        // the row goes first: whoever saw the room empty and comes back must find it gone and make it anew
        return (delete ? rooms.store().delete(room.id) : Mono.<Void>empty()).then(send(marked, context));
    }

    /** A client session ended: it leaves every room it was in, whether or not its presence said so. */
    private Mono<Void> sessionEnded(Jid session) {
        Rooms current = rooms;
        ModuleContext serverContext = context;
        if (current == null || serverContext == null) {
            return Mono.empty();
        }
        return Flux.fromIterable(List.copyOf(current.live()))
                .concatMap(room -> leave(room, session, null, null, serverContext))
                .onErrorResume(e -> {
                    log.warn("leaving rooms for ended session {} failed", session, e);
                    return Mono.empty();
                })
                .then();
    }
}
