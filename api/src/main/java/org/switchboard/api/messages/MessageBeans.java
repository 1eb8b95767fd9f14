package org.switchboard.api.messages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.config.Environment;
import org.switchboard.common.secrets.SecretBox;
import org.switchboard.common.sms.outbox.OutboxListener;
import org.switchboard.common.sms.outbox.OutboxStore;
import org.switchboard.common.sms.outbox.SendingSims;
import org.switchboard.common.sms.outbox.SmsSubmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox as the API uses it. The {@link OutboxListener} comes from whoever runs the gateway in this
 * process (the launcher wires the XMPP server's); without one the gateway's periodic sweep picks messages up.
 */
@Configuration(proxyBeanMethods = false)
class MessageBeans {

    @Bean
    static MessageSettings messageSettings(Environment switchboardEnvironment) {
        return MessageSettings.from(switchboardEnvironment);
    }

    @Bean
    static SendingSims sendingSims(DatabaseClient db) {
        return new SendingSims(db);
    }

    @Bean
    static SmsSubmitter smsSubmitter(DatabaseClient db, SendingSims sims, ObjectProvider<OutboxListener> listeners) {
        OutboxListener listener = hostId -> listeners.orderedStream().forEach(each -> each.queued(hostId));
        return new SmsSubmitter(new OutboxStore(db), sims, listener);
    }

    @Bean
    static MessageHistory messageHistory(DatabaseClient db) {
        return new MessageHistory(db);
    }

    @Bean
    static MessageEvents messageEvents(DatabaseClient db) {
        return new MessageEvents(db);
    }

    @Bean
    static MessageRetention messageRetention(DatabaseClient db, MessageEvents events, WebhookStore webhooks, MessageSettings settings) {
        return new MessageRetention(db, events, webhooks, settings);
    }

    @Bean
    static WebhookStore webhookStore(DatabaseClient db, SecretBox secretBox) {
        return new WebhookStore(db, secretBox);
    }

    @Bean
    static WebhookTargets webhookTargets(Environment switchboardEnvironment) {
        return WebhookTargets.from(switchboardEnvironment);
    }

    @Bean
    static WebhookDelivery webhookDelivery(WebhookStore webhooks, MessageEvents events, JsonMapper json, MessageSettings settings,
                                           WebhookTargets targets) {
        return new WebhookDelivery(webhooks, events, json, settings, targets);
    }
}
