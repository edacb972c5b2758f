package sparkgan.io;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import sparkgan.BadInputException;

/**
 * The one writer of a run directory: {@code <run>/.lock}, created atomically, naming its holder's
 * host, process id and that process's start time. A second trainer on the same directory is refused
 * with the holder named. A lock whose holder is gone (same host, and no process with that id and
 * start time) is stale: it is replaced, with a warning, so that a run killed with SIGKILL resumes
 * without manual clean-up. A lock held from another host cannot be checked from here: it is refused,
 * and the error says how to remove it.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".lock";

    private final String uri;
    private boolean held;

    private RunLock(String uri) {
        this.uri = uri;
        this.held = true;
    }

    /** Takes the lock of a run directory or throws a {@link BadInputException} naming its holder. */
    public static RunLock acquire(String runDir, Consumer<String> warn) {
        String uri = HadoopFiles.child(runDir, FILE);
        byte[] mine = describe(ProcessHandle.current()).getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 2; attempt++) {
            if (HadoopFiles.createExclusively(uri, mine)) {
                return new RunLock(uri);
            }
            Holder holder = Holder.read(uri);
            if (!holder.isStale()) {
                throw new BadInputException(runDir + ": in use by " + holder + " (lock " + uri + ")"
                        + (holder.onThisHost() ? "" : "; if no trainer runs there any more, delete the lock"));
            }
            warn.accept("warning: removing the stale lock of " + holder + " (that process is gone): " + uri);
            HadoopFiles.delete(uri);
        }
        throw new BadInputException(runDir + ": another trainer took the lock " + uri + " at the same moment");
    }

    @Override
    public void close() {
        if (held) {
            held = false;
            HadoopFiles.delete(uri);
        }
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String describe(ProcessHandle p) {
        return "host=" + localHost() + "\npid=" + p.pid() + "\nstarted=" + startOf(p).map(Instant::toString).orElse("") + "\n";
    }

    private static Optional<Instant> startOf(ProcessHandle p) {
        return p.info().startInstant();
    }

    /** What a lock file says of its holder. */
    record Holder(String host, long pid, String started) {
        static Holder read(String uri) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(new String(HadoopFiles.readAll(uri), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new BadInputException(uri + ": cannot read the run's lock: " + e.getMessage());
            }
            long pid;
            try {
                pid = Long.parseLong(p.getProperty("pid", "-1").trim());
            } catch (NumberFormatException e) {
                pid = -1;
            }
            return new Holder(p.getProperty("host", "").trim(), pid, p.getProperty("started", "").trim());
        }

        boolean onThisHost() {
            return host.equals(localHost());
        }

        /** Gone: on this host, and no live process has that id with that start time. */
        boolean isStale() {
            if (!onThisHost()) {
                return false;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            // A recycled process id: alive, but started at another time than the holder.
            return !started.isEmpty() && startOf(p.get()).map(s -> !s.toString().equals(started)).orElse(false);
        }

        @Override
        public String toString() {
            return "process " + pid + " on " + (host.isEmpty() ? "an unknown host" : host) + (started.isEmpty() ? "" : " (started " + started + ")");
        }
    }
}
