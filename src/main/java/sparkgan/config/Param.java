package sparkgan.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import sparkgan.BadInputException;

/**
 * One configuration key, declared once: its name, default, documentation, how its text becomes a
 * typed value (and which texts are refused, with one line naming the key and what was expected), and
 * what a stored configuration that lacks it means. {@link GanParams} declares them all;
 * {@link GanConfig#get(Param)} reads them.
 *
 * @param <T> the type readers get
 */
public final class Param<T> {
    /** Turns a key's text into its value, or throws a {@link BadInputException} naming the key. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text, String key);
    }

    private final String name;
    private final String defaultValue;
    private final Parser<T> parser;
    private final String section;
    private final String doc;
    private final String before;

    private Param(String name, String defaultValue, Parser<T> parser, String section, String doc, String before) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.section = section;
        this.doc = doc;
        this.before = before;
    }

    /** A key whose text {@code parser} reads (name and default still to be given with {@link #named}). */
    public static <T> Param<T> choice(Parser<T> parser) {
        return new Param<>(null, null, parser, null, "", null);
    }

    public Param<T> named(String key, String defaultText) {
        return new Param<>(key, defaultText, parser, section, doc, before);
    }

    /** The heading of the section this key opens in conf/gan.properties. */
    public Param<T> section(String heading) {
        return new Param<>(name, defaultValue, parser, heading, doc, before);
    }

    /** What the key means (conf/gan.properties shows it above the key; keys after it without a doc share it). */
    public Param<T> doc(String text) {
        return new Param<>(name, defaultValue, parser, section, text, before);
    }

    /**
     * The value that reproduces what the code did before this key existed: a stored configuration
     * without the key means this, not today's default. Keys of the first release have none.
     */
    public Param<T> before(String value) {
        return new Param<>(name, defaultValue, parser, section, doc, value);
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String section() {
        return section;
    }

    public String doc() {
        return doc;
    }

    /** The value before the key existed, or null for a key of the first release. */
    public String before() {
        return before;
    }

    /** The typed value of {@code text}; a text this key refuses is a {@link BadInputException} naming the key. */
    public T parse(String text) {
        return parser.parse(text.trim(), name);
    }

    public static Param<Integer> integer(int min, int max) {
        return choice((v, key) -> {
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
        });
    }

    public static Param<Long> longInteger() {
        return choice((v, key) -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new BadInputException("config key '" + key + "' = '" + v + "': expected an integer");
            }
        });
    }

    /** A finite float in [min, max] (or with exclusive ends); NaN and infinities are refused. */
    public static Param<Float> real(float min, float max, boolean minExclusive, boolean maxExclusive) {
        return choice((v, key) -> {
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
        });
    }

    /** true or false, nothing else. */
    public static Param<Boolean> bool() {
        return choice((v, key) -> {
            if (!v.equals("true") && !v.equals("false")) {
                throw new BadInputException("config key '" + key + "' = '" + v + "': expected true or false");
            }
            return v.equals("true");
        });
    }

    /** Comma-separated positive layer widths, at least two. */
    public static Param<int[]> widths() {
        return choice((v, key) -> {
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
        });
    }

    /** Comma-separated positive widths of hidden layers, none (empty) allowed. */
    public static Param<int[]> hiddenWidths() {
        return choice((v, key) -> {
            if (v.isBlank()) {
                return new int[0];
            }
            try {
                int[] sizes = Arrays.stream(v.split(",")).mapToInt(w -> Integer.parseInt(w.trim())).toArray();
                if (Arrays.stream(sizes).allMatch(w -> w > 0)) {
                    return sizes;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new BadInputException("config key '" + key + "' = '" + v + "': expected comma-separated positive widths (or nothing)");
        });
    }

    /** Any text (trimmed); empty allowed. */
    public static Param<String> text() {
        return choice((v, key) -> v);
    }

    /** Comma-separated items, blanks dropped. */
    public static Param<List<String>> list() {
        return choice((v, key) -> {
            List<String> out = new ArrayList<>();
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
            return out;
        });
    }

    /**
     * One of an enum's constants, each named in the configuration by {@code word} (case-insensitive):
     * the file keeps the word, readers get the constant, a refused text lists the words in order.
     */
    public static <E extends Enum<E>> Param<E> oneOf(E[] constants, Function<E, String> word) {
        String[] words = Arrays.stream(constants).map(word).toArray(String[]::new);
        Parser<String> text = oneOf(words).parser;
        return choice((v, key) -> constants[List.of(words).indexOf(text.parse(v, key))]);
    }

    /** One of the given words (case-insensitive), returned in lower case. */
    public static Param<String> oneOf(String... values) {
        return choice((v, key) -> {
            String word = v.toLowerCase(Locale.ROOT);
            if (!List.of(values).contains(word)) {
                String expected = values.length == 2 ? values[0] + " or " + values[1]
                        : String.join(", ", List.of(values).subList(0, values.length - 1)) + " or " + values[values.length - 1];
                throw new BadInputException("config key '" + key + "' = '" + v + "': expected " + expected);
            }
            return word;
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
