package sparkgan.train;

/**
 * One network's parameters on the driver, with a version that changes on every update, so an engine
 * can tell whether what it shipped to the workers is still current.
 */
public final class Weights {
    private final String name;
    private final float[] values;
    private long version;

    public Weights(String name, float[] values) {
        this.name = name;
        this.values = values;
    }

    public String name() {
        return name;
    }

    public float[] values() {
        return values;
    }

    public long version() {
        return version;
    }

    /** Call after changing {@link #values()} in place. */
    public void changed() {
        version++;
    }
}
