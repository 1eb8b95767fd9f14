package org.switchboard.common.sms.host;

/**
 * What an owner changes on a number; a field that was not given stays as it is, a given null clears it.
 *
 * @param retentionHours at least 1, or null to keep messages
 */
public record SimChange(boolean labelGiven, String label, boolean retentionGiven, Integer retentionHours) {

    public SimChange {
        if (retentionGiven && retentionHours != null && retentionHours < 1) {
            throw new IllegalArgumentException("retention_hours must be at least 1, or null to keep messages");
        }
    }

    public boolean isEmpty() {
        return !labelGiven && !retentionGiven;
    }
}
