package org.switchboard.xmpp.integration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link RunningServer} field the test class does not start or close itself, as {@code @TempDir} is a directory
 * it does not create or delete: a {@code static} field holds one server for the whole class (started before the
 * class's {@code @BeforeAll} methods, closed after its {@code @AfterAll} methods), an instance field a fresh one
 * for each test (around {@code @BeforeEach}/{@code @AfterEach}). Each annotated field is its own server.
 *
 * <pre>
 * &#64;StartedServer static RunningServer running;
 * &#64;StartedServer(settings = "shortResumption") static RunningServer running;
 * static XmppSettings shortResumption(XmppSettings defaults) { return defaults.withSessionTimeouts(...); }
 * </pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RunningServerExtension.class)
@interface StartedServer {

    /**
     * The static method that changes the test settings, {@code XmppSettings name(XmppSettings defaults)}: a method of
     * the test class, or {@code "Class#method"} of a class in this package. Empty: the test defaults.
     */
    String settings() default "";

    /**
     * The static method of the test class, {@code List<XmppModule> name()}, whose modules are added to the standard
     * ones (one the application wires in). Empty: only the standard modules.
     */
    String modules() default "";
}
