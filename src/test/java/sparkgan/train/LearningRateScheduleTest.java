package sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.gan.Optimizer;
import sparkgan.testing.TestData;

class LearningRateScheduleTest {
    private static LearningRateSchedule schedule(String... assignments) {
        return LearningRateSchedule.from(GanConfig.defaults().withAssignments(List.of(assignments)));
    }

    @Test
    void constantByDefault() {
        LearningRateSchedule s = schedule();
        assertEquals(1.0, s.factor(1));
        assertEquals(1.0, s.factor(1_000_000));
    }

    @Test
    void linearFromOneToTheFinalFactorThenHeld() {
        LearningRateSchedule s = schedule("train.lrSchedule=linear", "train.lrDecaySteps=1000", "train.lrFinal=0.2");
        assertEquals(1.0, s.factor(1), 1e-12);
        assertEquals(1.0 - 0.8 * 0.5, s.factor(501), 1e-7);
        assertEquals(0.2, s.factor(1001), 1e-7);
        assertEquals(0.2, s.factor(50_000), 1e-7);
        for (long it = 2; it <= 1001; it++) {
            assertTrue(s.factor(it) < s.factor(it - 1), "not decreasing at " + it);
        }
    }

    @Test
    void decaysOverTrainStepsWhenNoHorizonIsGiven() {
        LearningRateSchedule s = schedule("train.lrSchedule=linear", "train.steps=400");
        assertEquals(0.5, s.factor(201), 1e-12);
        assertEquals(0.0, s.factor(401), 1e-12);
    }

    @Test
    void scalesTheConfiguredRateNotTheCurrentOne() {
        Optimizer adam = Optimizer.adam(5e-4f, 0.5f, 0.999f, 0f, new boolean[3]);
        adam.scaleLearningRate(0.5);
        adam.scaleLearningRate(0.5);
        assertEquals(2.5e-4f, adam.learningRate(), 1e-10f);
    }

    @Test
    void rejectsUnknownSchedulesAndFactorsOutsideZeroToOne() {
        BadInputException e = assertThrows(BadInputException.class, () -> schedule("train.lrSchedule=cosine"));
        assertTrue(e.getMessage().contains("train.lrSchedule"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> schedule("train.lrSchedule=linear", "train.lrFinal=1.5"));
        assertTrue(e.getMessage().contains("train.lrFinal"), e.getMessage());
    }

    /** The trainer applies the factor: once it reaches 0 (after iteration 2 here) neither network moves. */
    @Test
    void theTrainerStopsMovingWhenTheRateReachesZero() {
        GanConfig config = TestData.tinyConfig().with("train.lrSchedule", "linear").with("train.lrDecaySteps", "2")
                .with("train.lrFinal", "0");
        GanSpec spec = GanSpec.from(config);
        TrainSettings settings = TrainSettings.from(config);
        TrainingState state = TrainingState.initial(spec, config, settings.seed());
        try (LocalEngine engine = LocalEngine.load(spec, TestData.mnistOrEmbedded(500), 2, 2)) {
            GanTrainer trainer = new GanTrainer(spec, settings, engine);
            float[] g0 = state.generator().values().clone();
            trainer.run(state, 2, null);
            float[] g2 = state.generator().values().clone();
            float[] d2 = state.discriminator().values().clone();
            assertFalse(Arrays.equals(g0, g2), "G did not move while the rate was above 0");
            trainer.run(state, 6, null);
            assertArrayEquals(g2, state.generator().values(), "G moved at rate 0");
            assertArrayEquals(d2, state.discriminator().values(), "D moved at rate 0");
        }
    }
}
