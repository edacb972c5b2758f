package sparkgan.gan.head;

import sparkgan.nn.ParamSlice;

/**
 * The projection discriminator (Miyato and Koyama 2018): adds {@code <V[y], h>} to each row's logit,
 * h being the row's features and y its label, V a learned class embedding [classes x width]. A
 * conditional D can then hardly ignore the label.
 */
public record ProjectionHead(int classes, int width) implements Head {
    @Override
    public int paramCount() {
        return classes * width;
    }

    @Override
    public String toString() {
        return "class projection (" + classes + " classes)";
    }

    @Override
    public Pass newPass() {
        return new Pass() {
            @Override
            public void forward(ParamSlice params, DiscriminatorRows rows, float[] logits) {
                float[] hidden = rows.features();
                for (int r = 0; r < rows.rows(); r++) {
                    int v = params.offset() + rows.labels()[r % rows.segment()] * width;
                    float s = 0f;
                    for (int k = 0; k < width; k++) {
                        s += params.array()[v + k] * hidden[r * width + k];
                    }
                    logits[r] += s;
                }
            }

            @Override
            public void backward(ParamSlice params, DiscriminatorRows rows, float[] logitGrad, ParamSlice gradient,
                                 float[] featureGrad) {
                float[] hidden = rows.features();
                for (int r = 0; r < rows.rows(); r++) {
                    int v = rows.labels()[r % rows.segment()] * width;
                    float gr = logitGrad[r];
                    for (int k = 0; k < width; k++) {
                        featureGrad[r * width + k] += gr * params.get(v + k);
                        if (gradient != null) {
                            gradient.add(v + k, gr * hidden[r * width + k]);
                        }
                    }
                }
            }
        };
    }
}
