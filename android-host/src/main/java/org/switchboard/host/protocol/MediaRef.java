package org.switchboard.host.protocol;

/**
 * A media part of a {@code send} command (section 4.1): where the host downloads it (a URL of the server's own
 * upload service), its media type and its size in bytes as the server stored it.
 */
public record MediaRef(String url, String type, long size) {
}
