package sparkgan.train;

import java.util.Locale;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;

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
        String kind = c.get("train.lrSchedule").trim().toLowerCase(Locale.ROOT);
        if (kind.equals("constant")) {
            return CONSTANT;
        }
        if (!kind.equals("linear")) {
            throw new BadInputException("config key 'train.lrSchedule' = '" + kind + "': expected constant or linear");
        }
        int decay = c.getInt("train.lrDecaySteps", 0, Integer.MAX_VALUE);
        long steps = decay > 0 ? decay : c.getInt("train.steps", 1, Integer.MAX_VALUE);
        return new LearningRateSchedule(true, steps, c.getFloat("train.lrFinal", 0f, 1f, false, false));
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
