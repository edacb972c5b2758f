package sparkgan.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run was trained on: the data's location and, per file, its size and the SHA-256 of its bytes
 * as stored. Checkpoints carry it, so that a resume on other data is noticed: two identities are the
 * same data when their files' sizes and digests agree, wherever the files now live.
 */
public record DataIdentity(String location, List<FileDigest> files) {
    /** Keys of the identity in a model file's lineage. */
    public static final String LOCATION = "data.location";
    public static final String FILES = "data.files";
    /** Earlier data changes allowed on resume (--allow-data-change), one per line. */
    public static final String CHANGES = "data.changes";

    /** One file: its name, size in bytes and SHA-256. */
    public record FileDigest(String name, long bytes, String sha256) {
        @Override
        public String toString() {
            return name + " " + bytes + " " + sha256;
        }
    }

    /** Reads every file of the data set once (a few tens of milliseconds for MNIST). */
    public static DataIdentity of(ImageSource data) {
        List<FileDigest> files = new ArrayList<>();
        for (StreamSource file : data.files()) {
            files.add(digest(file));
        }
        return new DataIdentity(data.description(), files);
    }

    private static FileDigest digest(StreamSource source) {
        try (InputStream raw = source.openRaw()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long bytes = new DigestInputStream(raw, md).transferTo(java.io.OutputStream.nullOutputStream());
            return new FileDigest(baseName(source.name()), bytes, HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** The same bytes (sizes and digests, in order), wherever they are. */
    public boolean sameContent(DataIdentity other) {
        return firstDifference(other) == null;
    }

    /** The first file whose size or digest differs in {@code other}, for error messages; null when none does. */
    public String firstDifference(DataIdentity other) {
        for (int i = 0; i < Math.max(files.size(), other.files.size()); i++) {
            FileDigest a = i < files.size() ? files.get(i) : null;
            FileDigest b = i < other.files.size() ? other.files.get(i) : null;
            if (a == null || b == null || a.bytes != b.bytes || !a.sha256.equals(b.sha256)) {
                return describe(b) + " instead of " + describe(a);
            }
        }
        return null;
    }

    private static String describe(FileDigest f) {
        return f == null ? "no file" : f.name + " (" + f.bytes + " bytes, SHA-256 " + f.sha256.substring(0, Math.min(12, f.sha256.length())) + "…)";
    }

    public Map<String, String> toLineage() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(LOCATION, location);
        StringBuilder sb = new StringBuilder();
        for (FileDigest f : files) {
            sb.append(sb.length() == 0 ? "" : "\n").append(f);
        }
        m.put(FILES, sb.toString());
        return m;
    }

    /** The identity a model file's lineage records, or null when it records none (older files). */
    public static DataIdentity fromLineage(Map<String, String> lineage) {
        String files = lineage.get(FILES);
        if (files == null || files.isBlank()) {
            return null;
        }
        List<FileDigest> list = new ArrayList<>();
        for (String line : files.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                return null;
            }
            try {
                list.add(new FileDigest(f[0], Long.parseLong(f[1]), f[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new DataIdentity(lineage.getOrDefault(LOCATION, ""), list);
    }
}
