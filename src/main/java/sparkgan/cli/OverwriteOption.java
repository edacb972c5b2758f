package sparkgan.cli;

import picocli.CommandLine.Option;
import sparkgan.BadInputException;
import sparkgan.io.HadoopFiles;

/**
 * {@code --overwrite}, mixed into every command that writes a file the user names: without it an
 * existing file is never replaced, so a mistyped {@code --out} cannot destroy a data set or a model.
 */
public final class OverwriteOption {
    @Option(names = "--overwrite", description = "Replace the output file if it exists (default: refuse).")
    boolean overwrite;

    /** Throws before any work when {@code uri} exists and --overwrite was not given. */
    void check(String option, String uri) {
        if (!overwrite && HadoopFiles.exists(uri)) {
            throw new BadInputException(option + " " + uri + ": already exists; add --overwrite to replace it");
        }
    }
}
