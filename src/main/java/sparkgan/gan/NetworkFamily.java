package sparkgan.gan;

import java.util.function.Predicate;
import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.config.NetworkKind;
import sparkgan.data.ImageShape;
import sparkgan.nn.Network;

/**
 * A family of networks for G and D, chosen by the key {@code network}: its own rules between keys,
 * G and D built from the configuration, and what it needs of the data. Callers ask the family
 * instead of comparing the key's value. Adding a family: a class implementing this, a constant of
 * {@link NetworkKind}, its arm in {@link #of(NetworkKind)} (the compiler asks for it), its keys in
 * {@link GanParams}.
 */
public interface NetworkFamily {
    /** G and D as one family builds them. */
    record Networks(Network generator, Network discriminator) {
    }

    /** The family a configuration's {@code network} names. */
    static NetworkFamily of(GanConfig c) {
        return of(c.get(GanParams.NETWORK));
    }

    static NetworkFamily of(NetworkKind kind) {
        return switch (kind) {
            case MLP -> MlpFamily.INSTANCE;
            case DCGAN -> DcganFamily.INSTANCE;
            case CONV -> ConvFamily.INSTANCE;
        };
    }

    /**
     * Refuses, in one line naming the keys, what this family cannot build; the rules of D's heads
     * (shared by every family) follow from {@link #generatorInputs} and {@link #discriminatorHasHidden}.
     */
    void check(GanConfig c);

    /** G's input width: noise plus the one-hot label or code. */
    int generatorInputs(GanConfig c);

    /** Whether D has a hidden layer whose features its heads can read. */
    boolean discriminatorHasHidden(GanConfig c);

    /** G and D, refused before anything large is allocated when they cannot fit in the heap. */
    Networks build(GanConfig c);

    /** The values per image the networks fix when image.shape is not given, 0 when they fix none. */
    int fixedImagePixels(GanConfig c);

    /** Refuses data of a shape the configured networks cannot take; {@code data} names it in the message. */
    void requireImages(GanConfig c, ImageShape shape, String data);

    /**
     * The configuration fitted to a data set's shape (and to its labels, already in {@code fitted}):
     * keys the user set ({@code userSet}) are left as they are.
     *
     * @param original the configuration before fitting, as the user and the preset gave it
     */
    GanConfig fitToData(GanConfig original, GanConfig fitted, ImageShape shape, Predicate<String> userSet);
}
