package sparkgan.run;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM ask the trainer to stop after the current iteration, so that it can
 * write a checkpoint and exit cleanly instead of dying mid-step. A second signal restores the
 * default behaviour (the JVM exits at once).
 */
final class StopSignals {
    private static SignalHandler previousInt;
    private static SignalHandler previousTerm;

    private StopSignals() {
    }

    static synchronized void install(Runnable onStop) {
        SignalHandler handler = sig -> {
            System.err.println("\nsignal " + sig.getName() + ": stopping after this iteration (again to abort)");
            onStop.run();
            uninstall();
        };
        previousInt = handle("INT", handler);
        previousTerm = handle("TERM", handler);
    }

    private static SignalHandler handle(String name, SignalHandler handler) {
        try {
            return Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            // -Xrs, or a signal the platform reserves: that signal keeps its default behaviour.
            return null;
        }
    }

    static synchronized void uninstall() {
        try {
            if (previousInt != null) {
                Signal.handle(new Signal("INT"), previousInt);
            }
            if (previousTerm != null) {
                Signal.handle(new Signal("TERM"), previousTerm);
            }
        } catch (IllegalArgumentException ignored) {
            // nothing was installed
        }
        previousInt = null;
        previousTerm = null;
    }
}
