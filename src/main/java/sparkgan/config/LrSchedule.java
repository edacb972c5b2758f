package sparkgan.config;

/** The value of key {@code train.lrSchedule}. */
public enum LrSchedule {
    CONSTANT("constant"),
    LINEAR("linear");

    private final String word;

    LrSchedule(String word) {
        this.word = word;
    }

    /** The configuration's word for it (what files keep, whatever the constant is called). */
    public String word() {
        return word;
    }
}
