package sparkgan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import sparkgan.BadInputException;

/**
 * The model and checkpoint file format (documented in docs/FORMAT.md), version 1:
 *
 * <pre>
 *   8 bytes   ASCII "SPARKGAN"
 *   4 bytes   format version, big-endian int (1)
 *   4 bytes   header length H, big-endian int
 *   H bytes   UTF-8 JSON header: kind, iteration, config (key/values), tensors [{name, length}]
 *   ...       each tensor's float32 values, little-endian, in header order
 *   32 bytes  SHA-256 of everything above
 * </pre>
 *
 * Self-describing and language-neutral (not Java serialization); the checksum turns a partial or
 * corrupted file into a clear error instead of garbage weights.
 */
public final class ModelFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "SPARKGAN".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final long iteration;
    private final Map<String, String> config;
    private final LinkedHashMap<String, float[]> tensors;

    public ModelFile(String kind, long iteration, Map<String, String> config, LinkedHashMap<String, float[]> tensors) {
        this.kind = kind;
        this.iteration = iteration;
        this.config = new TreeMap<>(config);
        this.tensors = tensors;
    }

    public String kind() {
        return kind;
    }

    public long iteration() {
        return iteration;
    }

    public Map<String, String> config() {
        return config;
    }

    /** The tensor of the moving average of G's weights (present when g.ema > 0). */
    public static final String G_AVERAGE = "G.ema";

    /** The generator to draw samples from: the average of G when the run kept one, else G. */
    public float[] samplingGenerator() {
        float[] ema = tensors.get(G_AVERAGE);
        return ema != null ? ema : tensors.get("G");
    }

    public float[] tensor(String name) {
        return tensors.get(name);
    }

    public Map<String, float[]> tensors() {
        return tensors;
    }

    public byte[] toBytes() {
        try {
            ObjectNode header = JSON.createObjectNode();
            header.put("format", "spark-gan");
            header.put("version", VERSION);
            header.put("kind", kind);
            header.put("iteration", iteration);
            ObjectNode conf = header.putObject("config");
            config.forEach(conf::put);
            ArrayNode list = header.putArray("tensors");
            long payload = 0;
            for (Map.Entry<String, float[]> e : tensors.entrySet()) {
                list.addObject().put("name", e.getKey()).put("length", e.getValue().length).put("dtype", "float32le");
                payload += 4L * e.getValue().length;
            }
            byte[] head = JSON.writeValueAsBytes(header);
            long total = MAGIC.length + 8L + head.length + payload + 32;
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("model too large for one file: " + total + " bytes");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) total);
            buf.put(MAGIC).putInt(VERSION).putInt(head.length).put(head);
            buf.order(ByteOrder.LITTLE_ENDIAN);
            for (float[] t : tensors.values()) {
                buf.asFloatBuffer().put(t);
                buf.position(buf.position() + 4 * t.length);
            }
            byte[] out = buf.array();
            byte[] digest = sha256(out, 0, (int) total - 32);
            System.arraycopy(digest, 0, out, (int) total - 32, 32);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and verifies a file; every problem is a one-line {@link BadInputException}. */
    public static ModelFile fromBytes(byte[] bytes, String name) {
        if (bytes.length < MAGIC.length + 8 + 32 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new BadInputException(name + ": not a spark-gan model file (no SPARKGAN magic)");
        }
        byte[] digest = sha256(bytes, 0, bytes.length - 32);
        if (!Arrays.equals(digest, Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))) {
            throw new BadInputException(name + ": checksum mismatch: the file is corrupt or was only partly written");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new BadInputException(name + ": format version " + version + ", this build reads version " + VERSION);
        }
        int headLen = buf.getInt();
        try {
            JsonNode header = JSON.readTree(new String(bytes, buf.position(), headLen, StandardCharsets.UTF_8));
            buf.position(buf.position() + headLen);
            Map<String, String> config = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.get("config").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                config.put(f.getKey(), f.getValue().asText());
            }
            LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
            buf.order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode t : header.get("tensors")) {
                float[] values = new float[t.get("length").asInt()];
                buf.asFloatBuffer().get(values);
                buf.position(buf.position() + 4 * values.length);
                tensors.put(t.get("name").asText(), values);
            }
            return new ModelFile(header.get("kind").asText(), header.get("iteration").asLong(), config, tensors);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(name + ": malformed header: " + e.getMessage());
        }
    }

    public void write(String uri) {
        HadoopFiles.writeAtomically(uri, toBytes());
    }

    public static ModelFile read(String uri) {
        try {
            return fromBytes(HadoopFiles.readAll(uri), uri);
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(uri + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(uri + ": cannot read: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] b, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
