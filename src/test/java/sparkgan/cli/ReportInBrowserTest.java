package sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.testing.CliRun;
import sparkgan.testing.ReportCheck;
import sparkgan.testing.TestData;

/**
 * report.html rendered by headless Chromium (Debian's package, installed by .ci/run): every image
 * decodes and the screenshot is not blank. In CI a missing Chromium is a failure, not a skip.
 */
class ReportInBrowserTest {
    @TempDir
    Path tmp;

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private List<String> chromium(Path profile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs Chromium with its output in files, so that the deadline holds even if it never closes them. */
    private static String run(List<String> cmd, Path log) throws Exception {
        Path out = Path.of(log + ".out");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(finished, "chromium did not finish in 120 s: " + Files.readString(log));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void reportRendersWithEveryImageLoaded() throws Exception {
        if (System.getenv("CI") != null) {
            assertTrue(Files.isExecutable(CHROMIUM), "CI must install chromium (.ci/run)");
        } else {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed");
        }
        Path run = tmp.resolve("run");
        CliRun r = CliRun.of("train", "--master", "local[2]", "--data", TestData.mnistDir().toString(), "--out", run.toString(),
                "--steps", "12", "--batch", "16", "--set", "g.layers=26,32,784", "--set", "d.layers=784,32,1",
                "--set", "data.limit=600", "--set", "out.sampleEvery=4");
        assertEquals(0, r.exitCode(), r.stderr());
        Path report = run.resolve("report.html");
        String html = Files.readString(report);
        assertTrue(html.contains("Samples over time") && !html.contains("src=\"samples/"), "report must be self-contained");
        ReportCheck.assertDescribes(run, TestData.mnistDir().toString());

        String dom = run(chromium(tmp.resolve("p1"), "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString()), tmp.resolve("c1.log"));
        Matcher m = Pattern.compile("data-images-loaded=\"(\\d+)/(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the page's load script did not run: " + dom.substring(0, Math.min(300, dom.length())));
        // 4 plots + samples at 4 and 8 + final; all decoded.
        assertEquals(m.group(2), m.group(1), "images that failed to load");
        assertTrue(Integer.parseInt(m.group(2)) >= 7, "images in the report: " + m.group(2));

        Path shot = tmp.resolve("shot.png");
        run(chromium(tmp.resolve("p2"), "--window-size=1200,1600", "--screenshot=" + shot, report.toUri().toString()), tmp.resolve("c2.log"));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertTrue(img != null && img.getWidth() > 100, "no screenshot");
        // Not blank: many distinct colours (text, plots, digits), not one background colour.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "screenshot looks blank: " + colours.size() + " colours");
    }
}
