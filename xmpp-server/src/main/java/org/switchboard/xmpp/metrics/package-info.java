/** Micrometer meters of the XMPP server: what operators watch for load and for password guessing. */
package org.switchboard.xmpp.metrics;
