package org.switchboard.api;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.switchboard.api.account.RateLimiters;
import org.switchboard.api.auth.AccessTokens;
import org.switchboard.api.auth.CallerResolver;
import org.switchboard.api.auth.RefreshTokens;
import org.switchboard.api.auth.Sessions;
import org.switchboard.api.core.ApiSettings;
import org.switchboard.api.core.CoreBeans;
import org.switchboard.api.ratelimit.AddressRateLimiter;
import org.switchboard.api.server.RunningServices;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.lockout.AuthenticationGuard;

/**
 * The REST API. Needs {@link CoreSettings}, {@link org.switchboard.common.db.DatabaseSettings} and the
 * {@link Environment} of {@code SWITCHBOARD_*} variables as beans from whoever starts the context.
 */
@Configuration(proxyBeanMethods = false)
@Import(CoreBeans.class)
@ComponentScan
@PropertySource("classpath:switchboard-api.properties")
public class ApiConfiguration implements WebFluxConfigurer {

    /** JSON bodies of this API are small; a larger one is refused before it is buffered. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final CallerResolver callerResolver;

    ApiConfiguration(CallerResolver callerResolver) {
        this.callerResolver = callerResolver;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(callerResolver);
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES);
    }

    @Bean
    static ApiSettings apiSettings(Environment switchboardEnvironment) {
        return ApiSettings.from(switchboardEnvironment);
    }

    @Bean
    static AccessTokens accessTokens(ApiSettings settings, CoreSettings core, Clock clock) {
        return new AccessTokens(settings.jwtSecret(), core.domain(), settings.accessTtl(), clock);
    }

    @Bean
    static RefreshTokens refreshTokens(DatabaseClient db, ApiSettings settings, Clock clock) {
        return new RefreshTokens(db, settings.refreshTtl(), clock);
    }

    @Bean
    static CallerResolver callerResolver(AccessTokens accessTokens, RefreshTokens refreshTokens, AccountStore accounts) {
        return new CallerResolver(accessTokens, refreshTokens, accounts);
    }

    @Bean
    static Sessions sessions(AccountStore accounts, AuthenticationGuard guard, AccessTokens accessTokens,
                             RefreshTokens refreshTokens, Clock clock) {
        return new Sessions(accounts, guard, accessTokens, refreshTokens, clock);
    }

    @Bean
    static RateLimiters rateLimiters(ApiSettings settings, Clock clock) {
        return new RateLimiters(
                new AddressRateLimiter("login", settings.loginRequestsPerMinute(), Duration.ofMinutes(1), clock),
                new AddressRateLimiter("registration", settings.registrationsPerHour(), Duration.ofHours(1), clock));
    }

    @Bean
    static RunningServices runningServices() {
        return new RunningServices();
    }
}
