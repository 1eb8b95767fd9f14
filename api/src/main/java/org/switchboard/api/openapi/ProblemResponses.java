package org.switchboard.api.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.auth.Caller;
import org.switchboard.api.auth.Person;

/**
 * Adds to each operation what its handler's shape implies, so the document cannot forget a case: the bearer
 * scheme and 401/403 where a login is needed, 400/413/415 where a body is read, 404 where a path names
 * something, 409 where state changes, 429 where an unauthenticated request is rate-limited — each with the
 * problem document the API really sends — and a default problem for anything else (500, 503).
 */
final class ProblemResponses implements OperationCustomizer {

    static final String BEARER = "bearer";
    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").description("urn:switchboard:problem:… naming the kind of error"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what was wrong, in words"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema()))
                        .description("each invalid field, when input failed validation"))
                .addProperty("reason", new StringSchema()
                        .description("with webhook-target-refused: scheme, user-info, ambiguous-address, address, unresolvable or malformed"))
                .addProperty("locked_until", new StringSchema().format("date-time")
                        .description("with 429 after failed logins: when the lock ends (also in Retry-After)"));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean authenticated = Arrays.stream(handler.getMethodParameters())
                .map(p -> p.getParameterType())
                .anyMatch(type -> type == Caller.class || type == Person.class || type == Admin.class);
        boolean readsBody = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
        boolean namesSomething = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
        boolean changesState = handler.hasMethodAnnotation(PostMapping.class) || handler.hasMethodAnnotation(PatchMapping.class)
                || handler.hasMethodAnnotation(PutMapping.class) || handler.hasMethodAnnotation(DeleteMapping.class);

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        add(responses, "400", "invalid input: a malformed body, a missing or bad field or parameter");
        if (authenticated) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            add(responses, "401", "no valid access token");
            add(responses, "403", "the account may not do this (locked, not an admin, or a host device)");
        }
        if (namesSomething) {
            add(responses, "404", "nothing of the caller's by that name or id");
        }
        if (changesState) {
            add(responses, "409", "conflicts with the current state");
        }
        if (readsBody) {
            add(responses, "413", "request body too large");
            add(responses, "415", "the body is not application/json");
        }
        if (!authenticated && changesState) {
            add(responses, "429", "too many requests or failed logins from this address; see Retry-After");
        }
        responses.setDefault(problem("the server could not handle the request"));
        operation.setResponses(responses);
        return operation;
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, problem(description));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }
}
