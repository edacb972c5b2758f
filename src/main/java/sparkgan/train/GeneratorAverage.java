package sparkgan.train;

import sparkgan.math.ParallelRanges;

/**
 * An exponential moving average of G's weights (Yazici et al. 2019, "The unusual effectiveness of
 * averaging in GAN training"): samples, the model file and evaluation use the average, training keeps
 * using G itself. G's weights wander around an equilibrium that the average sits closer to, so its
 * samples are cleaner at no cost to training.
 *
 * <p>The decay ramps up as min(decay, (1 + t) / (10 + t)) after t updates (t = completed iterations) (as TensorFlow's
 * ExponentialMovingAverage with num_updates), so the random initial weights are forgotten quickly.
 */
public final class GeneratorAverage {
    private final float decay;
    private final Weights average;

    GeneratorAverage(float decay, float[] initial) {
        if (!(decay > 0f && decay < 1f)) {
            throw new IllegalArgumentException("decay must be in (0,1): " + decay);
        }
        this.decay = decay;
        this.average = new Weights("G.ema", initial.clone());
    }

    public float decay() {
        return decay;
    }

    public Weights weights() {
        return average;
    }

    /**
     * average = d * average + (1 - d) * g, with the decay warmed up over the G updates done before
     * this one (one per iteration, so a resumed run needs no counter of its own).
     */
    public void update(float[] g, long updates) {
        float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
        float[] a = average.values();
        float keep = d;
        float take = 1f - d;
        ParallelRanges.forEach(a.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = keep * a[i] + take * g[i];
            }
        });
        average.changed();
    }
}
