package org.switchboard.xmpp.sint;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.AbstractSmackIntegrationTest;
import org.igniterealtime.smack.inttest.AbstractSmackLowLevelIntegrationTest;
import org.igniterealtime.smack.inttest.annotations.SmackIntegrationTest;
import org.reflections.Reflections;

/**
 * The test classes SINT would find on its own: the same packages, the same two base classes, abstract
 * classes left out. Sorted by name, so every build runs them in the same order.
 */
final class SintTestClasses {

    /** SINT's default test packages (SmackIntegrationTestFramework.run, 4.5.0-beta5). */
    private static final String[] PACKAGES = {
            "org.jivesoftware.smackx", "org.jivesoftware.smack", "org.igniterealtime.smackx", "org.igniterealtime.smack"};

    private SintTestClasses() {
    }

    static List<Class<? extends AbstractSmackIntTest>> all() {
        Reflections reflections = new Reflections((Object[]) PACKAGES);
        return Stream.concat(
                        reflections.getSubTypesOf(AbstractSmackIntegrationTest.class).stream(),
                        reflections.getSubTypesOf(AbstractSmackLowLevelIntegrationTest.class).stream())
                .filter(type -> !Modifier.isAbstract(type.getModifiers()))
                .<Class<? extends AbstractSmackIntTest>>map(type -> type)
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /**
     * The names of a class's SINT tests, found as SINT finds them (its public methods annotated
     * {@code @SmackIntegrationTest}, inherited ones included), sorted.
     */
    static List<String> testMethods(Class<?> testClass) {
        return Arrays.stream(testClass.getMethods())
                .filter(method -> method.isAnnotationPresent(SmackIntegrationTest.class))
                .map(Method::getName)
                .distinct()
                .sorted()
                .toList();
    }
}
