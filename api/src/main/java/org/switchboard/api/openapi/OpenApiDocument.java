package org.switchboard.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.api.auth.Admin;
import org.switchboard.api.auth.Caller;
import org.switchboard.api.auth.Person;

/** The beans that make springdoc describe the API as it really behaves. */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    static {
        // resolved from the token by CallerResolver, never sent by a client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Person.class, Admin.class);
    }

    /** Schemas named as Jackson writes them: the API's JSON is snake_case (switchboard-api.properties). */
    @Bean
    ModelResolver snakeCaseModels() {
        // springdoc writes OpenAPI 3.1, whose schemas need swagger's 3.1 mapper
        ObjectMapper mapper = Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper).openapi31(true);
    }

    @Bean
    OpenAPI switchboardApi() {
        return new OpenAPI()
                .info(new Info().title("Switchboard REST API").version("v1")
                        .description("Accounts, SMS hosts and messages, TURN credentials and administration. Errors are RFC 9457 "
                                + "problem documents. Log in with POST /api/v1/account/login and send the access token as "
                                + "'Authorization: Bearer …'."))
                .components(new Components()
                        .addSecuritySchemes(ProblemResponses.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT").description("the access_token from login or refresh"))
                        .addSchemas(ProblemResponses.PROBLEM_SCHEMA, ProblemResponses.problemSchema()));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return new ProblemResponses();
    }

    /**
     * {@code @NotBlank} comes out as the Java pattern {@code (?s).*\S.*}, which is not an ECMA 262 expression as
     * JSON Schema requires; {@code \S} says the same ("contains a non-blank character") in a form every validator
     * and generated client reads.
     */
    @Bean
    OpenApiCustomizer portablePatterns() {
        return openApi -> {
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().values().forEach(OpenApiDocument::portable);
            }
        };
    }

    private static void portable(Schema<?> schema) {
        if ("(?s).*\\S.*".equals(schema.getPattern())) {
            schema.setPattern("\\S");
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiDocument::portable);
        }
        if (schema.getItems() != null) {
            portable(schema.getItems());
        }
    }
}
