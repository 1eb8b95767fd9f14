/**
 * XEP-0363 HTTP File Upload (v1.1, {@code urn:xmpp:http:upload:0}) at {@code upload.<domain>}, an in-process
 * component (ADR 0020): slots are requested over XMPP, the bytes travel over the server's HTTPS listener
 * ({@link org.switchboard.xmpp.http}), metadata lives in PostgreSQL and files under the data directory
 * (ADR 0031).
 */
package org.switchboard.xmpp.xep.upload;
