package org.switchboard.xmpp.sint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.igniterealtime.smack.inttest.Configuration;

/**
 * The SINT configuration, built in code. SINT's builder has no host setting (only its properties do), so
 * the configuration is made from {@code sinttest.*} system properties set for the duration of the call.
 */
final class SintSettings {

    private SintSettings() {
    }

    /**
     * What SINT's {@code enabledTests} gets for one class: each of its tests but those left out
     * ({@link NotExpected.Kind#LEFT_OUT}, {@link NotExpected.Kind#ON_SMACK_RC1}), by {@code Class.method}; empty if nothing of the class is given to SINT.
     * Nothing is ever put in SINT's {@code disabledTests} or {@code disabledSpecifications}: 4.5.0-beta5 turns a
     * {@code Class.method} there into the whole class, and a disabled specification would take whole classes
     * out of the per-test accounting.
     */
    static List<String> enabledTests(Class<?> testClass) {
        return SintTestClasses.testMethods(testClass).stream()
                .filter(method -> !NotExpected.isLeftOut(testClass, method))
                .map(method -> testClass.getName() + "." + method)
                .toList();
    }

    /**
     * @param adminUsername an account with the admin role, which SINT uses to create its test accounts (XEP-0133)
     * @param enabledTests the {@code Class.method} names of the tests this run is limited to
     */
    static Configuration configuration(String domain, String adminUsername, String adminPassword, List<String> enabledTests)
            throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("service", domain);
        properties.put("host", "127.0.0.1");
        properties.put("securityMode", "required");
        properties.put("replyTimeout", "5000");
        properties.put("enabledConnections", "tcp");
        properties.put("dnsResolver", "javax");
        properties.put("adminAccountUsername", adminUsername);
        properties.put("adminAccountPassword", adminPassword);
        properties.put("enabledTests", String.join(",", enabledTests));
        // -Dsint.debugger=console prints every connection's traffic, for chasing a failed test
        String debugger = System.getProperty("sint.debugger");
        if (debugger != null) {
            properties.put("debugger", debugger);
        }
        properties.forEach((key, value) -> System.setProperty("sinttest." + key, value));
        try {
            return Configuration.newConfiguration(new String[0]);
        } finally {
            properties.keySet().forEach(key -> System.clearProperty("sinttest." + key));
        }
    }
}
