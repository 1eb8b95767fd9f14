package org.switchboard.host.protocol;

/** The protocol's namespace, element names and limits (section 7 of the host protocol). */
public final class HostProtocol {

    public static final String NAMESPACE = "urn:switchboard:sms-host:0";

    public static final String SEND = "send";
    public static final String DIAL = "dial";
    public static final String SIMS = "sims";
    public static final String HELLO = "hello";
    public static final String STATUS = "status";
    public static final String REPORT = "report";
    public static final String INBOUND = "inbound";
    public static final String CALL = "call";

    public static final int MAX_BODY_CHARS = 10_000;
    public static final int MAX_RECIPIENTS = 20;
    /** Ids are UUIDs; anything longer than this is not one of ours. */
    public static final int MAX_ID_CHARS = 128;

    private HostProtocol() {
    }
}
