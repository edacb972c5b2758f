package sparkgan.run;

import sparkgan.gan.GanSpec;
import sparkgan.gan.Sampler;
import sparkgan.io.HadoopFiles;
import sparkgan.report.SampleImages;
import sparkgan.train.IterationMetrics;
import sparkgan.train.TrainSettings;
import sparkgan.train.TrainingListener;
import sparkgan.train.TrainingState;

/**
 * Sample grids from a fixed noise batch (the run's seed), so that frames are comparable over time:
 * samples/step-N.png every out.sampleEvery iterations, samples/final.png at the end. A conditional
 * or InfoGAN generator gets fixed labels too, grouped by class or code value. Flat vectors (tabular
 * rows, image height 1) get no grid: a picture of them would mean nothing.
 */
final class SampleGrids implements TrainingListener {
    private final String dir;
    private final GanSpec spec;
    private final TrainSettings settings;

    SampleGrids(String outDir, GanSpec spec, TrainSettings settings) {
        this.dir = HadoopFiles.child(outDir, "samples");
        this.spec = spec;
        this.settings = settings;
    }

    String dir() {
        return dir;
    }

    @Override
    public void onIteration(IterationMetrics m, TrainingState state) {
        if (drawable() && settings.sampleEvery() > 0 && m.step() % settings.sampleEvery() == 0 && m.step() != settings.steps()) {
            write(state, HadoopFiles.child(dir, String.format("step-%07d.png", m.step())));
        }
    }

    /** Images have a height; flat vectors are shape 1 x 1 x N. */
    boolean drawable() {
        return spec.image().height() > 1;
    }

    /** samples/final.png; returns its location, or null for flat vectors. */
    String writeFinal(TrainingState state) {
        if (!drawable()) {
            return null;
        }
        String uri = HadoopFiles.child(dir, "final.png");
        write(state, uri);
        return uri;
    }

    private void write(TrainingState state, String uri) {
        int n = settings.sampleCount();
        if (spec.generatorOneHot() > 0) {
            int rows = spec.generatorOneHot();
            float[] images = Sampler.sample(spec, state.samplingGenerator(), n, settings.seed(), Sampler.grouped(n, rows));
            SampleImages.write(uri, images, n, spec.image(), Sampler.gridColumns(n, rows));
            return;
        }
        float[] images = Sampler.sample(spec, state.samplingGenerator(), n, settings.seed());
        SampleImages.write(uri, images, n, spec.image());
    }
}
