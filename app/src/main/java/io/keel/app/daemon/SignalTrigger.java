package io.keel.app.daemon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module jdk.unsupported), reached reflectively so the build
 * stays free of internal-API warnings. Where the platform or JVM refuses a signal, installing it reports false and
 * the daemon says so.
 */
public final class SignalTrigger
{
    private SignalTrigger()
    {
    }

    /**
     * Runs {@code action} (on the JVM's signal thread) whenever the process receives {@code name}, e.g. "USR2".
     *
     * @return false when the signal cannot be handled here.
     */
    public static boolean install(final String name, final Runnable action)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final Object signal = signalClass.getConstructor(String.class).newInstance(name);
            final InvocationHandler invocation = (proxy, method, args) -> switch (method.getName())
            {
                case "handle" ->
                {
                    action.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "keel handler of SIG" + name;
                default -> null;
            };
            final Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                invocation);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        }
        catch (final ReflectiveOperationException | IllegalArgumentException | LinkageError ex)
        {
            return false;
        }
    }
}
