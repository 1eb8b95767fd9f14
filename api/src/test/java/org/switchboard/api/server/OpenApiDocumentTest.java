package org.switchboard.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.api.ApiTest;

/** What makes the served document a contract a generated client can use; every other API test checks its exchanges too. */
class OpenApiDocumentTest extends ApiTest {

    private JsonNode document() throws Exception {
        byte[] body = http.get().uri("/docs/openapi.json").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return new ObjectMapper().readTree(body);
    }

    @Test
    void namesAreSnakeCaseAsOnTheWireAndNoInternalArgumentIsAParameter() throws Exception {
        JsonNode doc = document();
        List<String> names = new ArrayList<>();
        doc.at("/components/schemas").properties().forEach(schema ->
                schema.getValue().path("properties").fieldNames().forEachRemaining(name -> names.add(schema.getKey() + "." + name)));
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name.substring(name.indexOf('.') + 1)).matches("[a-z0-9_]+"));
        assertThat(names).contains("TokenResponse.access_token", "TurnCredentials.uris", "Problem.detail");

        List<String> parameters = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().path("parameters").forEach(p -> parameters.add(p.path("name").asText()))));
        assertThat(parameters).doesNotContain("caller", "person", "admin", "exchange");
    }

    @Test
    void everyOperationNeedingALoginSaysSoAndDescribesItsErrors() throws Exception {
        JsonNode doc = document();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode me = doc.at("/paths/~1api~1v1~1account/get");
        assertThat(me.path("security").toString()).contains("bearer");
        assertThat(me.path("responses").has("401")).isTrue();
        assertThat(me.at("/responses/401/content").has("application/problem+json")).isTrue();
        JsonNode login = doc.at("/paths/~1api~1v1~1account~1login/post");
        assertThat(login.has("security")).as("login needs no token").isFalse();
        assertThat(login.path("responses").has("429")).isTrue();
        assertThat(login.at("/responses/200/content").has("application/json")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1account~1register/post/responses").has("201")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1account~1logout/post/responses").has("204")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1turn~1credentials/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/TurnCredentials");
    }

    @Test
    void aMethodTheResourceDoesNotSupportIs405WithAllow() {
        http.put().uri("/api/v1/account/login").bodyValue(Map.of()).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "POST")
                .expectBody().jsonPath("$.type").isEqualTo("urn:switchboard:problem:method-not-allowed");
    }
}
