package org.switchboard.api.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.api.groups.GroupsApiTest.jid;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.api.ApiTest;
import org.switchboard.common.muc.GroupStore;
import org.switchboard.common.muc.RoomChange;
import reactor.core.Disposable;

/**
 * In an API context of its own whose accounts may make 3 group changes an hour. What each group change tells the group chat service of the process ({@link RoomChange}, ADR 0016): published
 * after the change is committed, one per member added or removed, none for a refused change. The service's side is
 * tested end to end in the app module ({@code GroupsOverXmppTest}).
 */
@SuppressWarnings("unchecked")
@TestPropertySource(properties = "test.group-changes=3")
class GroupChangesTest extends ApiTest {

    @Autowired
    GroupStore groups;

    private final List<RoomChange> seen = new CopyOnWriteArrayList<>();
    private Disposable listening;

    @BeforeEach
    void listen() {
        listening = groups.changes().subscribe(seen::add);
    }

    @AfterEach
    void stop() {
        listening.dispose();
    }

    @Test
    void everyCommittedChangeIsPublishedForTheRoom() {
        String owner = createUser(uniqueName("owner"));
        String alice = createUser(uniqueName("alice"));
        String bob = createUser(uniqueName("bob"));
        String token = accessToken(owner);
        Map<String, Object> group = http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Watched", "members", List.of(jid(alice), jid(owner))))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) group.get("id");
        String room = ((String) group.get("jid")).split("@")[0];
        String service = "conference." + GroupsApiTest.DOMAIN;
        // whoever looks the room up on hearing of the change finds it committed
        assertThat(seen).containsExactly(new RoomChange(service, room, RoomChange.Kind.MEMBER_ADDED, jid(alice), jid(owner)));
        assertThat(groups.find(UUID.fromString(id)).block()).isNotNull();

        http.post().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("members", List.of(jid(alice), jid(bob)))).exchange().expectStatus().isOk();
        http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Renamed")).exchange().expectStatus().isOk();
        http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(alice)).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        // refused: the only owner, and someone who is no member; neither is published
        http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(owner)).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(409);
        http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(alice)).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();

        assertThat(seen).containsExactly(
                new RoomChange(service, room, RoomChange.Kind.MEMBER_ADDED, jid(alice), jid(owner)),
                new RoomChange(service, room, RoomChange.Kind.MEMBER_ADDED, jid(bob), jid(owner)),
                new RoomChange(service, room, RoomChange.Kind.DESCRIBED, null, jid(owner)),
                new RoomChange(service, room, RoomChange.Kind.MEMBER_REMOVED, jid(alice), jid(owner)),
                new RoomChange(service, room, RoomChange.Kind.DESTROYED, null, jid(owner)),
                // the members left when it went, so that their bookmarks go too
                new RoomChange(service, room, RoomChange.Kind.MEMBER_REMOVED, jid(bob), jid(owner)));
    }

    @Test
    void makingGroupsAndAddingMembersIsLimitedPerAccount() {
        String token = accessToken(createUser(uniqueName("eager")));
        for (int i = 0; i < 3; i++) {
            newGroup(token).expectStatus().isCreated();
        }
        newGroup(token).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:rate-limited")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("for your account"));
        // another person is not held back by it
        newGroup(accessToken(createUser(uniqueName("calm")))).expectStatus().isCreated();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec newGroup(String token) {
        return http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "One more")).exchange();
    }
}
