package sparkgan.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the MNIST training files from public mirrors into a local folder: short connect timeouts
 * so that an offline machine gives up at once, SHA-256 checked against the published values, and
 * written to a temporary name then renamed, so a partial download is never mistaken for data.
 */
public final class MnistDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(MnistDownloader.class);

    /** SHA-256 of the gzipped files served by the usual mirrors. */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    private final List<String> mirrors;
    private final Duration connectTimeout;

    public MnistDownloader(List<String> mirrors, Duration connectTimeout) {
        this.mirrors = mirrors;
        this.connectTimeout = connectTimeout;
    }

    /** Downloads every file missing from {@code dir}; true if all four are there afterwards. */
    public boolean download(Path dir) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String name : SHA256.keySet()) {
            Path target = dir.resolve(name);
            if (Files.exists(target)) {
                continue;
            }
            if (!fetchFromAnyMirror(client, name, target)) {
                return false;
            }
        }
        return true;
    }

    private boolean fetchFromAnyMirror(HttpClient client, String name, Path target) {
        for (String mirror : mirrors) {
            String url = mirror.endsWith("/") ? mirror + name : mirror + "/" + name;
            Path part = null;
            try {
                Files.createDirectories(target.getParent());
                part = Files.createTempFile(target.getParent(), name, ".part");
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    LOG.info("{}: HTTP {}", url, response.statusCode());
                    continue;
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(response.body(), sha)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = HexFormat.of().formatHex(sha.digest());
                if (!actual.equals(SHA256.get(name))) {
                    LOG.warn("{}: SHA-256 {} does not match the published {}; ignored", url, actual, SHA256.get(name));
                    continue;
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("downloaded {}", url);
                return true;
            } catch (IOException e) {
                LOG.info("{}: {}", url, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } finally {
                if (part != null) {
                    try {
                        Files.deleteIfExists(part);
                    } catch (IOException ignored) {
                        // a leftover .part file is never read as data
                    }
                }
            }
        }
        return false;
    }
}
