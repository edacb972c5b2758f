package sparkgan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import sparkgan.BadInputException;
import sparkgan.HeapBudget;
import sparkgan.train.TrainingDivergedException;

/**
 * The single entry point: {@code train}, {@code generate}, {@code evaluate}, {@code inspect},
 * {@code bench}. Bad input ends with one line on stderr that names the file, key or option and what
 * was expected, and exit code 2; a diverged training run with one line and exit code 3; an internal
 * failure or a full heap with one line and exit code 1. Stack traces go to the log only when
 * SPARKGAN_DEBUG is set.
 */
@Command(name = "spark-gan", mixinStandardHelpOptions = true, version = "spark-gan 0.1.0",
        description = "Distributed GAN training on Apache Spark.",
        subcommands = {TrainCommand.class, GenerateCommand.class, EvaluateCommand.class, InspectCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_FAILURE = 1;
    /** Training diverged (a non-finite loss, gradient or weight); the checkpoints before it are kept. */
    public static final int EXIT_DIVERGED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: expected train, generate, evaluate, inspect or bench");
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code == 0 && insideYarnApplicationMaster()) {
            // In YARN's cluster mode the driver runs in the application master, which counts any
            // System.exit from user code as an early exit: it reports failure and YARN retries the
            // attempt. A successful run returns instead; the application master then exits itself.
            return;
        }
        System.exit(code);
    }

    /** The application master sets Spark's configuration as system properties before it calls main. */
    private static boolean insideYarnApplicationMaster() {
        return "cluster".equals(System.getProperty("spark.submit.deployMode"))
            && System.getProperty("spark.master", "").startsWith("yarn");
    }

    /** Runs a command line and returns the exit code (tests call this instead of main). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Plots and PNGs are drawn off-screen, also on machines with a display.
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("error: " + ex.getMessage() + " (see --help)");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            BadInputException bad = findBadInput(ex);
            if (System.getenv("SPARKGAN_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            if (bad != null) {
                err.println("error: " + firstLine(bad.getMessage()));
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof TrainingDivergedException) {
                err.println("error: " + firstLine(ex.getMessage()));
                err.flush();
                return EXIT_DIVERGED;
            }
            err.println("error: " + ex.getClass().getSimpleName() + ": " + firstLine(rootMessage(ex)));
            err.flush();
            return EXIT_FAILURE;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Whatever ran out, the way out is a larger heap; the stack trace would not say more.
            err.println("error: out of memory (" + firstLine(e.getMessage()) + "); " + HeapBudget.KNOB);
            err.flush();
            return EXIT_FAILURE;
        }
    }

    /** Spark wraps task failures; the user's mistake may be several causes deep. */
    static BadInputException findBadInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInputException) {
                return (BadInputException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
