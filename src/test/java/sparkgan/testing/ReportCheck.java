package sparkgan.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * report.html read back against the run directory it describes: the final metrics are metrics.csv's
 * last row, every plot in plots/ and every sample grid in samples/ is embedded byte for byte, every
 * configuration value of config.properties is listed, and the run's facts name its data.
 */
public final class ReportCheck {
    private static final Pattern IMG = Pattern.compile("<img class=\"(plot|sample)\"[^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    private ReportCheck() {
    }

    public static void assertDescribes(Path run, String dataMention) throws IOException {
        String html = Files.readString(run.resolve("report.html"));

        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        String[] last = metrics.get(metrics.size() - 1).split(",");
        String finalRow = String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td>",
                last[0], Double.parseDouble(last[1]), Double.parseDouble(last[2]));
        assertTrue(html.contains(finalRow), "final metrics of report.html are not metrics.csv's last row " + finalRow);

        Set<String> plots = new HashSet<>();
        Set<String> samples = new HashSet<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            (m.group(1).equals("plot") ? plots : samples).add(sha256(Base64.getDecoder().decode(m.group(2))));
        }
        assertEquals(pngs(run.resolve("plots")), plots, "report.html embeds exactly the plots in plots/");
        assertEquals(pngs(run.resolve("samples")), samples, "report.html embeds exactly the sample grids in samples/");

        Properties config = new Properties();
        try (var in = Files.newInputStream(run.resolve("config.properties"))) {
            config.load(in);
        }
        assertTrue(config.size() > 50, "config.properties: " + config.size() + " keys");
        for (String key : config.stringPropertyNames()) {
            String row = "<tr><th>" + escape(key) + "</th><td>" + escape(config.getProperty(key)) + "</td></tr>";
            assertTrue(html.contains(row), "the configuration table lacks " + row);
        }
        assertTrue(html.contains("<tr><th>data</th><td>") && html.contains(escape(dataMention)), "the run's facts name its data " + dataMention);
    }

    /** The SHA-256 of every PNG in a folder (none if it does not exist). */
    private static Set<String> pngs(Path dir) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".png")).forEach(files::add);
        }
        for (Path p : files) {
            out.add(sha256(Files.readAllBytes(p)));
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
