package org.switchboard.xmpp.module;

import java.util.Objects;

/** A service discovery identity (XEP-0030 section 3.1), e.g. {@code server/im}. */
public record Identity(String category, String type, String name) {

    public Identity {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
