package org.switchboard.api.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.api.push.apns.ApnsClients;
import org.switchboard.api.push.apns.ApnsProvider;
import org.switchboard.api.push.delivery.PushDispatcher;
import org.switchboard.api.push.delivery.PushProvider;
import org.switchboard.api.push.delivery.RetryScheduler;
import org.switchboard.api.push.fcm.FcmProvider;
import org.switchboard.api.push.fcm.FcmTransport;
import org.switchboard.common.push.PushDeviceStore;
import org.switchboard.common.push.PushService;

/** The push service and the providers the settings name; a provider without credentials is simply absent. */
@Configuration(proxyBeanMethods = false)
class PushDeliveryBeans {

    private static final Logger log = LoggerFactory.getLogger(PushDeliveryBeans.class);

    /** Owns the providers so that their connections close with the context. */
    record Providers(List<PushProvider> list) implements AutoCloseable {

        @Override
        public void close() {
            list.forEach(PushProvider::close);
        }
    }

    @Bean(destroyMethod = "close")
    static Providers pushProviders(PushSettings settings, Clock clock, ObjectProvider<FcmTransport> fcmTransport) {
        List<PushProvider> providers = new ArrayList<>();
        if (settings.apns() != null) {
            providers.add(new ApnsProvider(ApnsClients.build(settings.apns()), settings.apns().voipExpiry(), clock));
            log.info("APNs push on for {} ({})", settings.apns().topics(),
                    settings.apns().server() != null ? settings.apns().server() : settings.apns().sandbox() ? "sandbox" : "production");
        }
        if (settings.fcm() != null) {
            FcmTransport transport = fcmTransport.getIfAvailable();
            providers.add(FcmProvider.create(settings.fcm(), transport == null ? null : transport.transport()));
            log.info("FCM push on");
        }
        return new Providers(List.copyOf(providers));
    }

    @Bean(destroyMethod = "shutdownNow")
    static ScheduledExecutorService pushRetries() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "push-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    static PushService pushService(Providers providers, PushDeviceStore store, PushSettings settings, ScheduledExecutorService pushRetries,
                                   ObjectProvider<MeterRegistry> metrics) {
        return new PushDispatcher(providers.list(), store, settings.delivery(), RetryScheduler.of(pushRetries),
                metrics.getIfAvailable(SimpleMeterRegistry::new));
    }
}
