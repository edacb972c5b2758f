package sparkgan.train;

import sparkgan.config.GanConfig;
import sparkgan.config.GanParams;
import sparkgan.config.LrSchedule;

/**
 * The factor applied to both networks' configured learning rates at each iteration. A function of
 * the iteration alone, so a resumed run continues on the same curve and a run stays reproducible.
 * {@code linear}: from 1 at the first iteration down to {@code train.lrFinal} at
 * {@code train.lrDecaySteps} (0 = train.steps), then held; annealing the step size lets G's weights
 * settle instead of circling at the full rate (the moving average of G does the same for sampling only).
 */
public record LearningRateSchedule(boolean linear, long decaySteps, double finalFactor) {

    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(false, 1, 1.0);

    public static LearningRateSchedule from(GanConfig c) {
        if (c.get(GanParams.TRAIN_LR_SCHEDULE) == LrSchedule.CONSTANT) {
            return CONSTANT;
        }
        int decay = c.get(GanParams.TRAIN_LR_DECAY_STEPS);
        long steps = decay > 0 ? decay : c.get(GanParams.TRAIN_STEPS);
        return new LearningRateSchedule(true, steps, c.get(GanParams.TRAIN_LR_FINAL));
    }

    /** The factor at (1-based) iteration {@code it}. */
    public double factor(long it) {
        if (!linear) {
            return 1.0;
        }
        double progress = Math.min(1.0, (it - 1) / (double) decaySteps);
        return 1.0 - (1.0 - finalFactor) * progress;
    }
}
