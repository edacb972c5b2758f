package sparkgan.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import sparkgan.cli.Main;

/** Runs the real command line in-process and captures what it prints to stderr. */
public record CliRun(int exitCode, String stderr) {
    public static CliRun of(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, err.toString());
    }

    /** The non-empty lines of stderr. */
    public String[] errorLines() {
        return stderr.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
    }
}
