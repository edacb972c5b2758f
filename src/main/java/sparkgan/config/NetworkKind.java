package sparkgan.config;

/** The value of key {@code network}: which family of networks G and D are (see gan.NetworkFamily). */
public enum NetworkKind {
    MLP("mlp"),
    DCGAN("dcgan"),
    CONV("conv");

    private final String word;

    NetworkKind(String word) {
        this.word = word;
    }

    /** The configuration's word for it (what files keep, whatever the constant is called). */
    public String word() {
        return word;
    }
}
