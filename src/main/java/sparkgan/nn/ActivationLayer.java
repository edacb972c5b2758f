package sparkgan.nn;

import java.util.random.RandomGenerator;
import sparkgan.math.Activation;

/** An element-wise non-linearity, applied in place; its backward pass reads the stored outputs. */
public record ActivationLayer(Activation function, int width) implements ElementWise {
    @Override
    public boolean inPlace() {
        return true;
    }

    @Override
    public void forward(ParamSlice params, LayerBuffers io, Batch batch, RandomGenerator training) {
        function.apply(io.out(), 0, batch.rows() * width);
    }

    @Override
    public void backward(ParamSlice params, LayerBuffers io, Batch batch, ParamSlice gradient, boolean wantInputGrad) {
        function.backward(io.out(), io.outGrad(), 0, batch.rows() * width);
    }

    @Override
    public String toString() {
        return function.configName();
    }
}
