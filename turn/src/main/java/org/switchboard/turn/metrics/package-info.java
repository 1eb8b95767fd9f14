/** Micrometer meters of the TURN server: what operators watch for abuse and load. */
package org.switchboard.turn.metrics;
