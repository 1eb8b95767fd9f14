package org.switchboard.xmpp.sint;

/**
 * Which Smack modules this test JVM runs SINT 4.5.0-beta5 on, from {@code -Dsint.smack}: the consistent beta5 set
 * of SINT's own dependencies (the default execution), or 4.5.0-rc1's (execution {@code sint-on-smack-rc1}, for the
 * tests of {@link NotExpected.Kind#ON_SMACK_RC1}). Each run checks that the class path holds what it claims.
 */
enum SmackModules {
    BETA5("4.5.0-beta5"),
    RC1("4.5.0-rc1");

    final String version;

    SmackModules(String version) {
        this.version = version;
    }

    static SmackModules ofThisRun() {
        String chosen = System.getProperty("sint.smack", "beta5");
        for (SmackModules modules : values()) {
            if (modules.name().equalsIgnoreCase(chosen)) {
                return modules;
            }
        }
        throw new IllegalArgumentException("sint.smack is '" + chosen + "'; it must be beta5 or rc1");
    }
}
