package sparkgan.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sparkgan.BadInputException;
import sparkgan.data.Background;
import sparkgan.math.Activation;
import sparkgan.math.Loss;
import sparkgan.math.Noise;
import sparkgan.math.Precision;

/**
 * Every configuration key of spark-gan, declared once with its type, default, range and documentation
 * (as Spark MLlib declares its Params). conf/gan.properties is rendered from this list
 * ({@link ConfigFile}) and a test keeps the committed file equal to it; {@link GanConfig} knows no
 * other keys; rules between keys live in {@link ConfigRules}. The order here is the file's order.
 */
public final class GanParams {
    private static final List<Param<?>> ALL = new ArrayList<>();

    /** The lines that open conf/gan.properties, before the first section. */
    static final List<String> FILE_HEADER = List.of(
            "spark-gan configuration: every key, its default and what it means.",
            "Layering (later wins): this file (also bundled in the jar) < conf/presets/NAME.properties (--preset)",
            "< --conf FILE < --set key=value < the dedicated options (--steps, --batch, --partitions, --seed).",
            "An unknown key is an error, so a typo never goes unnoticed.");

    private GanParams() {
    }

    private static <T> Param<T> reg(Param<T> param) {
        ALL.add(param);
        return param;
    }

    public static final Param<NetworkKind> NETWORK = reg(Param.oneOf(NetworkKind.values(), NetworkKind::word).named("network", "mlp")
            .section("---------------------------------------------------------------- networks")
            .doc("""
                    The networks' kind: mlp (fully connected, g.layers and d.layers below), conv (convolutions with
                    dense layers after them in D and before them in G, any image size: the conv.* keys) or dcgan
                    (convolutional, Radford et al. 2016, for images whose height and width divide by 4, from image.shape):
                    G z -> dense (2 dcgan.width) x H/4 x W/4 -> transposed conv dcgan.width x H/2 x W/2 -> transposed
                    conv to the image (tanh), batch norm and ReLU in G; D conv dcgan.width (stride 2) -> conv
                    2 dcgan.width (stride 2) with batch norm -> dense 1, LeakyReLU 0.2. Kernels 4, padding 1.
                    With cgan.classes > 0 the one-hot label joins z in G and is spread over as many more input
                    planes of D's first convolution.""")
            .before("mlp"));
    public static final Param<Integer> DCGAN_WIDTH = reg(Param.integer(1, 4096).named("dcgan.width", "64")
            .doc("""
                    With network = dcgan: the channels of D's first convolution and of G's last hidden layer.""")
            .before("64"));
    public static final Param<Integer> DCGAN_G_WIDTH = reg(Param.integer(0, 4096).named("dcgan.gWidth", "0")
            .doc("""
                    With network = dcgan: G's own width, the channels of its last hidden layer (twice as many in its
                    first); 0 = dcgan.width. A wider G than D adds to the generator's capacity alone.""")
            .before("0"));
    public static final Param<Integer> DCGAN_NOISE = reg(Param.integer(1, 100_000).named("dcgan.noise", "100")
            .doc("""
                    With network = dcgan: the noise values at G's input (a one-hot code or label joins them).""")
            .before("100"));
    public static final Param<Integer> CONV_WIDTH = reg(Param.integer(1, 1024).named("conv.width", "64")
            .doc("""
                    With network = conv: the channels of D's first convolution, doubled by each stride-2 stage after
                    it (the sides are halved while both exceed 7: 28 -> 7, 32 and 64 -> 4); G mirrors them, its last
                    transposed convolution reading conv.width channels. Kernels 4, padding 1, no batch norm; the
                    hidden layers use d.activation / g.activation and d.dropout / g.dropout, G ends in g.output.""")
            .before("64"));
    public static final Param<int[]> CONV_D_HIDDEN = reg(Param.hiddenWidths().named("conv.dHidden", "512,256")
            .doc("""
                    With network = conv: D's dense hidden widths after its convolutions (empty: none; D's heads read
                    the last hidden layer).""")
            .before("512,256"));
    public static final Param<int[]> CONV_G_HIDDEN = reg(Param.hiddenWidths().named("conv.gHidden", "1024")
            .doc("""
                    With network = conv: G's dense hidden widths before its upsampling (empty: none).""")
            .before("1024"));
    public static final Param<Integer> CONV_NOISE = reg(Param.integer(1, 100_000).named("conv.noise", "100")
            .doc("""
                    With network = conv: the noise values at G's input (a one-hot code or label joins them).""")
            .before("100"));
    public static final Param<int[]> G_LAYERS = reg(Param.widths().named("g.layers", "120,256,512,1024,784")
            .doc("""
                    Generator widths: input size (noise, plus the one-hot label or InfoGAN code) first, image size
                    (28*28 = 784) last. The default: 100 noise + 20 code inputs."""));
    public static final Param<Activation> G_ACTIVATION = reg(Param.choice(Activation::parse).named("g.activation", "leakyrelu")
            .doc("""
                    Hidden activation: linear, sigmoid, tanh, relu, leakyrelu (slope 0.2)."""));
    public static final Param<Activation> G_OUTPUT = reg(Param.choice(GanParams::generatorOutput).named("g.output", "tanh")
            .doc("""
                    Output activation: tanh (images scaled to [-1,1]) or sigmoid (images scaled to [0,1])."""));
    public static final Param<Float> G_DROPOUT = reg(Param.real(0f, 1f, false, true).named("g.dropout", "0")
            .doc("""
                    Dropout rate on the generator's hidden layers, in [0,1)."""));
    public static final Param<Float> G_EMA = reg(Param.real(0f, 1f, false, true).named("g.ema", "0.999")
            .doc("""
                    Decay of an exponential moving average of G's weights, in [0,1); 0 = off. When on, sample grids,
                    the model file (tensor G.ema), generate and evaluate use the average; training uses G itself.""")
            .before("0"));
    public static final Param<int[]> D_LAYERS = reg(Param.widths().named("d.layers", "784,1024,512,256,1")
            .doc("""
                    Discriminator widths: image size first, 1 last (the logit of "real")."""));
    public static final Param<Activation> D_ACTIVATION = reg(Param.choice(Activation::parse).named("d.activation", "leakyrelu"));
    public static final Param<Float> D_DROPOUT = reg(Param.real(0f, 1f, false, true).named("d.dropout", "0.1")
            .doc("""
                    Dropout rate on the discriminator's hidden layers, in [0,1) (the runs behind the default's 0.1:
                    docs/RESULTS.md)."""));
    public static final Param<Boolean> D_SPECTRAL_NORM = reg(Param.bool().named("d.spectralNorm", "false")
            .doc("""
                    Spectral normalisation of D's weight matrices (each divided by its largest singular value,
                    estimated by one power-iteration step per D update, on the driver).""")
            .before("false"));
    public static final Param<Integer> D_MINIBATCH_STD = reg(Param.choice(GanParams::minibatchGroup).named("d.minibatchStd", "4")
            .doc("""
                    Minibatch standard deviation (ProGAN): D's rows in groups of this many (inside each partition's
                    slice, real and fake apart); the mean over D's last hidden features of their standard deviation in
                    the group, times a learned weight, joins each row's logit, so a G that repeats itself is seen.
                    0 = off, else at least 2. 4 (ProGAN's group) in the default: it lowers the Fréchet distance at an
                    equal or higher MNIST score (docs/RESULTS.md).""")
            .before("0"));
    public static final Param<Float> D_INPUT_NOISE = reg(Param.real(0f, Float.POSITIVE_INFINITY, false, false).named("d.inputNoise", "0")
            .doc("""
                    Instance noise: in training, Gaussian noise of this standard deviation joins every pixel D sees (real
                    and fake; not a conditional D's label inputs), so that the two distributions overlap and D's gradient
                    stays informative while they are far apart (Sønderby et al. 2016). 0 = off.""")
            .before("0"));
    public static final Param<String> IMAGE_SHAPE = reg(Param.text().named("image.shape", "")
            .doc("""
                    The images' channels,height,width (e.g. 1,28,28), which sample grids and generated files take;
                    train records the data's. Empty: square single-channel images of G's output width.""")
            .before(""));
    public static final Param<Loss> LOSS = reg(Param.choice(Loss::parse).named("loss", "bce")
            .section("---------------------------------------------------------------- the game")
            .doc("""
                    Loss of D's sigmoid output: bce (binary cross-entropy from logits) or mse (squared error on the
                    sigmoid output, DeepLearnToolbox's loss for sigmoid units)."""));
    public static final Param<GeneratorObjective> G_OBJECTIVE = reg(Param.oneOf(GeneratorObjective.values(), GeneratorObjective::word).named("g.objective", "nonsaturating")
            .doc("""
                    Generator objective: nonsaturating (-log D(G(z)), target 1) or minimax (log(1 - D(G(z))))."""));
    public static final Param<Float> D_REAL_LABEL = reg(Param.real(0f, 1f, true, false).named("d.realLabel", "0.9")
            .doc("""
                    Target for real images in the D step; below 1 is one-sided label smoothing."""));
    public static final Param<Noise> NOISE = reg(Param.choice((text, key) -> Noise.parse(text)).named("noise", "gaussian")
            .doc("""
                    Noise: gaussian (N(0,1)), uniform (U(-1,1)) or gaussian-minmax (N(0,1) min-max scaled to [0,1]
                    per vector, as in the reference experiment)."""));
    public static final Param<Integer> CGAN_CLASSES = reg(Param.integer(0, 1000).named("cgan.classes", "0")
            .doc("""
                    Conditional GAN (Mirza and Osindero 2014): 0 = unconditional; N = a one-hot label of N classes joins
                    z at G's input and the image at D's input, so g.layers starts with noise + N and d.layers with
                    pixels + N. Needs a labels file. `generate --digit D` then makes that digit.""")
            .before("0"));
    public static final Param<Boolean> CGAN_PROJECTION = reg(Param.bool().named("cgan.projection", "false")
            .doc("""
                    A conditional D also adds <V[y], h(x)> to its logit (h: its last hidden layer, V: a learned class
                    embedding), the projection discriminator of Miyato and Koyama 2018; true or false.""")
            .before("false"));
    public static final Param<Integer> INFO_CODES = reg(Param.integer(0, 1000).named("info.codes", "20")
            .doc("""
                    InfoGAN (Chen et al. 2016), unconditional: a uniform one-hot code of this many values joins z at
                    G's input (so g.layers starts at noise + codes); a head Q on D's last hidden layer must recover it
                    from the fake, and D (through Q) and G minimise info.weight times that cross-entropy. 0 = off.""")
            .before("0"));
    public static final Param<Float> INFO_WEIGHT = reg(Param.real(0f, Float.POSITIVE_INFINITY, false, false).named("info.weight", "1")
            .before("1"));
    public static final Param<Integer> INFO_CONTINUOUS = reg(Param.integer(0, 1000).named("info.continuous", "0")
            .doc("""
                    With info.codes: the first info.continuous noise values are continuous codes as well (InfoGAN's
                    c2, c3): Q also predicts them, and D and G minimise info.continuousWeight times half the squared
                    error. They give smooth style (slant, width) its own inputs. 0 = off.""")
            .before("0"));
    public static final Param<Float> INFO_CONTINUOUS_WEIGHT = reg(Param.real(0f, Float.POSITIVE_INFINITY, false, false).named("info.continuousWeight", "0.5")
            .before("0.5"));
    public static final Param<Integer> TRAIN_D_STEPS = reg(Param.integer(1, 1000).named("train.dSteps", "1")
            .doc("""
                    D steps per iteration (k in Goodfellow et al. 2014), each of train.batch real + train.batch fake."""));
    public static final Param<Integer> TRAIN_G_STEPS = reg(Param.integer(1, 1000).named("train.gSteps", "1")
            .doc("""
                    G steps per iteration, each of train.gBatch noise vectors (0 = train.batch).""")
            .before("1"));
    public static final Param<Integer> TRAIN_G_BATCH = reg(Param.integer(0, 1 << 20).named("train.gBatch", "0")
            .before("0"));
    public static final Param<Integer> TRAIN_NOISE_BANK = reg(Param.integer(0, 1 << 24).named("train.noiseBank", "0")
            .doc("""
                    Draw every noise vector of training from a fixed bank of this many (as the reference experiment
                    does with its 1,000 vectors); each partition walks its share of the bank in a fresh random order
                    per epoch. 0 = fresh noise for every image.""")
            .before("0"));
    public static final Param<ChainD> TRAIN_CHAIN_D = reg(Param.oneOf(ChainD.values(), ChainD::word).named("train.chainD", "frozen")
            .doc("""
                    What the G steps train G through: frozen (D's weights, unchanged) or trained-copy (a copy of D is
                    trained along with G on the same loss during the iteration's G steps and then discarded, as in
                    DeepLearnToolbox's chain network).""")
            .before("frozen"));
    public static final Param<UpdateScheme> TRAIN_UPDATE = reg(Param.oneOf(UpdateScheme.values(), UpdateScheme::word).named("train.update", "alternating")
            .doc("""
                    alternating: k D steps, then a G step through the updated D (two syncs per iteration);
                    simultaneous: D's and G's gradients from the same weights in one pass (one sync; needs dSteps 1).""")
            .before("alternating"));
    public static final Param<Precision> TRAIN_TRANSFER = reg(Param.oneOf(Precision.values(), Precision::key).named("train.transfer", "float32")
            .doc("""
                    The precision of what each sync moves: float32, or bfloat16 (the weights the tasks compute with and
                    each partition's gradient sum rounded to bfloat16 and shipped in 2 bytes per value instead of 4; the
                    driver keeps float32 weights and optimizer state). Every engine rounds the same way, so runs stay
                    bit-identical across engines; bfloat16 changes the numbers against float32.""")
            .before("float32"));
    public static final Param<OptimizerKind> D_OPTIMIZER = reg(Param.oneOf(OptimizerKind.values(), OptimizerKind::word).named("d.optimizer", "adam")
            .section("---------------------------------------------------------------- optimisers")
            .doc("""
                    Type: sgd, momentum (SGD with momentum) or adam. lr > 0; weightDecay is L2 on weights, not biases."""));
    public static final Param<Float> D_LR = reg(Param.real(0f, Float.POSITIVE_INFINITY, true, false).named("d.lr", "0.0008"));
    public static final Param<Float> D_MOMENTUM = reg(Param.real(0f, 1f, false, true).named("d.momentum", "0.5"));
    public static final Param<Float> D_BETA1 = reg(Param.real(0f, 1f, false, true).named("d.beta1", "0.5"));
    public static final Param<Float> D_BETA2 = reg(Param.real(0f, 1f, false, true).named("d.beta2", "0.999"));
    public static final Param<Float> D_WEIGHT_DECAY = reg(Param.real(0f, Float.POSITIVE_INFINITY, false, false).named("d.weightDecay", "0"));
    public static final Param<OptimizerKind> G_OPTIMIZER = reg(Param.oneOf(OptimizerKind.values(), OptimizerKind::word).named("g.optimizer", "adam"));
    public static final Param<Float> G_LR = reg(Param.real(0f, Float.POSITIVE_INFINITY, true, false).named("g.lr", "0.0008"));
    public static final Param<Float> G_MOMENTUM = reg(Param.real(0f, 1f, false, true).named("g.momentum", "0.5"));
    public static final Param<Float> G_BETA1 = reg(Param.real(0f, 1f, false, true).named("g.beta1", "0.5"));
    public static final Param<Float> G_BETA2 = reg(Param.real(0f, 1f, false, true).named("g.beta2", "0.999"));
    public static final Param<Float> G_WEIGHT_DECAY = reg(Param.real(0f, Float.POSITIVE_INFINITY, false, false).named("g.weightDecay", "0"));
    public static final Param<Integer> TRAIN_STEPS = reg(Param.integer(1, Integer.MAX_VALUE).named("train.steps", "2000")
            .section("---------------------------------------------------------------- the run")
            .doc("""
                    Alternating iterations (each: train.dSteps D steps, then train.gSteps G steps)."""));
    public static final Param<Integer> TRAIN_MAX_SECONDS = reg(Param.integer(0, Integer.MAX_VALUE).named("train.maxSeconds", "0")
            .doc("""
                    Stop after this many seconds of training (counted across resumes) as if train.steps were reached:
                    final checkpoint, model and report. 0 = no limit.""")
            .before("0"));
    public static final Param<LrSchedule> TRAIN_LR_SCHEDULE = reg(Param.oneOf(LrSchedule.values(), LrSchedule::word).named("train.lrSchedule", "constant")
            .doc("""
                    Learning-rate schedule for both networks: constant, or linear from d.lr/g.lr at the first
                    iteration down to train.lrFinal times them at train.lrDecaySteps (0 = train.steps), then held.""")
            .before("constant"));
    public static final Param<Integer> TRAIN_LR_DECAY_STEPS = reg(Param.integer(0, Integer.MAX_VALUE).named("train.lrDecaySteps", "0")
            .before("0"));
    public static final Param<Float> TRAIN_LR_FINAL = reg(Param.real(0f, 1f, false, false).named("train.lrFinal", "0")
            .before("0"));
    public static final Param<Integer> TRAIN_BATCH = reg(Param.integer(1, 1 << 20).named("train.batch", "256")
            .doc("""
                    Global minibatch per step: this many real images and this many fakes, split over the partitions
                    in proportion to their sizes."""));
    public static final Param<Long> TRAIN_SEED = reg(Param.longInteger().named("train.seed", "42")
            .doc("""
                    Seed of every random stream (initialisation, minibatches, noise, dropout)."""));
    public static final Param<Integer> TRAIN_PARTITIONS = reg(Param.integer(0, 100_000).named("train.partitions", "0")
            .doc("""
                    Number of data partitions; 0 means Spark's default parallelism."""));
    public static final Param<Integer> TRAIN_AGGREGATION_DEPTH = reg(Param.integer(0, 10).named("train.aggregationDepth", "0")
            .doc("""
                    treeAggregate depth; 0 chooses from the partition count (2 up to 16 partitions, 3 above)."""));
    public static final Param<String> DATA_URI = reg(Param.text().named("data.uri", "")
            .doc("""
                    Where the training set is (as --data); empty: data/mnist/, else a download, else the embedded sample.""")
            .before(""));
    public static final Param<String> DATA_FORMAT = reg(Param.oneOf("auto", "idx", "parquet", "image", "libsvm", "csv")
            .named("data.format", "auto")
            .doc("""
                    How data.uri is read (as --format): idx (MNIST's files), or through Spark's data sources: parquet,
                    image (a folder of PNG, JPEG, GIF or BMP files), libsvm, csv (numeric columns: the label column
                    and the pixels). auto: parquet for a path ending in .parquet, csv for .csv, libsvm for .libsvm or
                    .svm, else idx.""")
            .before("idx"));
    public static final Param<String> DATA_FEATURES_COL = reg(Param.text().named("data.featuresCol", "")
            .doc("""
                    With a Spark data source: the images' column (as --features-col), a Vector, array<float>,
                    array<double> or image struct; empty: features (image for the image source; for csv every
                    column but data.labelCol).""")
            .before(""));
    public static final Param<String> DATA_LABEL_COL = reg(Param.text().named("data.labelCol", "label")
            .doc("""
                    With a Spark data source and cgan.classes > 0: the column of class labels 0..K-1 (as --label-col);
                    with data.labels, the CSV's column of classes.""")
            .before("label"));
    public static final Param<String> DATA_LABELS = reg(Param.text().named("data.labels", "")
            .doc("""
                    With --format image and cgan.classes > 0: a CSV file with a header line giving each image's class
                    (as --labels), any Hadoop URI: data.labelsFileCol names the file by its path under the folder,
                    data.labelCol holds its class, integers 0..K-1 or names (numbered in sorted order). Every image
                    needs a row; rows naming no file are counted and left out.""")
            .before(""));
    public static final Param<String> DATA_LABELS_FILE_COL = reg(Param.text().named("data.labelsFileCol", "file")
            .doc("""
                    With data.labels: the CSV's column naming each image file.""")
            .before("file"));
    public static final Param<String> DATA_PIXEL_SCALE = reg(Param.oneOf("0-1", "0-255").named("data.pixelScale", "0-255")
            .doc("""
                    With a Spark data source: the range of its pixel values, 0-255 or 0-1 (the image source is 0-255).""")
            .before("0-255"));
    public static final Param<Background> DATA_BACKGROUND = reg(Param.choice(Background::parse).named("data.background", "white")
            .doc("""
                    With --format image: the colour transparent pixels are seen against; every pixel becomes
                    alpha x its colour + (1 - alpha) x this, so a transparent pixel trains as the background and not as
                    the RGB its file stores under alpha 0. white, black or R,G,B (each 0-255). GanEstimator's
                    background Param does the same for the BGRA rows of Spark's image data source.""")
            // Before the key the alpha was dropped, which no background reproduces; opaque images (every
            // image then trained on: MNIST, the colour tests) read the same whatever this is.
            .before("white"));
    public static final Param<Boolean> DATA_SKIP_UNREADABLE = reg(Param.bool().named("data.skipUnreadable", "false")
            .doc("""
                    With --format image: skip the files javax.imageio cannot read (a text file, a truncated PNG) and
                    say how many of how many were skipped, naming up to 5; false stops the run naming the first.""")
            .before("false"));
    public static final Param<Integer> DATA_LIMIT = reg(Param.integer(0, Integer.MAX_VALUE).named("data.limit", "0")
            .doc("""
                    Use only the first N training images (0 = all)."""));
    public static final Param<List<String>> DATA_MIRRORS = reg(Param.list().named("data.mirrors", "https://ossci-datasets.s3.amazonaws.com/mnist/,https://storage.googleapis.com/cvdf-datasets/mnist/")
            .doc("""
                    Comma-separated MNIST mirrors tried in order when no data is given; empty disables the download."""));
    public static final Param<Integer> OUT_SAMPLE_EVERY = reg(Param.integer(0, Integer.MAX_VALUE).named("out.sampleEvery", "500")
            .section("---------------------------------------------------------------- output")
            .doc("""
                    Write a PNG grid of samples from a fixed noise batch every N iterations (0 = only at the end)."""));
    public static final Param<Integer> OUT_SAMPLE_COUNT = reg(Param.integer(1, 10_000).named("out.sampleCount", "100")
            .doc("""
                    How many samples each grid holds."""));
    public static final Param<Integer> OUT_LOG_EVERY = reg(Param.integer(1, Integer.MAX_VALUE).named("out.logEvery", "50")
            .doc("""
                    Print a progress line every N iterations (when the output is not a terminal; a terminal gets a bar)."""));
    public static final Param<Integer> OUT_CHECKPOINT_EVERY = reg(Param.integer(0, Integer.MAX_VALUE).named("out.checkpointEvery", "500")
            .doc("""
                    Write a checkpoint every N iterations (0 = only at the end), keeping the newest K.""")
            .before("500"));
    public static final Param<Integer> OUT_KEEP_CHECKPOINTS = reg(Param.integer(1, 1000).named("out.keepCheckpoints", "3")
            .before("3"));
    public static final Param<Integer> OUT_CHECKPOINT_SECONDS = reg(Param.integer(0, Integer.MAX_VALUE).named("out.checkpointSeconds", "60")
            .doc("""
                    Also write one every this many seconds of wall time, the first after min(10, this) seconds, so
                    that a killed run loses at most about this much work (0 = off).""")
            .before("0"));
    public static final Param<Integer> EVAL_EVERY = reg(Param.integer(0, Integer.MAX_VALUE).named("eval.every", "0")
            .section("--- Evaluation during training ---")
            .doc("""
                    Every this many iterations (and at the end), draw eval.samples images from G (its average when
                    g.ema > 0) and judge them with the project's MNIST classifier: MNIST score, Fréchet distance to the
                    test set, classes covered; logged to stdout and eval.csv and plotted in the report. 0 = off.
                    Needs full MNIST (train and t10k files); the classifier is trained on Spark once and cached.""")
            .before("0"));
    public static final Param<Integer> EVAL_SAMPLES = reg(Param.integer(100, 1_000_000).named("eval.samples", "5000")
            .before("5000"));
    public static final Param<String> EVAL_DATA = reg(Param.text().named("eval.data", "")
            .doc("""
                    The MNIST directory with train-* and t10k-* files; empty = the training data's directory (--data).""")
            .before(""));
    public static final Param<String> EVAL_CLASSIFIER_CACHE = reg(Param.text().named("eval.classifierCache", "data/classifier")
            .doc("""
                    Where the evaluation classifier is cached (keyed by the SHA-256 of its training files).""")
            .before("data/classifier"));

    /** The optimizer keys of D ("d.") and of G ("g."). */
    public static final OptimizerParams D_OPT = new OptimizerParams(D_OPTIMIZER, D_LR, D_MOMENTUM, D_BETA1, D_BETA2, D_WEIGHT_DECAY);
    public static final OptimizerParams G_OPT = new OptimizerParams(G_OPTIMIZER, G_LR, G_MOMENTUM, G_BETA1, G_BETA2, G_WEIGHT_DECAY);

    /** One network's optimizer keys. */
    public record OptimizerParams(Param<OptimizerKind> type, Param<Float> lr, Param<Float> momentum, Param<Float> beta1,
                                  Param<Float> beta2, Param<Float> weightDecay) {
    }

    /** Every key, in the order of conf/gan.properties. */
    public static List<Param<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The key of that name, or null. */
    public static Param<?> byName(String name) {
        for (Param<?> p : ALL) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static Activation generatorOutput(String text, String key) {
        Activation a = Activation.parse(text, key);
        if (a != Activation.TANH && a != Activation.SIGMOID) {
            throw new BadInputException("config key '" + key + "' = '" + text + "': expected tanh or sigmoid");
        }
        return a;
    }

    private static Integer minibatchGroup(String text, String key) {
        int group = Param.integer(0, 1_000_000).named(key, "0").parse(text);
        if (group == 1) {
            throw new BadInputException("config key '" + key + "' = 1: expected 0 (off) or a group size from 2");
        }
        return group;
    }
}
