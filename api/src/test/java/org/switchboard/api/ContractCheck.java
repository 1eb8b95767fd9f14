package org.switchboard.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks each API test's exchange against the OpenAPI document the server serves, so the document cannot drift
 * from the wire. Responses are always checked; a request only when the server accepted it (a test that sends
 * bad input on purpose gets a 4xx, and then only the problem document it got back must match).
 */
final class ContractCheck {

    private static final String API = "/api/v1/";
    private static final Set<String> UNDOCUMENTED =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final OpenApiInteractionValidator validator;

    ContractCheck(String document) {
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    void check(EntityExchangeResult<?> result) {
        URI url = result.getUrl();
        if (!url.getRawPath().startsWith(API)) {
            return;
        }
        int status = result.getStatus().value();
        SimpleRequest.Builder request = new SimpleRequest.Builder(result.getMethod().name(), url.getRawPath());
        UriComponentsBuilder.fromUri(url).build().getQueryParams()
                .forEach((name, values) -> request.withQueryParam(name, values));
        result.getRequestHeaders().forEach((name, values) -> request.withHeader(name, values));
        byte[] requestBody = result.getRequestBodyContent();
        if (requestBody != null && requestBody.length > 0) {
            request.withBody(new String(requestBody, StandardCharsets.UTF_8));
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        result.getResponseHeaders().forEach((name, values) -> response.withHeader(name, values));
        byte[] responseBody = result.getResponseBodyContent();
        String contentType = result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        // a stream of events is checked by its tests event by event, not as one document
        if (responseBody != null && responseBody.length > 0 && (contentType == null || !contentType.startsWith("text/event-stream"))) {
            response.withBody(new String(responseBody, StandardCharsets.UTF_8));
        }
        Request built = request.build();
        ValidationReport report = status >= 400 && status < 500
                ? validator.validateResponse(url.getRawPath(), built.getMethod(), response.build())
                : validator.validate(built, response.build());
        List<String> errors = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                // a test may call a path or method the API does not have on purpose: there is no operation to hold it to
                .filter(message -> !UNDOCUMENTED.contains(message.getKey()))
                .map(message -> message.getKey() + ": " + message.getMessage())
                .collect(Collectors.toList());
        if (!errors.isEmpty()) {
            throw new AssertionError("the exchange " + result.getMethod() + " " + url.getRawPath() + " → " + status
                    + " does not match /docs/openapi.json:\n  " + String.join("\n  ", errors)
                    + "\nresponse body: " + (responseBody == null ? "" : new String(responseBody, StandardCharsets.UTF_8)));
        }
    }
}
