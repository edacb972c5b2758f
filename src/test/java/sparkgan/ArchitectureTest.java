package sparkgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package list of docs/ARCHITECTURE.md is the architecture: each package uses only the packages
 * listed below it (the classes of {@code sparkgan} itself, such as BadInputException, serve every one),
 * Spark stays in the packages that run it, and Hadoop's file systems in those and the data readers.
 * Read from the sources: every import and every qualified name in code lines.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("project.basedir", "."));
    private static final Path SOURCES = ROOT.resolve("src/main/java/sparkgan");
    /** A use of another package: an import, a static import or a qualified name (sparkgan.x.Y). */
    private static final Pattern USE = Pattern.compile("\\bsparkgan\\.([a-z]+)\\.[A-Za-z]");
    private static final Set<String> SPARK = Set.of("cli", "run", "ml", "spark");
    private static final Set<String> HADOOP = Set.of("cli", "run", "ml", "spark", "io", "data");

    /** The packages of the document's first code block, top to bottom: its lines' first words. */
    static List<String> documentedLayers() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
        Matcher block = Pattern.compile("```\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(block.find(), "a code block listing the packages in docs/ARCHITECTURE.md");
        List<String> layers = new ArrayList<>();
        for (String line : block.group(1).split("\n")) {
            Matcher m = Pattern.compile("^([a-z]+)\\s").matcher(line);
            if (m.find()) {
                layers.add(m.group(1));
            }
        }
        return layers;
    }

    /** Each main source file: its package under sparkgan (null for sparkgan itself) and its code lines. */
    private record Source(Path file, String layer, List<String> code) {
    }

    private static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(f);
                String layer = relative.getNameCount() == 1 ? null : relative.getName(0).toString();
                List<String> code = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    String t = line.strip();
                    if (!t.startsWith("*") && !t.startsWith("/*") && !t.startsWith("//") && !t.startsWith("package ")) {
                        code.add(t);
                    }
                }
                out.add(new Source(f, layer, code));
            }
        }
        return out;
    }

    @Test
    void everyPackageIsDocumentedOnceAndUsesOnlyThoseBelowIt() throws IOException {
        List<String> layers = documentedLayers();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertEquals(packages, new TreeSet<>(layers), "docs/ARCHITECTURE.md lists every package");
        assertEquals(layers.size(), new TreeSet<>(layers).size(), "each package once: " + layers);

        List<String> upward = new ArrayList<>();
        for (Source s : sources()) {
            int rank = s.layer() == null ? Integer.MAX_VALUE : layers.indexOf(s.layer());
            for (String line : s.code()) {
                Matcher m = USE.matcher(line);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(s.layer()) && layers.contains(used) && layers.indexOf(used) < rank) {
                        upward.add(SOURCES.relativize(s.file()) + " uses " + used + " (listed above " + s.layer() + "): " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), upward, "imports that point up the package list of docs/ARCHITECTURE.md");
    }

    @Test
    void sparkAndHadoopStayInThePackagesThatRunThem() throws IOException {
        List<String> misplaced = new ArrayList<>();
        for (Source s : sources()) {
            for (String line : s.code()) {
                if (line.contains("org.apache.spark.") && !SPARK.contains(s.layer())) {
                    misplaced.add(SOURCES.relativize(s.file()) + ": " + line);
                }
                if (line.contains("org.apache.hadoop.") && !HADOOP.contains(s.layer())) {
                    misplaced.add(SOURCES.relativize(s.file()) + ": " + line);
                }
            }
        }
        assertEquals(List.of(), misplaced, "Spark only in " + SPARK + ", Hadoop only in " + HADOOP);
    }
}
