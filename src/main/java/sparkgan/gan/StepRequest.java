package sparkgan.gan;

import java.io.Serializable;

/**
 * What one distributed step asks of every partition: the phase, the step's keys for the random
 * streams, and the slice plan. Everything a task needs besides the weights and its block; small, so
 * it rides in the task closure.
 *
 * @param iteration the alternating iteration, 1-based
 * @param subStep which of the k D steps of the iteration (0 for the G step)
 * @param dataCursor how many D minibatches were drawn before this one (drives the epoch order)
 */
public record StepRequest(Phase phase, long seed, long iteration, int subStep, long dataCursor, SlicePlan plan)
        implements Serializable {

    /** The stream phase code: D sub-steps 0..k-1 and the G step never share a stream. */
    public int streamPhase() {
        return phase == Phase.GENERATOR ? 0 : 1 + subStep;
    }

    /** BOTH draws G's dropout from the stream the G step would use, so neither part shares a stream. */
    public int generatorStreamPhase() {
        return 0;
    }
}
