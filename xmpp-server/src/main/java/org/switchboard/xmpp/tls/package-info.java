/**
 * Server certificates: loaded from PEM files, or a self-signed one generated once into the data directory
 * and reused. Independent of XMPP, so TURN over TLS and HTTPS can use the same certificate.
 */
package org.switchboard.xmpp.tls;
