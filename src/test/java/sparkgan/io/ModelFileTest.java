package sparkgan.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.BadInputException;

class ModelFileTest {
    @TempDir
    Path tmp;

    private static ModelFile sample() {
        LinkedHashMap<String, float[]> t = new LinkedHashMap<>();
        t.put("G", new float[] {1.5f, -2f, Float.MIN_VALUE, 3e38f});
        t.put("D", new float[] {0f, -0f, 7f});
        return new ModelFile("checkpoint", 42, Map.of("train.batch", "64"), t);
    }

    @Test
    void roundTripIsExactThroughAHadoopPath() {
        String uri = tmp.resolve("m.sgan").toUri().toString();
        sample().write(uri);
        ModelFile back = ModelFile.read(uri);
        assertEquals("checkpoint", back.kind());
        assertEquals(42, back.iteration());
        assertEquals("64", back.config().get("train.batch"));
        assertArrayEquals(sample().tensor("G"), back.tensor("G"));
        assertArrayEquals(sample().tensor("D"), back.tensor("D"));
        assertTrue(Arrays.stream(tmp.toFile().list()).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".crc")));
    }

    @Test
    void corruptOrPartialFilesAreRejected() throws Exception {
        byte[] bytes = sample().toBytes();
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 40] ^= 1;
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.fromBytes(flipped, "x.sgan"));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] partial = Arrays.copyOf(bytes, bytes.length - 7);
        assertThrows(BadInputException.class, () -> ModelFile.fromBytes(partial, "x.sgan"));
        Path junk = tmp.resolve("junk.sgan");
        Files.writeString(junk, "hello");
        assertThrows(BadInputException.class, () -> ModelFile.read(junk.toString()));
    }
}
