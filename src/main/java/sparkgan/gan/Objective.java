package sparkgan.gan;

import java.io.Serializable;
import sparkgan.math.Loss;

/**
 * How the game is scored.
 *
 * @param loss the loss on D's logit (its sigmoid lives in the loss, which keeps it numerically stable)
 * @param minimax G minimises log(1 - D(G(z))) (the original minimax game) instead of -log D(G(z))
 * @param realLabel D's target for real images (below 1: one-sided label smoothing)
 */
public record Objective(Loss loss, boolean minimax, float realLabel) implements Serializable {
}
