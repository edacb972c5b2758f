package sparkgan;

import java.util.Locale;

/**
 * Refuses, before allocating, what cannot fit in this JVM's heap, and names the knob that raises it:
 * a header or a configuration that asks for gigabytes becomes one line instead of an
 * OutOfMemoryError.
 */
public final class HeapBudget {
    /** How the heap is raised, for every message that reports a shortage. */
    public static final String KNOB = "raise the heap with SPARKGAN_JAVA_OPTS=-Xmx<size> (submit/local.sh) "
            + "or spark.driver.memory / spark.executor.memory (spark-submit)";

    private HeapBudget() {
    }

    /** Throws a {@link BadInputException} when {@code bytes} exceed the heap this JVM can still get. */
    public static void require(long bytes, String what) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available) {
            throw new BadInputException(String.format(Locale.ROOT, "%s need about %s of heap; this JVM can have %s more (of %s); %s",
                    what, size(bytes), size(available), size(rt.maxMemory()), KNOB));
        }
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }
}
