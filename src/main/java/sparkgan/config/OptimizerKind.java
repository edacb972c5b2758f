package sparkgan.config;

/** The value of keys {@code d.optimizer} and {@code g.optimizer}. */
public enum OptimizerKind {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAM("adam");

    private final String word;

    OptimizerKind(String word) {
        this.word = word;
    }

    /** The configuration's word for it (what files keep, whatever the constant is called). */
    public String word() {
        return word;
    }
}
