package org.switchboard.api.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.switchboard.common.account.AccountExistsException;

/** Turns every failure into an RFC 9457 problem document that says what was wrong. */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int MAX_DETAIL = 300;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, ServerWebExchange exchange) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.problem().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        ProblemDetail body = problem(e.problem(), e.getMessage(), exchange);
        e.properties().forEach(body::setProperty);
        return response.body(body);
    }

    @ExceptionHandler(AccountExistsException.class)
    ResponseEntity<ProblemDetail> exists(AccountExistsException e, ServerWebExchange exchange) {
        return respond(ApiProblem.CONFLICT, e.getMessage(), exchange);
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> validation(WebExchangeBindException e, ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(error -> Map.of("field", snakeCase(error.getField()), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = e.getFieldErrors().stream()
                .map(error -> snakeCase(error.getField()) + " " + error.getDefaultMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse("request body is invalid");
        ResponseEntity<ProblemDetail> response = respond(ApiProblem.INVALID_INPUT, detail, exchange);
        response.getBody().setProperty("errors", errors);
        return response;
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) {
        Throwable cause = e.getMostSpecificCause();
        if (hasCause(e, DataBufferLimitException.class)) {
            return respond(ApiProblem.PAYLOAD_TOO_LARGE, "request body is larger than the API accepts", exchange);
        }
        if (hasCause(e, DecodingException.class)) {
            return respond(ApiProblem.MALFORMED_JSON, "request body is not valid JSON for this endpoint: " + jsonReason(cause), exchange);
        }
        String reason = e.getReason() == null ? "request is invalid" : e.getReason();
        return respond(ApiProblem.INVALID_INPUT, reason, exchange);
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e, ServerWebExchange exchange) {
        return respond(ApiProblem.UNSUPPORTED_MEDIA_TYPE, "send the request body as application/json", exchange);
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<ProblemDetail> method(MethodNotAllowedException e, ServerWebExchange exchange) {
        // RFC 9110 section 15.5.6: a 405 must say which methods the resource does support
        return ResponseEntity.status(ApiProblem.METHOD_NOT_ALLOWED.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .allow(e.getSupportedMethods().toArray(org.springframework.http.HttpMethod[]::new))
                .body(problem(ApiProblem.METHOD_NOT_ALLOWED, e.getHttpMethod() + " is not supported here; use one of "
                        + e.getSupportedMethods(), exchange));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        int code = e.getStatusCode().value();
        if (code == ApiProblem.PAYLOAD_TOO_LARGE.status().value()) {
            return respond(ApiProblem.PAYLOAD_TOO_LARGE, "request body is larger than the API accepts", exchange);
        }
        for (ApiProblem problem : ApiProblem.values()) {
            if (problem.status().value() == code) {
                return respond(problem, e.getReason() == null ? problem.title() : e.getReason(), exchange);
            }
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason() == null ? "request failed" : e.getReason());
        body.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        log.error("Unexpected failure handling {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        return respond(ApiProblem.INTERNAL, "the server failed to handle this request; it has been logged", exchange);
    }

    private static ResponseEntity<ProblemDetail> respond(ApiProblem problem, String detail, ServerWebExchange exchange) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(problem, detail, exchange));
    }

    static ProblemDetail problem(ApiProblem problem, String detail, ServerWebExchange exchange) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), truncate(detail));
        body.setType(problem.type());
        body.setTitle(problem.title());
        body.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        return body;
    }

    /** Jackson's own first line says what was wrong (unknown property, wrong type, bad token) without the stack. */
    private static String jsonReason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int sourceAt = message.indexOf("\n at [Source");
        if (sourceAt > 0) {
            message = message.substring(0, sourceAt);
        }
        int classAt = message.indexOf(" (class ");
        if (classAt > 0) {
            message = message.substring(0, classAt);
        }
        return message.replace('\n', ' ').replace("org.switchboard.api.", "");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }
}
