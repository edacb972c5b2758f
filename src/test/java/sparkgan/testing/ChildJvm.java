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
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path conf = Path.of(System.getProperty("project.basedir", "."), "conf");
        cmd.add("@" + conf.resolve("java-options"));
        cmd.add("-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties"));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("sparkgan.cli.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
