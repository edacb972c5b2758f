package sparkgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkgan.io.ModelFile;
import sparkgan.testing.ChildJvm;
import sparkgan.testing.RealMnist;
import sparkgan.testing.TestData;

/**
 * The download of MNIST from its mirrors, against mirrors served from 127.0.0.1 in this JVM: a mirror
 * that fails (HTTP 500, 404) is passed over for the next; one that serves a file other than the
 * published one (a well-formed gzipped IDX file, but not MNIST's bytes) is refused by its SHA-256 in
 * one line naming the URL; one that answers gives the published files, byte for byte, and nothing
 * else is left in the folder. When no mirror answers, {@code train} says so in one notice and trains
 * on the embedded sample, leaving no partial file in data/mnist. The downloader only accepts the
 * published SHA-256 of MNIST's files, so "a mirror that answers" serves the real MNIST: those cases
 * are skipped (visibly) where it is absent, the fallback runs everywhere.
 */
@RealMnist
class MnistMirrorTest {
    private static final List<String> NAMES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private static HttpServer server;
    private static ExecutorService threads;
    private static String base;
    /** Every request's path, in the order they arrived. */
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static final Map<String, byte[]> real = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startMirrors() throws IOException {
        if (TestData.hasRealMnist()) {
            for (String name : NAMES) {
                real.put(name, Files.readAllBytes(TestData.realMnistDir().resolve(name)));
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fail/", x -> answer(x, 500, "mirror down".getBytes()));
        server.createContext("/missing/", x -> answer(x, 404, "no such file".getBytes()));
        server.createContext("/tampered/", x -> answer(x, 200, wellFormedButNotMnist(name(x))));
        server.createContext("/good/", x -> {
            byte[] body = real.get(name(x));
            answer(x, body == null ? 404 : 200, body == null ? new byte[0] : body);
        });
        threads = Executors.newFixedThreadPool(2);
        server.setExecutor(threads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopMirrors() {
        server.stop(0);
        threads.shutdownNow();
    }

    @BeforeEach
    void forget() {
        requests.clear();
    }

    private static String name(HttpExchange x) {
        String path = x.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void answer(HttpExchange x, int status, byte[] body) throws IOException {
        requests.add(x.getRequestURI().getPath());
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** A gzipped IDX file of the right kind for {@code name} (10 images of 28x28, or 10 labels) that MNIST's checksum refuses. */
    private static byte[] wellFormedButNotMnist(String name) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(buf))) {
            boolean images = name.contains("images");
            out.writeInt(images ? 0x803 : 0x801);
            out.writeInt(10);
            if (images) {
                out.writeInt(28);
                out.writeInt(28);
            }
            for (int i = 0; i < (images ? 10 * 784 : 10); i++) {
                out.write(images ? i * 7 : i);
            }
        }
        return buf.toByteArray();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What MnistDownloader logs while {@code body} runs (level and message). */
    private static List<String> logged(Runnable body) {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        AbstractAppender appender = new AbstractAppender("mirror-test", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        String logger = MnistDownloader.class.getName();
        LoggerConfig own = new LoggerConfig(logger, Level.INFO, true);
        own.addAppender(appender, Level.INFO, null);
        config.addLogger(logger, own);
        ctx.updateLoggers();
        try {
            body.run();
        } finally {
            config.removeLogger(logger);
            ctx.updateLoggers();
            appender.stop();
        }
        return lines;
    }

    @Test
    void failingAndTamperingMirrorsArePassedOverForOneThatAnswers() throws IOException {
        Assumptions.assumeTrue(TestData.hasRealMnist(), "needs the real MNIST (" + TestData.realMnistDir()
                + "): the downloader accepts only its published SHA-256");
        Path dir = tmp.resolve("data/mnist");
        // The last mirror without its trailing slash: the file name is joined with one.
        List<String> mirrors = List.of(base + "/fail/", base + "/missing/", base + "/tampered/", base + "/good");
        boolean[] done = {false};
        List<String> log = logged(() -> done[0] = new MnistDownloader(mirrors, Duration.ofSeconds(3)).download(dir));
        assertTrue(done[0], String.join("\n", log));
        assertEquals(NAMES.stream().sorted().toList(), filesIn(dir), "the four files and nothing else (no .part)");
        for (String name : NAMES) {
            assertArrayEquals(real.get(name), Files.readAllBytes(dir.resolve(name)), name);
            // Each file: every mirror in order, up to the one that answers.
            List<String> asked = requests.stream().filter(r -> r.endsWith("/" + name)).toList();
            assertEquals(List.of("/fail/" + name, "/missing/" + name, "/tampered/" + name, "/good/" + name), asked);
            List<String> about = log.stream().filter(l -> l.contains("/" + name)).toList();
            assertEquals(List.of("INFO " + base + "/fail/" + name + ": HTTP 500", "INFO " + base + "/missing/" + name + ": HTTP 404"),
                    about.subList(0, 2), String.join("\n", log));
            String refusal = about.get(2);
            assertTrue(refusal.startsWith("WARN " + base + "/tampered/" + name + ": SHA-256 ")
                    && refusal.endsWith(" does not match the published " + MnistDownloader.SHA256.get(name) + "; ignored"), refusal);
            assertEquals("INFO downloaded " + base + "/good/" + name, about.get(3));
            assertEquals(4, about.size(), String.join("\n", log));
        }
        assertEquals(16, requests.size());

        // Files already there are not fetched again; a missing one is.
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        requests.clear();
        assertTrue(new MnistDownloader(List.of(base + "/good/"), Duration.ofSeconds(3)).download(dir));
        assertEquals(List.of("/good/t10k-labels-idx1-ubyte.gz"), requests);
        assertArrayEquals(real.get("t10k-labels-idx1-ubyte.gz"), Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void aTamperedFileIsNeverKept() throws IOException {
        Path dir = tmp.resolve("data/mnist");
        assertFalse(new MnistDownloader(List.of(base + "/tampered/"), Duration.ofSeconds(3)).download(dir));
        assertEquals(List.of(), filesIn(dir), "neither the file nor its .part is left");
        assertEquals(1, requests.size(), "the first file no mirror gives ends the download: " + requests);
    }

    @Test
    void withNoMirrorAnsweringTrainSaysSoOnceAndTrainsOnTheEmbeddedSample() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path log = tmp.resolve("train.log");
        // C1 only: a run of one step is over before C2 would pay off (half the time of the default).
        Process p = ChildJvm.startIn(work, List.of(), log, List.of("-XX:TieredStopAtLevel=1"), null, "sparkgan.cli.Main", "train", "--engine", "local",
                "--out", "run", "--steps", "1", "--set", "data.mirrors=" + base + "/fail/," + base + "/tampered/",
                "--set", "g.layers=16,32,784", "--set", "d.layers=784,32,1", "--set", "info.codes=0", "--set", "train.batch=16",
                "--set", "out.sampleEvery=0", "--set", "data.limit=200");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "train did not end");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        List<String> notices = text.lines().filter(l -> l.startsWith("notice: ")).toList();
        assertEquals(List.of("notice: no MNIST at hand (no --data, no data/mnist/, download failed); "
                + "training on the embedded sample of 10,000 MNIST training images"), notices);
        // One file was asked of both mirrors, in order; the second's answer refused by name.
        assertEquals(2, requests.size(), requests.toString());
        String name = requests.get(0).substring("/fail/".length());
        assertEquals(List.of("/fail/" + name, "/tampered/" + name), requests);
        assertTrue(text.lines().anyMatch(l -> l.endsWith("MnistDownloader: " + base + "/fail/" + name + ": HTTP 500")), text);
        List<String> refusals = text.lines().filter(l -> l.contains(" WARN MnistDownloader: ")).toList();
        assertEquals(1, refusals.size(), text);
        assertTrue(refusals.get(0).contains("MnistDownloader: " + base + "/tampered/" + name + ": SHA-256 ")
                && refusals.get(0).endsWith(" does not match the published " + MnistDownloader.SHA256.get(name) + "; ignored"), refusals.get(0));
        assertEquals(List.of(), filesIn(work.resolve("data/mnist")), "no partial download is left where the next run would look");
        assertTrue(text.contains("training on embedded MNIST sample (200 images)"), text);
        assertEquals(1, ModelFile.read(work.resolve("run/model.sgan").toString()).iteration());
    }
}
