package org.switchboard.api.problem;

import java.util.Map;

/** A failure the client should hear about as a problem document; {@code detail} says what was wrong. */
public class ApiException extends RuntimeException {

    private final ApiProblem problem;
    private final Long retryAfterSeconds;
    private final Map<String, Object> properties;

    public ApiException(ApiProblem problem, String detail) {
        this(problem, detail, null, Map.of());
    }

    public ApiException(ApiProblem problem, String detail, Long retryAfterSeconds, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
        this.properties = Map.copyOf(properties);
    }

    public ApiProblem problem() { return problem; }

    /** Seconds for a {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() { return retryAfterSeconds; }

    /** Extension members of the problem document. */
    public Map<String, Object> properties() { return properties; }

    public static ApiException invalid(String detail) {
        return new ApiException(ApiProblem.INVALID_INPUT, detail);
    }

    /** Runs a check of the shared kernel (names, passwords, roles) and turns its refusal into a 400. */
    public static <T> T checked(String field, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }
}
