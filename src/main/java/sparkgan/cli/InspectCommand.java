package sparkgan.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkgan.io.ModelFile;

/**
 * Prints what a model or checkpoint holds: its kind, iteration, lineage (the data it was trained on)
 * and a SHA-256 per tensor, so two runs can be compared weight for weight (the cluster tests use it).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a model's or checkpoint's iteration and the SHA-256 of each tensor.")
public final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A run directory or a .sgan file.")
    String model;

    @Override
    public Integer call() {
        String uri = GenerateCommand.resolveModel(model);
        ModelFile file = ModelFile.read(uri);
        System.out.println("file " + uri);
        System.out.println("kind " + file.kind());
        System.out.println("iteration " + file.iteration());
        file.lineage().forEach((k, v) -> {
            for (String line : v.split("\n")) {
                System.out.println("lineage " + k + " " + line);
            }
        });
        for (Map.Entry<String, float[]> t : file.tensors().entrySet()) {
            System.out.println("tensor " + t.getKey() + " " + t.getValue().length + " sha256 " + sha256(t.getValue()));
        }
        return 0;
    }

    /** SHA-256 of the values as little-endian float32 bytes (as stored). */
    public static String sha256(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
