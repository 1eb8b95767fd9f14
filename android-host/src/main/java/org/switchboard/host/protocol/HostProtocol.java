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
    /** Section 4.4: many commands in one IQ, many reports in one IQ. */
    public static final String COMMANDS = "commands";
    public static final String REPORTS = "reports";
    /** Commands this host takes in one {@code commands} IQ; said in {@code hello} (section 4.4). */
    public static final int MAX_BATCH = 64;

    /**
     * The {@code code} of a {@code failed} report that means "outcome unknown": the host cannot tell whether
     * the part left (section 5.1). Android's own result codes are positive, and {@code -1} is its
     * {@code RESULT_OK}, so this one is free.
     */
    public static final int CODE_OUTCOME_UNKNOWN = -2;

    public static final int MAX_BODY_CHARS = 10_000;
    public static final int MAX_RECIPIENTS = 20;
    /** Media parts of one MMS. */
    public static final int MAX_MEDIA = 10;
    /** What the media of one MMS may add up to on this host: it downloads no more (carriers take far less). */
    public static final long MAX_MMS_BYTES = 5L * 1024 * 1024;
    /** Ids are UUIDs; anything longer than this is not one of ours. */
    public static final int MAX_ID_CHARS = 128;

    private HostProtocol() {
    }
}
