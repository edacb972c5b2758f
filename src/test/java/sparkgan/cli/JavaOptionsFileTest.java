package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** conf/java-options (used by submit/local.sh and Surefire) holds every option Spark 4 asks for. */
class JavaOptionsFileTest {
    @Test
    void holdsEveryJavaModuleOption() throws Exception {
        Path file = Path.of(System.getProperty("project.basedir", "."), "conf", "java-options");
        List<String> lines = Files.readAllLines(file);
        for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
            assertTrue(lines.contains(option), "conf/java-options lacks " + option);
        }
    }
}
