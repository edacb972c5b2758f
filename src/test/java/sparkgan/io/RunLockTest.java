package sparkgan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;
import sparkgan.testing.ChildJvm;

class RunLockTest {
    @TempDir
    Path run;

    @Test
    void aSecondWriterIsRefusedWithTheHolderNamed() {
        try (RunLock first = RunLock.acquire(run.toString(), w -> { })) {
            BadInputException e = assertThrows(BadInputException.class, () -> RunLock.acquire(run.toString(), w -> { }));
            assertTrue(e.getMessage().contains("in use by process " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains(RunLock.FILE), e.getMessage());
        }
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "released on close");
        RunLock.acquire(run.toString(), w -> { }).close();
    }

    @Test
    void theLockOfAProcessThatIsGoneIsTakenOverWithAWarning() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Files.writeString(run.resolve(RunLock.FILE), "host=" + RunLock.localHost() + "\npid=" + p.pid() + "\nstarted=2020-01-01T00:00:00Z\n");
        List<String> warnings = new ArrayList<>();
        try (RunLock lock = RunLock.acquire(run.toString(), warnings::add)) {
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("stale lock") && warnings.get(0).contains("process " + p.pid()), warnings.get(0));
            assertTrue(Files.readString(run.resolve(RunLock.FILE)).contains("pid=" + ProcessHandle.current().pid()));
        }
    }

    @Test
    void aLiveProcessWithARecycledIdDoesNotHoldTheLock() throws Exception {
        // This very process, but with another start time: the id was reused, the holder is gone.
        Files.writeString(run.resolve(RunLock.FILE), "host=" + RunLock.localHost() + "\npid=" + ProcessHandle.current().pid()
                + "\nstarted=2001-01-01T00:00:00Z\n");
        List<String> warnings = new ArrayList<>();
        RunLock.acquire(run.toString(), warnings::add).close();
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void aLockFromAnotherHostIsRefusedWithTheWayOut() throws Exception {
        Files.writeString(run.resolve(RunLock.FILE), "host=other-machine.example\npid=1\nstarted=\n");
        BadInputException e = assertThrows(BadInputException.class, () -> RunLock.acquire(run.toString(), w -> { }));
        assertTrue(e.getMessage().contains("other-machine.example") && e.getMessage().contains("delete the lock"), e.getMessage());
    }

    /** Run in a child JVM: takes the lock of the directory args[0], says so, and holds it until killed. */
    public static final class HoldingJvm {
        public static void main(String[] args) throws Exception {
            RunLock.acquire(args[0], w -> { });
            System.out.println("held");
            Thread.sleep(120_000);
        }
    }

    @Test
    void aLockHeldByAnotherLiveJvmIsRefusedAndTakenOverOnceItIsKilled() throws Exception {
        // The holder wrote its own start time in its own JVM: this JVM must read the same instant for it.
        Path log = run.resolveSibling(run.getFileName() + "-holder.log");
        Process holder = ChildJvm.startMain(log, List.of(), null, HoldingJvm.class.getName(), run.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (holder.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("held")) {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(log).contains("held"), Files.readString(log));
            List<String> warnings = new ArrayList<>();
            BadInputException e = assertThrows(BadInputException.class, () -> RunLock.acquire(run.toString(), warnings::add));
            assertTrue(e.getMessage().contains("in use by process " + holder.pid() + " on " + RunLock.localHost() + " (started "),
                    e.getMessage());
            assertEquals(List.of(), warnings);
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        List<String> warnings = new ArrayList<>();
        RunLock.acquire(run.toString(), warnings::add).close();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("stale lock of process " + holder.pid()), warnings.get(0));
    }
}
