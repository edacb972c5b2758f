package sparkgan.config;

/** The value of key {@code train.chainD}: which D the G steps train G through. */
public enum ChainD {
    FROZEN("frozen"),
    TRAINED_COPY("trained-copy");

    private final String word;

    ChainD(String word) {
        this.word = word;
    }

    /** The configuration's word for it (what files keep, whatever the constant is called). */
    public String word() {
        return word;
    }
}
