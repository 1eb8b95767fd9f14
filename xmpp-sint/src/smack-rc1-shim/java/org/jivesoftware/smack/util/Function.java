package org.jivesoftware.smack.util;

/**
 * The one type SINT 4.5.0-beta5's harness needs that Smack 4.5.0-rc1 no longer has: {@code Configuration}
 * takes it in a private method ({@code split}), so the harness does not load without it. Written here from its signature in
 * smack-core 4.5.0-beta5 ({@code R apply(T)}, {@code identity()}); only the run on the rc1 modules (surefire
 * execution {@code sint-on-smack-rc1}) has it on its class path. See {@code xmpp-sint/DISABLED.md}.
 */
public interface Function<R, T> {

    R apply(T argument);

    static <T> Function<T, T> identity() {
        return argument -> argument;
    }
}
