package org.switchboard.xmpp.integration;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.module.XmppModule;

/**
 * Starts the server of each {@link StartedServer} field and closes it when the class (static field) or the test
 * (instance field) is done: the server goes into JUnit's store of that scope, which closes what it holds, so a
 * server that started is closed even when a later one, or the class's own set-up, fails.
 */
final class RunningServerExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace SERVERS = ExtensionContext.Namespace.create(RunningServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (Field field : fields(context.getRequiredTestClass(), true)) {
            field.set(null, start(field, context));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : fields(instance.getClass(), false)) {
                field.set(instance, start(field, context));
            }
        }
    }

    private static List<Field> fields(Class<?> testClass, boolean isStatic) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, StartedServer.class,
                field -> Modifier.isStatic(field.getModifiers()) == isStatic, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (field.getType() != RunningServer.class) {
                throw new ExtensionConfigurationException("@StartedServer " + name(field)
                        + " must be of type RunningServer, not " + field.getType().getSimpleName());
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@StartedServer " + name(field) + " must not be final: it is set");
            }
            field.setAccessible(true);
        }
        return fields;
    }

    private static RunningServer start(Field field, ExtensionContext context) {
        StartedServer wanted = field.getAnnotation(StartedServer.class);
        UnaryOperator<XmppSettings> settings = settings(field, wanted.settings());
        List<XmppModule> modules = modules(field, wanted.modules());
        RunningServer server;
        try {
            server = new RunningServer(settings, modules);
        } catch (Exception | AssertionError e) {
            throw new IllegalStateException("The server of " + name(field)
                    + (wanted.settings().isEmpty() ? "" : " (settings " + wanted.settings() + ")")
                    + " did not start: " + e, e);
        }
        context.getStore(SERVERS).put(field, server);
        return server;
    }

    private static UnaryOperator<XmppSettings> settings(Field field, String name) {
        if (name.isEmpty()) {
            return UnaryOperator.identity();
        }
        Method method = method(field, name, XmppSettings.class, XmppSettings.class);
        return defaults -> (XmppSettings) ReflectionSupport.invokeMethod(method, null, defaults);
    }

    @SuppressWarnings("unchecked")
    private static List<XmppModule> modules(Field field, String name) {
        if (name.isEmpty()) {
            return List.of();
        }
        return (List<XmppModule>) ReflectionSupport.invokeMethod(method(field, name, List.class), null);
    }

    /** The static method {@code name} (or {@code Class#name}, the class in this package) returning {@code type}. */
    private static Method method(Field field, String name, Class<?> type, Class<?>... parameters) {
        int hash = name.indexOf('#');
        Class<?> owner = hash < 0 ? field.getDeclaringClass() : ReflectionSupport
                .tryToLoadClass(RunningServerExtension.class.getPackageName() + "." + name.substring(0, hash))
                .getOrThrow(e -> new ExtensionConfigurationException(
                        "@StartedServer " + name(field) + " names " + name + ", a class not in this package", e));
        String methodName = name.substring(hash + 1);
        Method method = ReflectionSupport.findMethod(owner, methodName, parameters)
                .filter(found -> Modifier.isStatic(found.getModifiers()) && type.isAssignableFrom(found.getReturnType()))
                .orElseThrow(() -> new ExtensionConfigurationException("@StartedServer " + name(field) + " names " + name
                        + ", but " + owner.getSimpleName() + " has no static " + type.getSimpleName() + " " + methodName
                        + "(" + (parameters.length == 0 ? "" : parameters[0].getSimpleName()) + ")"));
        method.setAccessible(true);
        return method;
    }

    private static String name(Field field) {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }
}
