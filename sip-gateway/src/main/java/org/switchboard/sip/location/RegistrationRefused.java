package org.switchboard.sip.location;

/** A REGISTER the location service will not apply, with the status RFC 3261 section 10.3 names for it. */
public final class RegistrationRefused extends RuntimeException {

    private final int status;

    public RegistrationRefused(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
