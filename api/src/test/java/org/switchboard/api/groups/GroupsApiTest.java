package org.switchboard.api.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.switchboard.api.ApiTest;
import org.switchboard.api.TestApiApplication;
import org.switchboard.common.account.AccountKind;

/** The group endpoints over real HTTP against the real database; what each change tells the live service is in {@link GroupChangesTest}. */
@SuppressWarnings("unchecked")
class GroupsApiTest extends ApiTest {

    static final String DOMAIN = TestApiApplication.DOMAIN;

    @Autowired
    DatabaseClient db;

    @Test
    void aGroupIsAPersistentMembersOnlyRoomOwnedByItsCreator() {
        String owner = createUser(uniqueName("owner"));
        String alice = createUser(uniqueName("alice"));
        String bob = createUser(uniqueName("bob"));
        String token = accessToken(owner);
        Map<String, Object> group = http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "  Family  ", "description", "The whole family", "members", List.of(jid(bob), jid(alice), jid(owner))))
                .exchange().expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/groups/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) group.get("id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat((String) group.get("jid")).matches("[a-z2-7]{16}@conference\\." + DOMAIN.replace(".", "\\."));
        assertThat(group).containsEntry("name", "Family").containsEntry("description", "The whole family")
                .containsEntry("owner", jid(owner)).containsEntry("affiliation", "owner").containsEntry("members", 3)
                .containsKey("created_at");

        Map<String, Object> room = db.sql("SELECT persistent, members_only, public_room, whois, creator, title FROM muc_rooms WHERE group_id = :id")
                .bind("id", UUID.fromString(id)).fetch().one().block();
        assertThat(room).containsEntry("persistent", true).containsEntry("members_only", true).containsEntry("public_room", false)
                .containsEntry("whois", "anyone").containsEntry("creator", jid(owner)).containsEntry("title", "Family");

        List<Map<String, Object>> members = members(token, id);
        assertThat(members).extracting(m -> m.get("jid") + " " + m.get("affiliation"))
                .containsExactly(jid(owner) + " owner", jid(alice) + " member", jid(bob) + " member");

        String aliceToken = accessToken(alice);
        http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(aliceToken)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(id).jsonPath("$[0].affiliation").isEqualTo("member");
        http.get().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(aliceToken)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.jid").isEqualTo(group.get("jid")).jsonPath("$.affiliation").isEqualTo("member");
        assertThat(members(aliceToken, id)).hasSize(3);
        http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].affiliation").isEqualTo("owner");
    }

    @Test
    void aGroupWithoutMembersOrDescription() {
        String token = accessToken(createUser(uniqueName("solo")));
        http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Notes"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.members").isEqualTo(1).jsonPath("$.description").doesNotExist();
    }

    @Test
    void othersGet404AndMembersMayOnlyReadOrLeave() {
        String owner = createUser(uniqueName("owner"));
        String member = createUser(uniqueName("member"));
        String other = createUser(uniqueName("member"));
        String id = create(accessToken(owner), "Team", List.of(jid(member), jid(other)));
        String stranger = accessToken(createUser(uniqueName("stranger")));
        String memberToken = accessToken(member);

        for (WebTestClient.RequestHeadersSpec<?> request : everyEndpoint(id, jid(member))) {
            request.headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:not-found");
        }
        http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(stranger)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);

        http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(memberToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mine")).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("only the group's owner"));
        http.post().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(memberToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("members", List.of(jid(owner)))).exchange().expectStatus().isForbidden();
        http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(other)).headers(h -> h.setBearerAuth(memberToken)).exchange()
                .expectStatus().isForbidden();
        http.delete().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(memberToken)).exchange().expectStatus().isForbidden();

        // a member leaves by removing itself, and then the group is none of its business
        http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(member)).headers(h -> h.setBearerAuth(memberToken)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(memberToken)).exchange().expectStatus().isNotFound();
        assertThat(members(accessToken(owner), id)).extracting(m -> m.get("jid")).containsExactly(jid(owner), jid(other));
    }

    @Test
    void theOwnerRenamesAndDescribes() {
        String token = accessToken(createUser(uniqueName("owner")));
        String id = create(token, "Old name", List.of());
        http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("description", "About us")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Old name").jsonPath("$.description").isEqualTo("About us");
        http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "New name")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("New name").jsonPath("$.description").isEqualTo("About us");
        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(clear).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.description").doesNotExist();
        assertThat(db.sql("SELECT title FROM muc_rooms WHERE group_id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get("title", String.class)).one().block()).isEqualTo("New name");
    }

    @Test
    void badInputIsRefusedWithWhatWasWrong() {
        String owner = createUser(uniqueName("owner"));
        String token = accessToken(owner);
        assertProblem(postGroup(token, Map.of("description", "no name")), 400, "invalid-input", "name is required");
        assertProblem(postGroup(token, Map.of("name", "   ")), 400, "invalid-input", "name is required");
        assertProblem(postGroup(token, Map.of("name", "x".repeat(1025))), 400, "invalid-input", "name must be at most 1024 characters");
        assertProblem(postGroup(token, Map.of("name", "ok", "description", "d".repeat(4097))), 400, "invalid-input",
                "description must be at most 4096 characters");
        assertProblem(postGroup(token, Map.of("name", "ok", "members", List.of("no-at-sign"))), 400, "invalid-input",
                "members[0]: 'no-at-sign' is not a bare JID");
        assertProblem(postGroup(token, Map.of("name", "ok", "members", List.of(jid(owner) + "/phone"))), 400, "invalid-input",
                "is not a bare JID");
        assertProblem(postGroup(token, Map.of("name", "ok", "members", List.of(jid(owner), "someone@elsewhere.example"))), 422,
                "unknown-reference", "members[1]: 'someone@elsewhere.example' is not an account of " + DOMAIN);
        assertProblem(postGroup(token, Map.of("name", "ok", "members", List.of("nobody-" + UUID.randomUUID() + "@" + DOMAIN))), 422,
                "unknown-reference", "there is no person with the account");
        assertProblem(postGroup(token, Map.of("name", "ok", "members", List.of(""))), 400, "invalid-input", "members[0] must be a JID");
        String host = createHostAccount();
        assertProblem(postGroup(token, Map.of("name", "ok", "members", List.of(host + "@" + DOMAIN))), 422, "unknown-reference",
                "there is no person with the account");
        http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"ok\", \"members\": \"not-a-list\"}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:malformed-json");
        // nothing was made by any of it
        http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);

        String id = create(token, "Fine", List.of());
        assertProblem(http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange(), 400, "invalid-input", "send at least one of name, description");
        assertProblem(http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " ")).exchange(), 400, "invalid-input", "name must not be blank");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        assertProblem(http.patch().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(nullName).exchange(), 400, "invalid-input", "name must be 1 to 1024 characters");
        assertProblem(http.post().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("members", List.of())).exchange(), 400, "invalid-input",
                "members must list at least one JID");
        assertProblem(http.get().uri("/api/v1/groups/not-a-uuid").headers(h -> h.setBearerAuth(token)).exchange(), 404, "not-found",
                "you have no group with this id");
        assertProblem(http.get().uri("/api/v1/groups/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(token)).exchange(), 404,
                "not-found", "you have no group with this id");
        assertProblem(http.delete().uri("/api/v1/groups/" + id + "/members/not-a-jid").headers(h -> h.setBearerAuth(token)).exchange(),
                404, "not-found", "not-a-jid is not a member of this group");
        http.get().uri("/api/v1/groups").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void membersAreAddedOnceAndRemoved() {
        String owner = createUser(uniqueName("owner"));
        String alice = createUser(uniqueName("alice"));
        String bob = createUser(uniqueName("bob"));
        String token = accessToken(owner);
        String id = create(token, "Friends", List.of(jid(alice)));
        List<Map<String, Object>> after = http.post().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("members", List.of(jid(alice), jid(bob).toUpperCase(), jid(bob))))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(after).extracting(m -> m.get("jid")).containsExactly(jid(owner), jid(alice), jid(bob));

        http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(alice)).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        assertProblem(http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(alice)).headers(h -> h.setBearerAuth(token)).exchange(),
                404, "not-found", "is not a member of this group");
        assertProblem(http.delete().uri("/api/v1/groups/" + id + "/members/" + jid(owner)).headers(h -> h.setBearerAuth(token)).exchange(),
                409, "conflict", "is the group's only owner; delete the group instead");
        assertThat(members(token, id)).extracting(m -> m.get("jid")).containsExactly(jid(owner), jid(bob));
        http.get().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.members").isEqualTo(2);
    }

    @Test
    void deletingAGroupDeletesItsRoomAndHistory() {
        String owner = createUser(uniqueName("owner"));
        String member = createUser(uniqueName("member"));
        String token = accessToken(owner);
        String id = create(token, "Short-lived", List.of(jid(member)));
        long roomId = db.sql("SELECT id FROM muc_rooms WHERE group_id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get("id", Long.class)).one().block();
        db.sql("INSERT INTO muc_archive (room_id, stanza_id, nick, sender, archived_at, body, stanza) "
                + "VALUES (:room, 'sid', 'nick', 'x@y', now(), 'hi', '<message/>')").bind("room", roomId).then().block();

        http.delete().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();
        http.get().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
        http.delete().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(accessToken(member))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        for (String table : List.of("muc_rooms WHERE id", "muc_affiliations WHERE room_id", "muc_archive WHERE room_id")) {
            assertThat(db.sql("SELECT count(*) AS n FROM " + table + " = :room").bind("room", roomId)
                    .map(row -> row.get("n", Long.class)).one().block()).as(table).isZero();
        }
    }

    @Test
    void administratorsMayReadAndChangeAnyGroupButDoNotListThem() {
        String token = accessToken(createUser(uniqueName("owner")));
        String member = createUser(uniqueName("member"));
        String id = create(token, "Watched", List.of());
        String admin = accessToken(createAdmin(uniqueName("admin")));
        http.get().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.affiliation").isEqualTo("none");
        http.post().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("members", List.of(jid(member)))).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
        http.delete().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
    }

    @Test
    void hostAccountsGet403() {
        String host = createHostAccount();
        String token = accessToken(host);
        String id = create(accessToken(createUser(uniqueName("owner"))), "People only", List.of());
        List<WebTestClient.RequestHeadersSpec<?>> requests = new ArrayList<>(everyEndpoint(id, "x@" + DOMAIN));
        requests.add(http.get().uri("/api/v1/groups"));
        for (WebTestClient.RequestHeadersSpec<?> request : requests) {
            request.headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();
        }
    }

    @Test
    void theServicesLimitsHoldForGroups() {
        // TestApiApplication sets SWITCHBOARD_MUC_MAX_ROOMS=3 and SWITCHBOARD_MUC_MAX_OCCUPANTS=4
        String owner = createUser(uniqueName("owner"));
        String token = accessToken(owner);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.add(jid(createUser(uniqueName("p" + i))));
        }
        assertProblem(postGroup(token, Map.of("name", "Too big", "members", people)), 409, "group-limit", "at most 4 members");
        String id = create(token, "Full", people.subList(0, 3));
        assertProblem(http.post().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("members", List.of(people.get(3)))).exchange(),
                409, "group-limit", "the group has 4 members; adding 1 would pass the most a group may have (4)");
        create(token, "Second", List.of());
        create(token, "Third", List.of());
        assertProblem(postGroup(token, Map.of("name", "Fourth")), 409, "group-limit", "you already own 3 rooms and groups");
        http.delete().uri("/api/v1/groups/" + id).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();
        create(token, "Fourth", List.of());
    }

    @Test
    void theDocumentDescribesEveryGroupOperation() throws Exception {
        byte[] body = http.get().uri("/docs/openapi.json").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode paths = new ObjectMapper().readTree(body).path("paths");
        Map<String, List<String>> expected = Map.of(
                "/api/v1/groups", List.of("get", "post"),
                "/api/v1/groups/{id}", List.of("get", "patch", "delete"),
                "/api/v1/groups/{id}/members", List.of("get", "post"),
                "/api/v1/groups/{id}/members/{jid}", List.of("delete"));
        expected.forEach((path, methods) -> methods.forEach(method -> {
            JsonNode operation = paths.path(path).path(method);
            assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
            assertThat(operation.path("security").toString()).as(method + " " + path).contains("bearer");
            assertThat(operation.path("responses").has("403")).as(method + " " + path).isTrue();
        }));
        assertThat(paths.at("/~1api~1v1~1groups/post/responses").has("201")).isTrue();
        assertThat(paths.at("/~1api~1v1~1groups~1{id}/delete/responses").has("204")).isTrue();
        assertThat(paths.at("/~1api~1v1~1groups~1{id}/get/responses").has("404")).isTrue();
    }

    private List<WebTestClient.RequestHeadersSpec<?>> everyEndpoint(String id, String memberJid) {
        return List.of(
                http.get().uri("/api/v1/groups/" + id),
                http.patch().uri("/api/v1/groups/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Mine")),
                http.delete().uri("/api/v1/groups/" + id),
                http.get().uri("/api/v1/groups/" + id + "/members"),
                http.post().uri("/api/v1/groups/" + id + "/members").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("members", List.of(memberJid))),
                http.delete().uri("/api/v1/groups/" + id + "/members/" + memberJid));
    }

    private String createHostAccount() {
        String name = uniqueName("host");
        accounts.create(name, PASSWORD, AccountKind.HOST, Set.of()).block();
        return name;
    }

    static String jid(String name) {
        return name + "@" + DOMAIN;
    }

    private WebTestClient.ResponseSpec postGroup(String token, Object body) {
        return http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private String create(String token, String name, List<String> members) {
        return (String) postGroup(token, Map.of("name", name, "members", members)).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private List<Map<String, Object>> members(String token, String id) {
        return http.get().uri("/api/v1/groups/" + id + "/members").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String type, String detail) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:" + type)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains(detail));
    }
}
