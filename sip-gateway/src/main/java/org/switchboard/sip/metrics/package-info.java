/** The SIP gateway's Micrometer meters (registrations, call results, bans), exported like the other roles' on /metrics. */
package org.switchboard.sip.metrics;
