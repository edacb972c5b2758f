package sparkgan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {
    @TempDir
    Path tmp;

    private String[] names() {
        String[] n = tmp.toFile().list();
        Arrays.sort(n);
        return n;
    }

    @Test
    void replacingKeepsTheOldFileUntilTheNewOneIsWholeAndLeavesNoTemporary() throws Exception {
        Path f = tmp.resolve("model.sgan");
        HadoopFiles.writeAtomically(f.toUri().toString(), "old".getBytes());
        // A writer that fails half-way: the old file stays as it was, no temporary is left.
        assertThrows(UncheckedIOException.class, () -> HadoopFiles.writeAtomically(f.toString(), out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk gone");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(1, names().length, Arrays.toString(names()));
        HadoopFiles.writeAtomically(f.toString(), "new".getBytes());
        assertEquals("new", Files.readString(f));
        assertEquals(1, names().length, Arrays.toString(names()));
    }

    @Test
    void temporariesLeftByACrashAreRemovedAndNothingElse() throws Exception {
        Files.writeString(tmp.resolve(".metrics.csv.0b5f6f1e-3a56-4c1e-9e0a-2f4b8d1c7e90.tmp"), "partial");
        Files.writeString(tmp.resolve("metrics.csv"), "kept");
        Files.writeString(tmp.resolve(".lock"), "kept");
        Files.writeString(tmp.resolve("notes.tmp"), "kept");
        assertEquals(1, HadoopFiles.removeTemporaries(tmp.toString()));
        assertEquals("[.lock, metrics.csv, notes.tmp]", Arrays.toString(names()));
    }

    @Test
    void exclusiveCreationHappensOnce() throws Exception {
        String lock = tmp.resolve("x.lock").toString();
        assertTrue(HadoopFiles.createExclusively(lock, "a".getBytes()));
        assertFalse(HadoopFiles.createExclusively(lock, "b".getBytes()));
        assertEquals("a", Files.readString(tmp.resolve("x.lock")));
    }
}
