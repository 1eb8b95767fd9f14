package org.switchboard.api.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.switchboard.api.auth.CallerResolver;
import org.switchboard.common.config.Environment;
import reactor.core.publisher.Mono;

/**
 * Metrics reveal traffic and account counts, so {@code /actuator/prometheus} needs either an admin's access
 * token or the scrape token {@code SWITCHBOARD_METRICS_TOKEN}. Health probes stay open for orchestrators.
 */
@Component
class MetricsAccessFilter implements WebFilter {

    private static final String PATH = "/actuator/prometheus";

    private final CallerResolver callers;
    private final byte[] scrapeToken;

    MetricsAccessFilter(CallerResolver callers, Environment switchboardEnvironment) {
        this.callers = callers;
        String token = switchboardEnvironment.secret("SWITCHBOARD_METRICS_TOKEN");
        this.scrapeToken = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith(PATH)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (scrapeToken != null && header != null
                && MessageDigest.isEqual(scrapeToken, header.getBytes(StandardCharsets.UTF_8))) {
            return chain.filter(exchange);
        }
        return callers.resolve(exchange)
                .filter(caller -> caller.account().isAdmin())
                .flatMap(admin -> chain.filter(exchange).thenReturn(true))
                .onErrorResume(e -> Mono.just(false))
                .defaultIfEmpty(false)
                .flatMap(allowed -> allowed ? Mono.empty() : deny(exchange));
    }

    private static Mono<Void> deny(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = ("{\"type\":\"urn:switchboard:problem:unauthenticated\",\"title\":\"Authentication required\","
                + "\"status\":401,\"detail\":\"metrics need an admin access token or SWITCHBOARD_METRICS_TOKEN\"}")
                .getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body);
        return exchange.getResponse().writeWith(Mono.just(buffer));
    }
}
