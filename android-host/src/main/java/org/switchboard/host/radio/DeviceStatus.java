package org.switchboard.host.radio;

/**
 * Battery 0–100, charging, and signal level 0–4; {@code -1} (or null for charging) where the phone does
 * not know.
 */
public record DeviceStatus(int battery, Boolean charging, int signal) {

    public static final DeviceStatus UNKNOWN = new DeviceStatus(-1, null, -1);

    /** Worth a {@code status} report: charging or signal changed, or the battery moved by 5 points or more. */
    public boolean differsNoticeablyFrom(DeviceStatus other) {
        return !java.util.Objects.equals(charging, other.charging) || signal != other.signal
                || Math.abs(battery - other.battery) >= 5;
    }
}
