package org.switchboard.host.radio;

import java.util.Objects;

/** One part of an MMS: its bytes and media type (e.g. {@code image/jpeg}). */
public record MediaPart(byte[] bytes, String type) {

    public MediaPart {
        Objects.requireNonNull(bytes, "bytes");
        if (type == null || !type.matches("[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}")) {
            throw new IllegalArgumentException("a media type is type/subtype");
        }
    }
}
