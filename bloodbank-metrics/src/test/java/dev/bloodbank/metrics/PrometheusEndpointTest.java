package dev.bloodbank.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("one call serves the flow meters in the Prometheus text format over HTTP")
    void scrapeOverHttp() throws Exception {
        try (BloodbankMetrics metrics = BloodbankMetrics.prometheus(MetricsTopology.TOPOLOGY, "ingest", 0)) {
            metrics.listener().published("fireflies.transcript.uploaded");
            metrics.listener().confirmed("fireflies.transcript.uploaded", 2_000_000);
            metrics.listener().handled("archive", "fireflies.transcript.uploaded", 1_000_000);

            URI uri = metrics.scrapeUri();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
            String body = response.body();
            assertTrue(body.contains(
                    "bloodbank_messages_published_messages_total{key=\"fireflies.transcript.uploaded\",kind=\"event\",outcome=\"confirmed\",service=\"ingest\"} 1"),
                    body);
            assertTrue(body.contains(
                    "bloodbank_handler_duration_seconds_count{key=\"fireflies.transcript.uploaded\",kind=\"event\",service=\"archive\"} 1"), body);
            assertTrue(body.contains("bloodbank_publish_in_flight_messages{service=\"ingest\"}"), body);
        }
    }

    @Test
    @DisplayName("other methods than GET are refused")
    void postRefused() throws Exception {
        try (BloodbankMetrics metrics = BloodbankMetrics.prometheus(MetricsTopology.TOPOLOGY, "ingest", 0)) {
            URI uri = metrics.scrapeUri();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode());
        }
    }

    @Test
    @DisplayName("a port already taken is a clear error")
    void portTaken() throws Exception {
        try (BloodbankMetrics first = BloodbankMetrics.prometheus(MetricsTopology.TOPOLOGY, "a", 0)) {
            int port = first.scrapeUri().getPort();
            var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                    () -> BloodbankMetrics.prometheus(MetricsTopology.TOPOLOGY, "b", port));
            assertTrue(e.getMessage().contains("port " + port), e.getMessage());
        }
    }

    @Test
    @DisplayName("with histograms on, the scrape has buckets Prometheus can sum across instances")
    void histogramBuckets() throws Exception {
        try (BloodbankMetrics metrics = BloodbankMetrics.builder(MetricsTopology.TOPOLOGY, "ingest")
                .percentileHistogram(true).servePrometheus(0)) {
            metrics.listener().handled("agent", "agent.task.assign", 2_000_000);

            String body = http.send(HttpRequest.newBuilder(metrics.scrapeUri()).build(), HttpResponse.BodyHandlers.ofString()).body();

            assertTrue(body.contains("bloodbank_handler_duration_seconds_bucket{key=\"agent.task.assign\",kind=\"command\",service=\"agent\",le=\"+Inf\"} 1"),
                    body);
            // A Prometheus metric is a histogram or a summary, not both: the buckets replace the quantiles.
            assertFalse(body.contains("quantile="), body);
        }
    }
}
