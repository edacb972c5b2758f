package sparkgan.config;

/** The value of key {@code train.update}: D and G in turn, or both from the same weights in one pass. */
public enum UpdateScheme {
    ALTERNATING("alternating"),
    SIMULTANEOUS("simultaneous");

    private final String word;

    UpdateScheme(String word) {
        this.word = word;
    }

    /** The configuration's word for it (what files keep, whatever the constant is called). */
    public String word() {
        return word;
    }
}
