package org.switchboard.app.roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.config.Environment;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.websocket.WebSocketSettings;

@Configuration(proxyBeanMethods = false)
class RoleBeans {

    @Bean
    EnabledRoles enabledRoles(Environment switchboardEnvironment) {
        return EnabledRoles.from(switchboardEnvironment);
    }

    @Bean
    XmppSettings xmppSettings(Environment switchboardEnvironment, CoreSettings core) {
        return XmppSettings.from(switchboardEnvironment, core);
    }

    @Bean
    SipSettings sipSettings(Environment switchboardEnvironment, CoreSettings core) {
        return SipSettings.from(switchboardEnvironment, core);
    }

    @Bean
    WebSocketSettings sipWebSocketSettings(Environment switchboardEnvironment) {
        return WebSocketSettings.from(switchboardEnvironment);
    }

    /** One certificate for every TLS listener: configured PEM files, or the self-signed one kept in the data directory. */
    @Bean
    TlsCertificate serverCertificate(XmppSettings xmpp) {
        return CertificateProvider.resolve(xmpp.tls().certificatePem(), xmpp.tls().keyPem(), xmpp.dataDir(), xmpp.domain());
    }
}
