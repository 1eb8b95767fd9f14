package org.switchboard.xmpp.stream;

import java.time.Duration;
import org.switchboard.common.account.AccountStore;
import org.switchboard.common.lockout.AuthenticationGuard;
import org.switchboard.common.net.ConnectionLimiter;
import org.switchboard.xmpp.component.ComponentRegistry;
import org.switchboard.xmpp.metrics.XmppMetrics;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.ServerContext;
import org.switchboard.xmpp.routing.ClientStanzas;
import org.switchboard.xmpp.routing.LocalRouter;
import org.switchboard.xmpp.sasl.UnknownUserCredentials;
import org.switchboard.xmpp.session.SessionRegistry;
import org.switchboard.xmpp.xep.register.InBandRegistration;
import org.switchboard.xmpp.xep.register.RegistrationLimit;

/**
 * The server-wide services every stream of one server uses.
 *
 * @param negotiationTimeout how long a client connection has to finish TLS and SASL
 */
public record StreamDependencies(String domain, boolean starttlsRequired, AccountStore accounts, AuthenticationGuard guard,
                                 UnknownUserCredentials unknownUsers, ConnectionLimiter limiter, Duration negotiationTimeout,
                                 SessionRegistry sessions,
                                 LocalRouter router, ClientStanzas clientStanzas, ModuleRegistry modules,
                                 ServerContext context, ComponentRegistry components, InBandRegistration registration,
                                 RegistrationLimit registrationLimit, XmppMetrics metrics,
                                 SessionKeeper keeper) {
}
