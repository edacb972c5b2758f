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

    /** A file laid out by hand as docs/FORMAT.md describes it, with a correct checksum. */
    private static byte[] handMade(String headerJson, int headerLengthField, byte[] payload) throws Exception {
        byte[] head = headerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + head.length + payload.length + 32);
        b.put("SPARKGAN".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(headerLengthField).put(head).put(payload);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(b.array(), 0, b.position());
        b.put(md.digest());
        return b.array();
    }

    @Test
    void headerSizesAreCheckedAgainstTheFileBeforeAnyAllocation() throws Exception {
        String huge = "{\"kind\":\"model\",\"iteration\":1,\"config\":{},\"tensors\":[{\"name\":\"G\",\"length\":2000000000,\"dtype\":\"float32le\"}]}";
        byte[] bytes = handMade(huge, huge.length(), new byte[16]);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.fromBytes(bytes, "big.sgan"));
        assertTrue(e.getMessage().contains("declares 8000000000 bytes of tensors") && e.getMessage().contains("holds 16"), e.getMessage());

        byte[] longHeader = handMade(huge, Integer.MAX_VALUE, new byte[16]);
        e = assertThrows(BadInputException.class, () -> ModelFile.fromBytes(longHeader, "head.sgan"));
        assertTrue(e.getMessage().contains("header") && e.getMessage().contains("does not fit"), e.getMessage());

        String negative = huge.replace("2000000000", "-4");
        e = assertThrows(BadInputException.class, () -> ModelFile.fromBytes(handMade(negative, negative.length(), new byte[0]), "neg.sgan"));
        assertTrue(e.getMessage().contains("tensor 0"), e.getMessage());
    }

    @Test
    void aFileLaidOutByHandPerTheFormatDocIsRead() throws Exception {
        String header = "{\"format\":\"spark-gan\",\"version\":1,\"kind\":\"model\",\"iteration\":7,\"config\":{\"train.batch\":\"8\"},"
                + "\"lineage\":{\"data.location\":\"x\"},"
                + "\"tensors\":[{\"name\":\"G\",\"length\":2,\"dtype\":\"float32le\"},{\"name\":\"D\",\"length\":1,\"dtype\":\"float32le\"}]}";
        java.nio.ByteBuffer floats = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putFloat(7f);
        ModelFile f = ModelFile.fromBytes(handMade(header, header.length(), floats.array()), "hand.sgan");
        assertEquals(7, f.iteration());
        assertArrayEquals(new float[] {1.5f, -2f}, f.tensor("G"));
        assertArrayEquals(new float[] {7f}, f.tensor("D"));
        assertEquals("x", f.lineage().get("data.location"));
        // And the writer produces exactly that layout for the same content.
        LinkedHashMap<String, float[]> t = new LinkedHashMap<>();
        t.put("G", new float[] {1.5f, -2f});
        t.put("D", new float[] {7f});
        byte[] written = new ModelFile("model", 7, Map.of("train.batch", "8"), t).withLineage(Map.of("data.location", "x")).toBytes();
        assertArrayEquals(handMade(header, header.length(), floats.array()), written);
    }

    @Test
    void lineageSurvivesTheRoundTrip() {
        String uri = tmp.resolve("l.sgan").toUri().toString();
        sample().withLineage(Map.of("data.files", "a 1 ff", "data.changes", "iteration 5: a -> b")).write(uri);
        ModelFile back = ModelFile.read(uri);
        assertEquals("a 1 ff", back.lineage().get("data.files"));
        assertEquals("iteration 5: a -> b", back.lineage().get("data.changes"));
    }
}
