package org.switchboard.api.auth;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import org.switchboard.api.problem.ApiException;
import org.switchboard.api.problem.ApiProblem;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.AccountStore;
import reactor.core.publisher.Mono;

/**
 * Resolves {@link Caller}, {@link Admin} and {@link Person} parameters from the bearer token. The account is read afresh
 * on every request, so a deleted, locked or demoted account loses access at once, not when its token ends.
 */
public final class CallerResolver implements HandlerMethodArgumentResolver {

    private static final String BEARER = "Bearer ";
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final AccountStore accounts;

    public CallerResolver(AccessTokens accessTokens, RefreshTokens refreshTokens, AccountStore accounts) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == Caller.class || type == Admin.class || type == Person.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Mono<Caller> caller = resolve(exchange);
        if (parameter.getParameterType() == Admin.class) {
            return caller.map(c -> {
                if (!c.account().isAdmin()) {
                    throw new ApiException(ApiProblem.FORBIDDEN, "this endpoint requires the admin role");
                }
                return new Admin(c);
            });
        }
        if (parameter.getParameterType() == Person.class) {
            return caller.map(c -> {
                if (c.account().kind() != AccountKind.PERSON) {
                    throw new ApiException(ApiProblem.FORBIDDEN, "this endpoint is for people; host devices cannot use it");
                }
                return new Person(c);
            });
        }
        return caller.cast(Object.class);
    }

    public Mono<Caller> resolve(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(new ApiException(ApiProblem.UNAUTHENTICATED, "send an access token as 'Authorization: Bearer <token>'"));
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Mono.error(new ApiException(ApiProblem.UNAUTHENTICATED, "access token is empty or too long"));
        }
        AccessTokens.Verified verified;
        try {
            verified = accessTokens.verify(token);
        } catch (ApiException e) {
            return Mono.error(e);
        }
        return refreshTokens.isActive(verified.session())
                .flatMap(active -> active
                        ? accounts.find(verified.localpart())
                        : Mono.error(new ApiException(ApiProblem.UNAUTHENTICATED, "this login session has ended; log in again")))
                .switchIfEmpty(Mono.error(new ApiException(ApiProblem.UNAUTHENTICATED, "the account of this token no longer exists")))
                .map(account -> {
                    if (account.isLocked()) {
                        throw new ApiException(ApiProblem.ACCOUNT_LOCKED, "account is locked by an administrator");
                    }
                    return new Caller(account, verified.session(), SourceAddress.of(exchange));
                });
    }
}
