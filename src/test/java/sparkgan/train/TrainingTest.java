package sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkgan.data.MnistData;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;
import sparkgan.testing.TestData;

/** The training API as a library caller sees it: listeners, outcomes, a stop from inside. */
class TrainingTest {
    private static final GanConfig CONFIG = TestData.tinyConfig().with("train.steps", "6");

    private static LocalEngine engine(MnistData data) {
        return LocalEngine.load(GanSpec.from(CONFIG), data, 2, 2);
    }

    @Test
    void listenersHearEveryIterationInOrderAndTheStateReachesTrainSteps() {
        MnistData data = TestData.mnistOrEmbedded(600);
        List<String> heard = new ArrayList<>();
        try (LocalEngine engine = engine(data)) {
            Training training = Training.of(CONFIG, engine)
                    .listen((m, s) -> heard.add("a" + m.step()))
                    .listen((m, s) -> heard.add("b" + s.iteration()));
            TrainingState state = training.initialState();
            float[] g0 = state.generator().values().clone();
            assertEquals(Training.Outcome.FINISHED, training.fit(state));
            assertEquals(6, state.iteration());
            assertFalse(Arrays.equals(g0, state.generator().values()), "G was trained");
        }
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4", "a5", "b5", "a6", "b6"), heard);
    }

    @Test
    void anEngineBuiltForAnotherGanIsRefused() {
        MnistData data = TestData.mnistOrEmbedded(600);
        try (LocalEngine engine = engine(data)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Training.of(CONFIG.with("d.dropout", "0.5"), engine));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("another GAN"), e.getMessage());
        }
    }

    @Test
    void aStopRequestedDuringAnIterationEndsTheFitAfterIt() {
        MnistData data = TestData.mnistOrEmbedded(600);
        try (LocalEngine engine = engine(data)) {
            Training[] training = {null};
            training[0] = Training.of(CONFIG, engine).listen((m, s) -> {
                if (m.step() == 3) {
                    training[0].requestStop();
                }
            });
            TrainingState state = training[0].initialState();
            assertEquals(Training.Outcome.STOPPED, training[0].fit(state));
            assertEquals(3, state.iteration());
        }
    }
}
