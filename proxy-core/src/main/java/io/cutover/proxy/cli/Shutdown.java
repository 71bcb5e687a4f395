package io.cutover.proxy.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a server command ends. SIGTERM (and Ctrl-C) start an orderly stop on the main thread: the
 * drain (stop accepting, let requests in flight finish, flush the retry queue and spool), then
 * everything is closed in order and the command returns, so the process exits 0. A second Ctrl-C
 * stops at once. Any other way the JVM stops runs the same steps from a shutdown hook.
 */
public final class Shutdown {

    private Shutdown() {}

    /**
     * Blocks the calling (main) thread until the process is asked to stop, then runs {@code
     * drain}, closes {@code running} in order, and returns.
     *
     * @param drain lets the work in flight finish, within its own bound; blocks until done
     */
    public static void drainThenClose(Runnable drain, AutoCloseable... running) throws InterruptedException {
        CountDownLatch asked = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            try {
                drain.run();
            } catch (RuntimeException e) {
                System.err.println("cutover: error while draining: " + e);
            }
            for (AutoCloseable closeable : running) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("cutover: error while stopping: " + e);
                }
            }
        };
        Thread hook = new Thread(stop, "cutover-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean handled = onSignal("TERM", asked, false) & onSignal("INT", asked, true);
        if (!handled) {
            // No signal API: the shutdown hook does it all, and the exit status is the JVM's.
            new CountDownLatch(1).await();
        }
        asked.await();
        System.err.println("cutover: stopping (draining first)");
        stop.run();
    }

    /** Blocks until the process is asked to stop, then closes {@code running} in order. */
    public static void await(AutoCloseable... running) throws InterruptedException {
        drainThenClose(() -> {}, running);
    }

    /**
     * Handles a signal through the JDK's {@code sun.misc.Signal} (module jdk.unsupported, there in
     * every JDK 17), reached by reflection because the compiler refuses the internal API under
     * {@code -Werror}. The default handling would run the shutdown hooks and exit 143.
     *
     * @param again whether a second signal of the kind stops the process at once
     * @return whether the signal is now handled
     */
    private static boolean onSignal(String name, CountDownLatch asked, boolean again) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return objectMethod(proxy, method, args);
                }
                if (asked.getCount() == 0 && again) {
                    System.err.println("cutover: stopped at once (second " + name + ")");
                    Runtime.getRuntime().halt(130);
                }
                asked.countDown();
                return null;
            };
            Object instance =
                    Proxy.newProxyInstance(Shutdown.class.getClassLoader(), new Class<?>[] {handlerType}, handler);
            Method handle = signal.getMethod("handle", signal, handlerType);
            handle.invoke(null, signal.getConstructor(String.class).newInstance(name), instance);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "cutover signal handler";
        }
    }
}
