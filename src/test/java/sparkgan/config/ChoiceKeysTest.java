package sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkgan.BadInputException;
import sparkgan.math.Precision;

/**
 * The keys whose value is one of a few words read as enums: any case, the text kept as given (model
 * files and checkpoints store it), and a refusal that lists the words in their order.
 */
class ChoiceKeysTest {
    @Test
    void aWordInAnyCaseReadsAsItsConstantAndTheTextStaysAsGiven() {
        GanConfig c = GanConfig.defaults().with("network", "DCGAN").with("train.chainD", "Trained-Copy")
                .with("train.transfer", "bfloat16").with("d.optimizer", "momentum").with("g.objective", "minimax");
        assertEquals(NetworkKind.DCGAN, c.get(GanParams.NETWORK));
        assertEquals(ChainD.TRAINED_COPY, c.get(GanParams.TRAIN_CHAIN_D));
        assertEquals(Precision.BFLOAT16, c.get(GanParams.TRAIN_TRANSFER));
        assertEquals(OptimizerKind.MOMENTUM, c.get(GanParams.D_OPTIMIZER));
        assertEquals(GeneratorObjective.MINIMAX, c.get(GanParams.G_OBJECTIVE));
        assertEquals("DCGAN", c.asMap().get("network"));
        assertEquals("Trained-Copy", c.asMap().get("train.chainD"));
    }

    @Test
    void aRefusalListsTheWordsInOrder() {
        Map<String, String> expected = Map.of(
                "network", "expected mlp, dcgan or conv",
                "g.objective", "expected nonsaturating or minimax",
                "train.update", "expected alternating or simultaneous",
                "train.chainD", "expected frozen or trained-copy",
                "train.transfer", "expected float32 or bfloat16",
                "d.optimizer", "expected sgd, momentum or adam",
                "g.optimizer", "expected sgd, momentum or adam",
                "train.lrSchedule", "expected constant or linear");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            GanConfig c = GanConfig.defaults().with(e.getKey(), "sometimes");
            BadInputException refused = assertThrows(BadInputException.class, () -> c.get(GanParams.byName(e.getKey())));
            assertEquals("config key '" + e.getKey() + "' = 'sometimes': " + e.getValue(), refused.getMessage());
        }
    }
}
