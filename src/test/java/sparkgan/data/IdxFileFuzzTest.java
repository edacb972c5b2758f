package sparkgan.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import sparkgan.BadInputException;

/**
 * Any bytes as an IDX images file (gzipped or not, detected from the content as in training): the
 * reader accepts them or answers with its one-line error, nothing else. {@code mvn test} replays the
 * seeds in src/test/resources/sparkgan/data/IdxFileFuzzTestInputs; {@code .ci/run} fuzzes for a minute.
 */
class IdxFileFuzzTest {
    /** A file held in memory, read the way a Hadoop file is. */
    static final class BytesSource implements StreamSource {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        BytesSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String name() {
            return "fuzz-input";
        }

        @Override
        public InputStream openRaw() {
            return new ByteArrayInputStream(bytes);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void imagesFile(byte[] input) {
        try {
            MnistData data = MnistData.open(new BytesSource(input), null, 0, "fuzz-input");
            ImageBlock block = data.readBlock(0, 1, false);
            if (block.rows() != data.count()) {
                throw new AssertionError("a validated file read back " + block.rows() + " of " + data.count() + " images");
            }
        } catch (BadInputException expected) {
            // the one-line error for bad input
        }
    }
}
