package org.switchboard.common.presence;

/**
 * Whether an account has a live session, for views that show a device as online (e.g. SMS hosts in the
 * REST API). Implemented by whatever runs the protocols in this process; a process without them uses
 * {@link #UNKNOWN}.
 */
public interface OnlineAccounts {

    /** No protocol runs in this process, so nobody is known to be online. */
    OnlineAccounts UNKNOWN = new OnlineAccounts() {
        @Override
        public boolean isOnline(String localpart) {
            return false;
        }

        @Override
        public boolean knows() {
            return false;
        }
    };

    /** True when the account has at least one bound session in this process. */
    boolean isOnline(String localpart);

    /** False when this process cannot tell (then {@link #isOnline} always answers false). */
    default boolean knows() {
        return true;
    }
}
