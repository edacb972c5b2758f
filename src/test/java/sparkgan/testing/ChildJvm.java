package sparkgan.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line in a JVM of its own (for SIGKILL and heap limits), with the test classpath. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code sparkgan.cli.Main args}, stdout and stderr into {@code log}. */
    public static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
        return startMain(log, jvmOptions, null, "sparkgan.cli.Main", args);
    }

    /** Starts {@code mainClass args} with {@code extraClasses} (or null) before the test classpath. */
    public static Process startMain(Path log, List<String> jvmOptions, Path extraClasses, String mainClass, String... args)
            throws IOException {
        return startIn(null, List.of(), log, jvmOptions, extraClasses, mainClass, args);
    }

    /**
     * As {@link #startMain}, in working directory {@code dir} (null: this JVM's), the java command put
     * behind {@code launcher} (e.g. {@code env --default-signal=INT}: a JVM started from a shell's
     * background job inherits SIGINT ignored, and then installs no handler for it).
     */
    public static Process startIn(Path dir, List<String> launcher, Path log, List<String> jvmOptions, Path extraClasses,
                                  String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(command(jvmOptions, extraClasses, mainClass, args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        return pb.start();
    }

    /**
     * What a JVM prints before or beside the program, by itself: {@code WARNING: ...} (incubator
     * modules, deprecated or restricted methods), {@code ... VM warning: ...}, {@code Picked up
     * JAVA_TOOL_OPTIONS ...}. Ours are lower case ({@code warning:}, {@code error:}), never these.
     */
    private static final java.util.regex.Pattern JVM_NOTICE = java.util.regex.Pattern.compile(
            "^(WARNING: |NOTE: Picked up |Picked up [A-Z_]+: |[A-Za-z0-9 ().-]* VM warning: ).*");

    /** The non-blank lines of a child's output that are not the JVM's own notices. */
    public static List<String> ownLines(String output) {
        return output.lines().filter(l -> !l.isBlank() && !JVM_NOTICE.matcher(l).matches()).toList();
    }

    /** The java command line that {@link #startIn} runs (the project's JVM options, the test classpath). */
    public static List<String> command(List<String> jvmOptions, Path extraClasses, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path conf = Path.of(System.getProperty("project.basedir", "."), "conf").toAbsolutePath();
        cmd.add("@" + conf.resolve("java-options"));
        cmd.add("-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties"));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        String classpath = System.getProperty("java.class.path");
        cmd.add(extraClasses == null ? classpath : extraClasses + java.io.File.pathSeparator + classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
