/**
 * The SMS benchmark's load client (issue 9, docs/sms-benchmark.md): person sessions ({@code LeanPerson}) text
 * {@code +E164@sms.<domain>} through the real server, the real android-host core ({@code HostCore}) takes the
 * commands with a radio that reports every part sent and delivered at once, and the person's XEP-0184
 * receipt closes the measurement. The radio is the only simulated part.
 */
package org.switchboard.bench.sms;
