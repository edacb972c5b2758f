package sparkgan.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.MessageDigest;
import java.util.Arrays;
import sparkgan.BadInputException;
import sparkgan.config.GanConfig;
import sparkgan.gan.GanSpec;

/**
 * Any bytes as a model or checkpoint file, read as generate reads one (the file, then the network its
 * configuration describes): accepted or the one-line error. Inputs with an even first byte get a
 * correct SHA-256 appended, so that the fuzzer explores the header and tensors behind the checksum.
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void modelFile(byte[] input) throws Exception {
        byte[] bytes = input;
        if (input.length > 0 && (input[0] & 1) == 0) {
            bytes = Arrays.copyOf(input, input.length + 32);
            System.arraycopy(MessageDigest.getInstance("SHA-256").digest(input), 0, bytes, input.length, 32);
        }
        try {
            ModelFile f = ModelFile.fromBytes(bytes, "fuzz.sgan");
            GanSpec.from(GanConfig.fromMap(f.config(), "fuzz.sgan"));
        } catch (BadInputException expected) {
            // the one-line error for bad input
        }
    }
}
