package sparkgan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sparkgan.BadInputException;
import sparkgan.HeapBudget;

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
    /** Magic, version, header length and checksum: the bytes every file has besides header and tensors. */
    private static final int FIXED_BYTES = 8 + 4 + 4 + 32;
    /** Headers are a few kilobytes; a larger one is damage, not a model. */
    private static final int MAX_HEADER_BYTES = 16 << 20;
    private static final int CHUNK = 1 << 16;
    private static final byte[] MAGIC = "SPARKGAN".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final long iteration;
    private final Map<String, String> config;
    private final LinkedHashMap<String, float[]> tensors;
    private final Map<String, String> lineage = new TreeMap<>();

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

    /** Lineage of the weights (the data they were trained on, allowed changes of it); empty when none is known. */
    public Map<String, String> lineage() {
        return lineage;
    }

    public ModelFile withLineage(Map<String, String> newLineage) {
        ModelFile f = new ModelFile(kind, iteration, config, tensors);
        f.lineage.putAll(newLineage);
        return f;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Streams the file: no copy of the tensors is made, whatever their size. */
    public void writeTo(OutputStream sink) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", "spark-gan");
        header.put("version", VERSION);
        header.put("kind", kind);
        header.put("iteration", iteration);
        ObjectNode conf = header.putObject("config");
        config.forEach(conf::put);
        if (!lineage.isEmpty()) {
            ObjectNode lin = header.putObject("lineage");
            lineage.forEach(lin::put);
        }
        ArrayNode list = header.putArray("tensors");
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            list.addObject().put("name", e.getKey()).put("length", e.getValue().length).put("dtype", "float32le");
        }
        byte[] head = JSON.writeValueAsBytes(header);
        MessageDigest md = sha256();
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(new BufferedOutputStream(sink, CHUNK), md));
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(head.length);
        out.write(head);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] t : tensors.values()) {
            for (int off = 0; off < t.length; off += CHUNK / 4) {
                int n = Math.min(CHUNK / 4, t.length - off);
                buf.clear();
                buf.asFloatBuffer().put(t, off, n);
                out.write(buf.array(), 0, 4 * n);
            }
        }
        out.flush();
        sink.write(md.digest());
        sink.flush();
    }

    /** Parses and verifies a file held in memory (tests, fuzzing); see {@link #read(InputStream, long, String)}. */
    public static ModelFile fromBytes(byte[] bytes, String name) {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, name);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads a file of {@code length} bytes tensor by tensor. Every size the header declares is checked
     * against the real length before anything is allocated, and the tensors' total against the heap;
     * every problem is a one-line {@link BadInputException}.
     */
    public static ModelFile read(InputStream raw, long length, String name) throws IOException {
        MessageDigest md = sha256();
        DataInputStream in = new DataInputStream(new DigestInputStream(new BufferedInputStream(raw, CHUNK), md));
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BadInputException(name + ": not a spark-gan model file (no SPARKGAN magic)");
        }
        if (length < FIXED_BYTES) {
            throw new BadInputException(name + ": truncated: " + length + " bytes, shorter than a model file's fixed parts");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new BadInputException(name + ": format version " + version + ", this build reads version " + VERSION);
        }
        int headLen = in.readInt();
        if (headLen <= 0 || headLen > length - FIXED_BYTES || headLen > MAX_HEADER_BYTES) {
            throw new BadInputException(name + ": malformed header: its length " + headLen + " does not fit the file's " + length + " bytes");
        }
        Header h = Header.parse(in.readNBytes(headLen), name);
        long payload = length - FIXED_BYTES - headLen;
        if (h.floats() * 4 != payload) {
            throw new BadInputException(name + ": the header declares " + h.floats() * 4 + " bytes of tensors, the file holds "
                    + payload + " (truncated, padded or a damaged header)");
        }
        HeapBudget.require(payload, name + ": its tensors");
        LinkedHashMap<String, float[]> tensors = new LinkedHashMap<>();
        byte[] chunk = new byte[CHUNK];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < h.names().size(); t++) {
            float[] values = new float[h.lengths()[t]];
            for (int off = 0; off < values.length; off += CHUNK / 4) {
                int n = Math.min(CHUNK / 4, values.length - off);
                in.readFully(chunk, 0, 4 * n);
                view.clear();
                view.asFloatBuffer().get(values, off, n);
            }
            tensors.put(h.names().get(t), values);
        }
        byte[] expected = md.digest();
        byte[] stored = in.readNBytes(32);
        if (!Arrays.equals(expected, stored)) {
            throw new BadInputException(name + ": checksum mismatch: the file is corrupt or was only partly written");
        }
        ModelFile f = new ModelFile(h.kind(), h.iteration(), h.config(), tensors);
        f.lineage.putAll(h.lineage());
        return f;
    }

    /** The JSON header, validated field by field. */
    private record Header(String kind, long iteration, Map<String, String> config, Map<String, String> lineage,
                          List<String> names, int[] lengths, long floats) {
        static Header parse(byte[] bytes, String name) {
            JsonNode h;
            try {
                h = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new BadInputException(name + ": malformed header: " + firstLine(e.getMessage()));
            }
            if (h == null || !h.isObject()) {
                throw new BadInputException(name + ": malformed header: not a JSON object");
            }
            JsonNode kind = h.get("kind");
            JsonNode iteration = h.get("iteration");
            JsonNode tensors = h.get("tensors");
            if (kind == null || !kind.isTextual() || iteration == null || !iteration.canConvertToLong() || iteration.asLong() < 0
                    || tensors == null || !tensors.isArray()) {
                throw new BadInputException(name + ": malformed header: expected kind (text), iteration (>= 0) and tensors (a list)");
            }
            List<String> names = new ArrayList<>();
            int[] lengths = new int[tensors.size()];
            long floats = 0;
            for (JsonNode t : tensors) {
                JsonNode n = t.get("name");
                JsonNode len = t.get("length");
                JsonNode dtype = t.get("dtype");
                if (n == null || !n.isTextual() || len == null || !len.canConvertToInt() || len.asInt() < 0
                        || (dtype != null && !"float32le".equals(dtype.asText()))) {
                    throw new BadInputException(name + ": malformed header: tensor " + names.size()
                            + " needs a name, a length from 0 to " + Integer.MAX_VALUE + " and dtype float32le");
                }
                if (names.contains(n.asText())) {
                    throw new BadInputException(name + ": malformed header: tensor " + n.asText() + " appears twice");
                }
                lengths[names.size()] = len.asInt();
                names.add(n.asText());
                floats += len.asInt();
            }
            return new Header(kind.asText(), iteration.asLong(), strings(h.get("config"), "config", name),
                    strings(h.get("lineage"), "lineage", name), names, lengths, floats);
        }

        private static Map<String, String> strings(JsonNode node, String field, String name) {
            Map<String, String> out = new TreeMap<>();
            if (node == null) {
                return out;
            }
            if (!node.isObject()) {
                throw new BadInputException(name + ": malformed header: " + field + " is not an object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isValueNode()) {
                    throw new BadInputException(name + ": malformed header: " + field + "." + f.getKey() + " is not a value");
                }
                out.put(f.getKey(), f.getValue().asText());
            }
            return out;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public void write(String uri) {
        HadoopFiles.writeAtomically(uri, this::writeTo);
    }

    public static ModelFile read(String uri) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        org.apache.hadoop.fs.FileSystem fs = HadoopFiles.fs(path);
        try {
            long length = fs.getFileStatus(path).getLen();
            try (InputStream in = fs.open(path)) {
                return read(in, length, uri);
            }
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(uri + ": no such file");
        } catch (java.io.EOFException e) {
            throw new BadInputException(uri + ": truncated while reading (the file changed or is shorter than it said)");
        } catch (IOException e) {
            throw new BadInputException(uri + ": cannot read: " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
