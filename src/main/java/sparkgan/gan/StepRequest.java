package sparkgan.gan;

import java.io.Serializable;
import sparkgan.math.Precision;

/**
 * What one distributed step asks of every partition: the phase, the step's keys for the random
 * streams, and the slice plan. Everything a task needs besides the weights and its block; small, so
 * it rides in the task closure.
 *
 * @param iteration the alternating iteration, 1-based
 * @param subStep which of the D steps (or of the G steps) of the iteration this is
 * @param dataCursor how many minibatches of this phase were drawn before this one (drives the epoch
 *     order of the images and of the noise bank)
 * @param noiseBank the size of the fixed bank the noise is drawn from, or 0 for fresh noise
 * @param transfer the precision of the weights the partitions compute with and of their gradient sums
 */
public record StepRequest(Phase phase, long seed, long iteration, int subStep, long dataCursor, SlicePlan plan, int noiseBank,
                          Precision transfer) implements Serializable {

    public StepRequest(Phase phase, long seed, long iteration, int subStep, long dataCursor, SlicePlan plan) {
        this(phase, seed, iteration, subStep, dataCursor, plan, 0, Precision.FLOAT32);
    }

    /** Whether this step trains G (through a frozen D or through a copy of it). */
    public boolean trainsGenerator() {
        return phase == Phase.GENERATOR || phase == Phase.CHAIN;
    }

    /**
     * The stream phase code: D sub-steps 0..k-1 are 1..k, G sub-steps 0..m-1 are 0, -1, ..., so no two
     * steps of an iteration share a stream.
     */
    public int streamPhase() {
        return trainsGenerator() ? -subStep : 1 + subStep;
    }

    /** BOTH draws G's dropout from the stream the G step would use, so neither part shares a stream. */
    public int generatorStreamPhase() {
        return 0;
    }
}
