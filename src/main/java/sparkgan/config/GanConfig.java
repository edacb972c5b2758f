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
    public static final String PRESETS = "sparkgan/conf/presets/";

    private final TreeMap<String, String> values;

    private GanConfig(TreeMap<String, String> values) {
        this.values = values;
    }

    /** Every key of {@link GanParams} at its default. */
    public static GanConfig defaults() {
        TreeMap<String, String> values = new TreeMap<>();
        for (Param<?> p : GanParams.all()) {
            values.put(p.name(), p.defaultValue());
        }
        return new GanConfig(values);
    }

    /**
     * Rebuilds a stored config (a model file, a checkpoint, a run's config.properties), still checking
     * every key. A key the file lacks was added after the file was written: it takes the value that
     * reproduces the writing build's behaviour ({@link Param#before()}), not today's default.
     */
    public static GanConfig fromMap(Map<String, String> map, String source) {
        TreeMap<String, String> before = new TreeMap<>();
        for (Param<?> p : GanParams.all()) {
            if (p.before() != null && !map.containsKey(p.name())) {
                before.put(p.name(), p.before());
            }
        }
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

    /** The key's typed value; a value the key refuses is a BadInputException naming the key. */
    public <T> T get(Param<T> param) {
        return param.parse(get(param.name()));
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
