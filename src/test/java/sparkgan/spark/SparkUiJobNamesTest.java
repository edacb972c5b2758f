package sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkgan.config.GanConfig;
import sparkgan.data.MnistData;
import sparkgan.gan.GanSpec;
import sparkgan.testing.TestData;
import sparkgan.train.TrainSettings;
import sparkgan.train.Training;
import sparkgan.train.TrainingState;

/**
 * The README's promise about the Spark UI: every job of a training run is named after its place in
 * training ({@code load … into N cached blocks}, {@code D step i/N}, {@code G step i/N}, a second D
 * step {@code (2)}), read back as the UI reads it, from Spark's REST API
 * ({@code /api/v1/applications/<app>/jobs}) of a short in-process run with the UI on.
 */
class SparkUiJobNamesTest {
    private static final int STEPS = 3;
    private static final int PARTITIONS = 2;

    private static List<JsonNode> jobs(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        List<JsonNode> jobs = new ArrayList<>(StreamSupport.stream(new ObjectMapper().readTree(response.body()).spliterator(), false).toList());
        jobs.sort(Comparator.comparingInt(j -> j.get("jobId").asInt()));
        return jobs;
    }

    @Test
    void everyJobOfARunIsNamedAfterItsPlaceInTraining() throws Exception {
        Map<String, String> ui = Map.of("spark.ui.enabled", "true", "spark.ui.port", "0", "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1");
        JavaSparkContext sc = SparkContexts.create("spark-gan ui test", "local[2]", ui);
        if (sc.sc().uiWebUrl().isEmpty()) {
            // One SparkContext a JVM: getOrCreate gave the shared test context (UI off). It gives way;
            // SparkTestContext makes a new one when next asked.
            sc.stop();
            sc = SparkContexts.create("spark-gan ui test", "local[2]", ui);
        }
        try {
            GanConfig config = TestData.tinyConfig().with("train.steps", Integer.toString(STEPS)).with("train.dSteps", "2")
                    .with("train.partitions", Integer.toString(PARTITIONS));
            MnistData data = TestData.mnistOrEmbedded(400);
            try (SparkEngine engine = Engines.spark(sc, GanSpec.from(config), data, TrainSettings.from(config))) {
                Training training = Training.of(config, engine);
                TrainingState state = training.initialState();
                training.fit(state);
                assertEquals(STEPS, state.iteration());
            }

            List<String> expected = new ArrayList<>();
            String load = "load " + data.description() + " into " + PARTITIONS + " cached blocks";
            for (int i = 1; i <= STEPS; i++) {
                expected.addAll(List.of("D step " + i + "/" + STEPS, "D step " + i + "/" + STEPS + " (2)", "G step " + i + "/" + STEPS));
            }
            String url = sc.sc().uiWebUrl().get() + "/api/v1/applications/" + sc.sc().applicationId() + "/jobs";
            HttpClient http = HttpClient.newHttpClient();
            // The UI learns of jobs through Spark's listener bus, a moment after they end.
            List<JsonNode> jobs = jobs(http, url);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (jobs.stream().filter(j -> j.get("status").asText().equals("SUCCEEDED")).count() < expected.size() + 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                jobs = jobs(http, url);
            }
            List<String> names = jobs.stream().map(j -> j.path("description").asText("(none: " + j.get("name").asText() + ")")).toList();
            List<String> loading = names.stream().filter(n -> !n.contains(" step ")).toList();
            assertTrue(!loading.isEmpty() && loading.stream().allMatch(load::equals), "the jobs before training: " + names);
            assertEquals(names.subList(0, loading.size()), loading, "loading comes first: " + names);
            assertEquals(expected, names.subList(loading.size(), names.size()), "the step jobs, in order");
            for (JsonNode job : jobs) {
                assertEquals("SUCCEEDED", job.get("status").asText(), job.toString());
                if (job.get("description").asText().contains(" step ")) {
                    assertEquals("spark-gan", job.path("jobGroup").asText(), job.toString());
                }
            }
        } finally {
            sc.stop();
        }
    }
}
