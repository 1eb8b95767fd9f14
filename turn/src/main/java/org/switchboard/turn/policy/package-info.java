/** Relay-abuse policy: which peers may be reached, and how much one allocation may relay. */
package org.switchboard.turn.policy;
