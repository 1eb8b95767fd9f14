package org.switchboard.api.groups;

import java.time.Instant;
import java.util.UUID;
import org.switchboard.common.muc.GroupStore;

/** Response bodies of the group endpoints. */
final class GroupViews {

    private GroupViews() {
    }

    /**
     * A group as its members see it.
     *
     * @param jid         the room's JID, which XMPP clients enter
     * @param owner       the account that made it
     * @param affiliation the caller's affiliation: owner, admin or member; none for an administrator who is none of these
     * @param members     how many owners, admins and members it has
     */
    record GroupView(UUID id, String jid, String name, String description, String owner, String affiliation, long members,
                     Instant createdAt) {

        static GroupView of(GroupStore.Group group, String affiliation) {
            return new GroupView(group.id(), group.jid(), group.name(), group.description(), group.creator(), affiliation,
                    group.members(), group.createdAt());
        }
    }

    /** One person of a group: the bare JID and owner, admin or member. */
    record MemberView(String jid, String affiliation) {

        static MemberView of(GroupStore.Member member) {
            return new MemberView(member.jid(), member.affiliation());
        }
    }
}
