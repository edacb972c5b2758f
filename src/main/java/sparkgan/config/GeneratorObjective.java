package sparkgan.config;

/** The value of key {@code g.objective}: what G minimises. */
public enum GeneratorObjective {
    NONSATURATING("nonsaturating"),
    MINIMAX("minimax");

    private final String word;

    GeneratorObjective(String word) {
        this.word = word;
    }

    /** The configuration's word for it (what files keep, whatever the constant is called). */
    public String word() {
        return word;
    }
}
