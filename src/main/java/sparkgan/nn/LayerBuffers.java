package sparkgan.nn;

/**
 * What one layer reads and writes in a pass, each rows x width and row-major: its input and output
 * activations, what it keeps for the backward pass (or null), and the gradients of its input and
 * output. An in-place layer gets the same arrays for input and output, and for their gradients.
 */
public record LayerBuffers(float[] in, float[] out, float[] kept, float[] inGrad, float[] outGrad) {
}
