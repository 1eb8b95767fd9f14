package org.switchboard.app.roles;

import org.springframework.context.SmartLifecycle;

/**
 * A listener-owning role started and stopped with the context, and only when {@code SWITCHBOARD_ROLES}
 * names it. Stopping happens before the database pool goes, so sessions close cleanly.
 */
abstract class NetworkRole implements SmartLifecycle {

    private final String name;
    private final EnabledRoles roles;
    private volatile boolean running;

    NetworkRole(String name, EnabledRoles roles) {
        this.name = name;
        this.roles = roles;
    }

    /** Binds the listeners and registers their ports. */
    protected abstract void startServer();

    protected abstract void stopServer();

    @Override
    public final void start() {
        if (roles.has(name)) {
            startServer();
            running = true;
        }
    }

    @Override
    public final void stop() {
        if (running) {
            stopServer();
            running = false;
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }
}
