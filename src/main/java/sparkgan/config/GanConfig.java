package sparkgan.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import sparkgan.BadInputException;

/**
 * The effective configuration: string key/values layered over the documented defaults of
 * {@code conf/gan.properties} (bundled in the jar), with typed, validated accessors. Only keys present
 * in the defaults exist; anything else is a typo and is rejected with the key and its source named.
 */
public final class GanConfig {
    public static final String DEFAULTS = "sparkgan/conf/gan.properties";
    public static final String PRESETS = "sparkgan/conf/presets/";

    private final TreeMap<String, String> values;

    private GanConfig(TreeMap<String, String> values) {
        this.values = values;
    }

    public static GanConfig defaults() {
        return new GanConfig(new TreeMap<>(loadResource(DEFAULTS, "defaults")));
    }

    /**
     * Rebuilds a stored config (a model file, a checkpoint, a run's config.properties), still checking
     * every key. A key the file lacks was added after the file was written: it takes the value that
     * reproduces the writing build's behaviour ({@link ConfigHistory}), not today's default.
     */
    public static GanConfig fromMap(Map<String, String> map, String source) {
        TreeMap<String, String> before = new TreeMap<>();
        ConfigHistory.BEFORE_IT_EXISTED.forEach((k, v) -> {
            if (!map.containsKey(k)) {
                before.put(k, v);
            }
        });
        return defaults().overlay(before, "the configuration history").overlay(map, source);
    }

    /** A stored config written by {@link #toPropertiesText()} (a run's config.properties), read as {@link #fromMap} reads one. */
    public static GanConfig fromPropertiesText(String text, String source) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(source + ": cannot read the configuration: " + e.getMessage());
        }
        return fromMap(toMap(p), source);
    }

    public GanConfig withPreset(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new BadInputException("--preset " + name + ": expected a preset name such as mlp");
        }
        InputStream probe = GanConfig.class.getClassLoader().getResourceAsStream(PRESETS + name + ".properties");
        if (probe == null) {
            throw new BadInputException("--preset " + name + ": no such preset (conf/presets/" + name + ".properties)");
        }
        try {
            probe.close();
        } catch (IOException ignored) {
            // only a probe
        }
        return overlay(loadResource(PRESETS + name + ".properties", "preset " + name), "preset " + name);
    }

    public GanConfig withFile(java.nio.file.Path file) {
        Properties p = new Properties();
        try (Reader r = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("--conf " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("--conf " + file + ": cannot read: " + e.getMessage());
        }
        return overlay(toMap(p), file.toString());
    }

    /** Applies {@code key=value} assignments from the command line. */
    public GanConfig withAssignments(List<String> assignments) {
        TreeMap<String, String> map = new TreeMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--set " + a + ": expected key=value");
            }
            map.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return overlay(map, "--set");
    }

    public GanConfig with(String key, String value) {
        return overlay(Map.of(key, value), "--set");
    }

    private GanConfig overlay(Map<String, String> map, String source) {
        TreeMap<String, String> next = new TreeMap<>(values);
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new BadInputException("unknown config key '" + e.getKey() + "' in " + source
                        + " (every key is listed in conf/gan.properties)");
            }
            next.put(e.getKey(), e.getValue().trim());
        }
        return new GanConfig(next);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no config key " + key);
        }
        return v;
    }

    public int getInt(String key, int min, int max) {
        String v = get(key);
        int x;
        try {
            x = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected an integer");
        }
        if (x < min || x > max) {
            throw new BadInputException("config key '" + key + "' = " + x + ": expected "
                    + (max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max));
        }
        return x;
    }

    /** true or false, nothing else. */
    public boolean getBoolean(String key) {
        String v = get(key).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected true or false");
        }
        return v.equals("true");
    }

    public long getLong(String key) {
        String v = get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected an integer");
        }
    }

    /** A finite float in [min, max] (or [min, max) when maxExclusive); NaN and infinities are refused. */
    public float getFloat(String key, float min, float max, boolean minExclusive, boolean maxExclusive) {
        String v = get(key);
        float x;
        try {
            x = Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected a number");
        }
        boolean ok = Float.isFinite(x) && (minExclusive ? x > min : x >= min) && (maxExclusive ? x < max : x <= max);
        if (!ok) {
            String lo = (minExclusive ? "> " : ">= ") + min;
            String hi = Float.isInfinite(max) ? "" : " and " + (maxExclusive ? "< " : "<= ") + max;
            throw new BadInputException("config key '" + key + "' = " + v + ": expected a finite number " + lo + hi);
        }
        return x;
    }

    public int[] getSizes(String key) {
        String v = get(key);
        String[] parts = v.split(",");
        int[] sizes = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                sizes[i] = Integer.parseInt(parts[i].trim());
                if (sizes[i] <= 0) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected comma-separated positive layer widths");
        }
        if (sizes.length < 2) {
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected at least an input and an output width");
        }
        return sizes;
    }

    public List<String> getList(String key) {
        List<String> out = new ArrayList<>();
        for (String s : get(key).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** The effective configuration as a properties text, keys sorted. */
    public String toPropertiesText() {
        StringBuilder sb = new StringBuilder("# effective spark-gan configuration\n");
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, String> loadResource(String path, String what) {
        try (InputStream in = GanConfig.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(what + " missing from the jar: " + path);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return toMap(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static Map<String, String> toMap(Properties p) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }
}
