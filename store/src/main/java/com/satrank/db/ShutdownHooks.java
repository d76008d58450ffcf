package com.satrank.db;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds shutdown hooks a library registered, so the process can run that work itself, in order.
 * The JVM runs all hooks at once: embedded Postgres' own hook would stop the database while the
 * pipeline commits its last pass. The JDK offers no way to list hooks, so this reads
 * {@code java.lang.ApplicationShutdownHooks} (the jar's manifest opens java.lang); without access it
 * finds nothing and the library's hook stays.
 */
final class ShutdownHooks {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);

    private ShutdownHooks() {
    }

    /** Registered hook threads whose name matches. */
    static List<Thread> named(Predicate<String> name) {
        try {
            Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = hooks.getDeclaredField("hooks");
            field.setAccessible(true);
            synchronized (hooks) {
                Map<?, ?> registered = (Map<?, ?>) field.get(null);
                List<Thread> found = new ArrayList<>();
                if (registered != null) {
                    for (Object key : registered.keySet()) {
                        if (key instanceof Thread t && name.test(t.getName())) {
                            found.add(t);
                        }
                    }
                }
                return found;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot read the JVM's shutdown hooks ({}); embedded Postgres stops on its own at exit",
                    e.toString());
            return List.of();
        }
    }
}
