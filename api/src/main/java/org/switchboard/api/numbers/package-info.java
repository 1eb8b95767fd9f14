/**
 * A person's numbers: every SIM of their hosts, with a label and how long its messages are kept. The SIMs
 * themselves come from the hosts ({@code hello}); only what the owner decides is changed here.
 */
package org.switchboard.api.numbers;
