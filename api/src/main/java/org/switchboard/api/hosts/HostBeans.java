package org.switchboard.api.hosts;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.api.ratelimit.AddressRateLimiter;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.common.sms.host.HostStore;
import org.switchboard.common.sms.host.PairingCodes;
import org.switchboard.common.sms.host.PostgresHostStore;
import org.switchboard.common.tls.TlsCertificate;

/** The host store (also used by {@code numbers}), pairing codes and the limits around them. */
@Configuration(proxyBeanMethods = false)
class HostBeans {

    @Bean
    static HostSettings hostSettings(Environment switchboardEnvironment) {
        return HostSettings.from(switchboardEnvironment);
    }

    /** The certificate is the all-in-one server's when it runs one ({@code TlsCertificate} bean), else found from settings. */
    @Bean
    static XmppCertificatePin xmppCertificatePin(HostSettings settings, ObjectProvider<TlsCertificate> certificates,
                                                 Environment switchboardEnvironment, CoreSettings core) {
        return XmppCertificatePin.resolve(settings, certificates.getIfAvailable(), switchboardEnvironment, core);
    }

    @Bean
    static HostStore hostStore(DatabaseClient db, AccountStore accounts) {
        return new PostgresHostStore(db, accounts);
    }

    @Bean
    static PairingCodes pairingCodes(DatabaseClient db, AccountStore accounts, Clock clock) {
        return new PairingCodes(db, accounts, clock);
    }

    @Bean
    static PairingGuard pairingGuard(HostSettings settings, Clock clock) {
        return new PairingGuard(settings.pairAttempts(), settings.pairFailures(), clock);
    }

    /** Codes per account: each is a live secret and a row, and a person pairs a phone rarely. */
    @Bean
    static CodeLimiter codeLimiter(HostSettings settings, Clock clock) {
        return new CodeLimiter(new AddressRateLimiter("pairing code", settings.codesPerHour(), Duration.ofHours(1), clock, "for your account"));
    }

    record CodeLimiter(AddressRateLimiter limiter) {
        void acquire(long accountId) {
            limiter.acquire("account:" + accountId);
        }
    }
}
