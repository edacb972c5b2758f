package sparkgan.nn;

/** A layer that maps each of its {@link #width()} inputs to one output of the same position. */
public interface ElementWise extends Layer {
    int width();

    @Override
    default int inputWidth() {
        return width();
    }

    @Override
    default int outputWidth() {
        return width();
    }
}
