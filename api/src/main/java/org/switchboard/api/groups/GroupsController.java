package org.switchboard.api.groups;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.api.auth.Person;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.muc.GroupStore;
import reactor.core.publisher.Mono;

/**
 * A person's groups. Making or renaming a group and adding members count against the account's hourly limit
 * of group changes (429 with Retry-After past it): each addition sends invitations. Least privilege: owners, admins and members of a group read it; only its owners (and
 * administrators of the server) change it, except that a member may leave; to everyone else a group answers 404 like
 * one that does not exist. Host accounts get 403 ({@link Person}).
 */
@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "groups", description = "Group chats: persistent members-only rooms of conference.<domain>")
class GroupsController {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> READERS = Set.of("owner", "admin", "member");

    private final GroupStore groups;
    private final MemberJids jids;
    private final GroupBeans.ChangeLimiter limiter;

    GroupsController(GroupStore groups, AccountStore accounts, CoreSettings core, GroupBeans.ChangeLimiter limiter) {
        this.groups = groups;
        this.jids = new MemberJids(accounts, core.domain());
        this.limiter = limiter;
    }

    /** What the caller may do with a group: its affiliation, and whether it is an administrator of the server. */
    private record Access(GroupStore.Group group, String affiliation, boolean admin) {
        boolean mayChange() {
            return admin || "owner".equals(affiliation);
        }
    }

    @PostMapping
    @Operation(summary = "Make a group: a persistent members-only room owned by the caller; each member is invited")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<GroupViews.GroupView>> create(Person person, @Valid @RequestBody GroupRequests.NewGroup body) {
        enabled();
        limiter.acquire(person.id());
        List<String> members = body.members() == null ? List.of() : body.members();
        checkCount(members);
        String owner = person.account().jid();
        return jids.resolve(members)
                .flatMap(resolved -> groups.create(owner, body.name().strip(), blankToNull(body.description()), resolved))
                .onErrorMap(GroupStore.LimitReached.class, e -> new ApiException(ApiProblem.GROUP_LIMIT, e.getMessage()))
                .map(group -> ResponseEntity.created(URI.create("/api/v1/groups/" + group.id())).body(GroupViews.GroupView.of(group, "owner")));
    }

    @GetMapping
    @Operation(summary = "The groups the caller owns or is a member of, oldest first")
    Mono<List<GroupViews.GroupView>> list(Person person) {
        enabled();
        return groups.of(person.account().jid()).map(entry -> GroupViews.GroupView.of(entry.getKey(), entry.getValue())).collectList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's groups")
    Mono<GroupViews.GroupView> get(Person person, @PathVariable String id) {
        return access(person, id).map(access -> GroupViews.GroupView.of(access.group(), access.affiliation()));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename a group or change its description (null clears it); owners only; occupants see status 104")
    Mono<GroupViews.GroupView> change(Person person, @PathVariable String id, @Valid @RequestBody GroupRequests.GroupChange body) {
        if (!body.hasName() && !body.hasDescription()) {
            throw ApiException.invalid("send at least one of name, description");
        }
        if (body.hasName() && body.getName() == null) {
            throw ApiException.invalid("name must be 1 to 1024 characters");
        }
        return access(person, id).map(GroupsController::owner)
                .flatMap(access -> {
                    limiter.acquire(person.id());
                    String name = body.hasName() ? body.getName().strip() : null;
                    return groups.describe(access.group(), name, body.hasDescription(), blankToNull(body.getDescription()),
                                    person.account().jid())
                            .switchIfEmpty(Mono.error(GroupsController::notFound))
                            .map(group -> GroupViews.GroupView.of(group, access.affiliation()));
                });
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a group: its room is destroyed at once (occupants get the destroy presence) with its history")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> delete(Person person, @PathVariable String id) {
        return access(person, id).map(GroupsController::owner)
                .flatMap(access -> groups.delete(access.group(), person.account().jid()))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(GroupsController::notFound))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "The group's owners, admins and members")
    Mono<List<GroupViews.MemberView>> members(Person person, @PathVariable String id) {
        return access(person, id).flatMap(access -> groups.members(access.group()).map(GroupViews.MemberView::of).collectList());
    }

    @PostMapping("/{id}/members")
    @Operation(summary = "Add members (owners only): each may enter the room at once and is invited (XEP-0249); "
            + "answers with every member")
    Mono<List<GroupViews.MemberView>> add(Person person, @PathVariable String id, @Valid @RequestBody GroupRequests.NewMembers body) {
        checkCount(body.members());
        return access(person, id).map(GroupsController::owner)
                .flatMap(access -> {
                    limiter.acquire(person.id());
                    return jids.resolve(body.members())
                            .flatMap(resolved -> groups.add(access.group(), resolved, person.account().jid()))
                            .switchIfEmpty(Mono.error(GroupsController::notFound))
                            .onErrorMap(GroupStore.LimitReached.class, e -> new ApiException(ApiProblem.GROUP_LIMIT, e.getMessage()))
                            .then(groups.members(access.group()).map(GroupViews.MemberView::of).collectList());
                });
    }

    @DeleteMapping("/{id}/members/{jid}")
    @Operation(summary = "Remove a member (owners; a member may remove itself): its membership ends at once and its "
            + "clients leave the room with status 321")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> remove(Person person, @PathVariable String id, @PathVariable String jid) {
        String member = jids.bareOrNull(jid);
        return access(person, id)
                .map(access -> member != null && member.equals(person.account().jid()) ? access : owner(access))
                .flatMap(access -> member == null ? Mono.just(false) : groups.remove(access.group(), member, person.account().jid()))
                .onErrorMap(GroupStore.Refused.class, e -> new ApiException(ApiProblem.CONFLICT, e.getMessage()))
                .flatMap(removed -> removed ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new ApiException(ApiProblem.NOT_FOUND, jid + " is not a member of this group")));
    }

    /** The group, if the caller may read it; else 404, the same as for a group that does not exist. */
    private Mono<Access> access(Person person, String id) {
        enabled();
        UUID groupId = groupId(id);
        String caller = person.account().jid();
        boolean admin = person.account().isAdmin();
        return groups.find(groupId)
                .flatMap(group -> groups.affiliation(group, caller).map(affiliation -> new Access(group, affiliation, admin)))
                .filter(access -> access.admin() || READERS.contains(access.affiliation()))
                .switchIfEmpty(Mono.error(GroupsController::notFound));
    }

    private static Access owner(Access access) {
        if (!access.mayChange()) {
            throw new ApiException(ApiProblem.FORBIDDEN, "only the group's owner may change it; members may read it and leave it");
        }
        return access;
    }

    private void enabled() {
        if (!groups.settings().enabled()) {
            throw new ApiException(ApiProblem.GROUPS_OFF, "group chat is off on this server (SWITCHBOARD_MUC=false)");
        }
    }

    /** A request may not list more JIDs than a group may have members; each would otherwise be looked up first. */
    private void checkCount(List<String> members) {
        int most = groups.settings().maxOccupants();
        if (members.size() > most) {
            throw new ApiException(ApiProblem.GROUP_LIMIT, "a group may have at most " + most + " members; " + members.size() + " were listed");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A malformed id is a group that does not exist. */
    private static UUID groupId(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw notFound();
        }
        return UUID.fromString(id);
    }

    private static ApiException notFound() {
        return new ApiException(ApiProblem.NOT_FOUND, "you have no group with this id");
    }
}
