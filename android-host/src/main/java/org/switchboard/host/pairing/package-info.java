/**
 * Pairing (section 2 of the host protocol): redeeming the owner's one-time code at
 * {@code POST /api/v1/hosts/pair} for the host's own credentials. Uses {@code HttpURLConnection}, which
 * Android has at every API level ({@code java.net.http} it has not), and a small JSON reader of its own, so
 * the core needs no JSON library.
 */
package org.switchboard.host.pairing;
