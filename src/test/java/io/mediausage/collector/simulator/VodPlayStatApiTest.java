package io.mediausage.collector.simulator;

import static io.mediausage.collector.simulator.SimFixture.ID;
import static io.mediausage.collector.simulator.SimFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.simulator.UsageDataModel.VodFigure;
import io.mediausage.collector.simulator.UsageDataModel.VodFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VodPlayStatApiTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.unthrottled(Api.VOD_PLAY_STATS);

    static VodFile file;
    static VodFile subAppFile;

    @BeforeAll
    static void chooseFiles() {
        file = SIM.data().vodFiles(ID).stream().filter(f -> f.subAppId() == null).findFirst().orElseThrow();
        subAppFile = SIM.data().vodFiles(ID).stream().filter(f -> f.subAppId() != null).findFirst().orElseThrow();
    }

    static String body(String fileId, String start, String end, String extra) {
        return "{\"FileId\":\"" + fileId + "\",\"StartTime\":\"" + start + "\",\"EndTime\":\"" + end + "\"" + extra + "}";
    }

    SimClient.Tc vod(String body) {
        return SIM.client().tencent(Api.VOD_PLAY_STATS, ID, KEY).body(body);
    }

    /** Expected rows for hourly buckets [from, to): present hours only. */
    static List<String> expectedHours(String fileId, Instant from, Instant to) {
        List<String> out = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            Optional<VodFigure> f = SIM.data().vodHour(fileId, h);
            if (f.isPresent()) {
                out.add(h.atOffset(UsageDataModel.UTC8) + " " + f.get().playTimes() + " " + f.get().traffic());
            }
        }
        return out;
    }

    static List<String> rows(JsonNode r) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.get("PlayStatInfoSet")) {
            assertThat(e.get("FileId").asText()).isNotBlank();
            out.add(OffsetDateTime.parse(e.get("Time").asText()) + " " + e.get("PlayTimes").asLong() + " " + e.get("Traffic").asLong());
        }
        return out;
    }

    @Test
    void docExampleShapeHourlyEndExclusive() {
        JsonNode r = vod(body(file.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-01T02:00:00+08:00", "")).response();
        assertThat(r.get("Error")).isNull();
        assertThat(rows(r)).isEqualTo(expectedHours(file.fileId(),
                Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("2024-02-29T18:00:00Z")));
        for (JsonNode e : r.get("PlayStatInfoSet")) {
            assertThat(e.get("Time").asText()).isIn("2024-03-01T00:00:00+08:00", "2024-03-01T01:00:00+08:00");
            assertThat(e.get("FileId").asText()).isEqualTo(file.fileId());
        }
        // over a longer hourly window, hours are listed only when they have plays
        JsonNode week = vod(body(file.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-08T00:00:00+08:00", ",\"Interval\":\"Hour\"")).response();
        List<String> expected = expectedHours(file.fileId(), Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("2024-03-07T16:00:00Z"));
        assertThat(rows(week)).isEqualTo(expected);
        assertThat(expected.size()).isBetween(24 * 7 / 2, 24 * 7 - 1);
    }

    @Test
    void dailyBucketsAreTheSumOfTheirHoursEndExclusive() {
        JsonNode r = vod(body(file.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-04T00:00:00+08:00", "")).response();
        List<String> expected = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            long plays = 0, traffic = 0;
            boolean any = false;
            Instant h = LocalDate.of(2024, 3, d).atStartOfDay(UsageDataModel.UTC8).toInstant();
            for (int i = 0; i < 24; i++, h = h.plus(Duration.ofHours(1))) {
                Optional<VodFigure> f = SIM.data().vodHour(file.fileId(), h);
                if (f.isPresent()) {
                    any = true;
                    plays += f.get().playTimes();
                    traffic += f.get().traffic();
                }
            }
            if (any) expected.add(LocalDate.of(2024, 3, d).atStartOfDay().atOffset(UsageDataModel.UTC8) + " " + plays + " " + traffic);
        }
        assertThat(rows(r)).isEqualTo(expected).hasSize(3);
        // default interval: one day or longer → Day; shorter → Hour
        assertThat(rows(vod(body(file.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00", "")).response()))
                .hasSize(1).allMatch(s -> s.startsWith("2024-03-01T00:00+08:00"));
        assertThat(rows(vod(body(file.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-01T23:00:00+08:00", "")).response()))
                .isEqualTo(expectedHours(file.fileId(), Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("2024-03-01T15:00:00Z")));
    }

    @Test
    void subAppFilesNeedTheirSubAppId() {
        String b = body(subAppFile.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00", "");
        assertThat(vod(b).errorCode()).isEqualTo("InvalidParameterValue.FileId");
        String withApp = body(subAppFile.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00",
                ",\"SubAppId\":" + subAppFile.subAppId());
        assertThat(vod(withApp).errorCode()).isNull();
        assertThat(vod(body(file.fileId(), "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00",
                ",\"SubAppId\":" + subAppFile.subAppId())).errorCode()).isEqualTo("InvalidParameterValue.FileId");
    }

    @Test
    void documentedErrors() {
        String f = file.fileId();
        assertThat(vod(body("5285485487985271487", "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00", "")).errorCode())
                .isEqualTo("InvalidParameterValue.FileId");
        assertThat(vod("{\"StartTime\":\"2024-03-01T00:00:00+08:00\",\"EndTime\":\"2024-03-02T00:00:00+08:00\"}").errorCode())
                .isEqualTo("MissingParameter");
        assertThat(vod(body(f, "2024-03-01T00:00:00+08:00", "2024-03-08T00:00:00+08:00", ",\"Interval\":\"Hour\"")).errorCode())
                .as("7 days hourly").isNull();
        assertThat(vod(body(f, "2024-03-01T00:00:00+08:00", "2024-03-08T01:00:00+08:00", ",\"Interval\":\"Hour\"")).errorCode())
                .isEqualTo("InvalidParameterValue.EndTime");
        assertThat(vod(body(f, "2023-12-01T00:00:00+08:00", "2024-02-29T00:00:00+08:00", ",\"Interval\":\"Day\"")).errorCode())
                .as("90 days daily").isNull();
        assertThat(vod(body(f, "2023-12-01T00:00:00+08:00", "2024-03-01T00:00:00+08:00", ",\"Interval\":\"Day\"")).errorCode())
                .isEqualTo("InvalidParameterValue.EndTime");
        assertThat(vod(body(f, "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00", ",\"Interval\":\"Minute\"")).errorCode())
                .isEqualTo("InvalidParameterValue.Interval");
        assertThat(vod(body(f, "2024-03-02T00:00:00+08:00", "2024-03-01T00:00:00+08:00", "")).errorCode())
                .isEqualTo("InvalidParameterValue.EndTime");
        assertThat(vod(body(f, "yesterday", "2024-03-01T00:00:00+08:00", "")).errorCode()).isEqualTo("InvalidParameterValue.StartTime");
        assertThat(vod(body(f, "2023-03-01T00:00:00+08:00", "2023-03-02T00:00:00+08:00", "")).errorCode())
                .isEqualTo("InvalidParameterValue.StartTime");
        assertThat(vod(body(f, "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00", "")).service("mps").errorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void getWithQueryStringAsInTheDocExample() {
        String query = "FileId=" + file.fileId() + "&StartTime=2024-03-01T00%3A00%3A00%2B08%3A00&EndTime=2024-03-01T02%3A00%3A00%2B08%3A00";
        long ts = SimFixture.NOW.getEpochSecond();
        String ct = "application/x-www-form-urlencoded";
        RequestSigner.Signed s = RequestSigner.tc3(ID, KEY, "vod", ts, "GET", query,
                Map.of("content-type", ct, "host", SIM.simulator().baseUrl().getAuthority()), new byte[0]);
        HttpRequest req = HttpRequest.newBuilder(SIM.simulator().baseUrl().resolve("/?" + query)).GET()
                .header("Content-Type", ct).header("Authorization", s.authorization())
                .header("X-TC-Action", "DescribeMediaPlayStatDetails").header("X-TC-Version", "2018-07-17")
                .header("X-TC-Timestamp", Long.toString(ts)).build();
        HttpResponse<String> r = SimClient.send(req);
        JsonNode resp = SimClient.parse(r.body()).get("Response");
        assertThat(resp.get("Error")).as(r.body()).isNull();
        assertThat(rows(resp)).isEqualTo(expectedHours(file.fileId(),
                Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("2024-02-29T18:00:00Z")));
    }

    @Test
    void documentedRateOfTwentyPerSecond() {
        try (CloudApiSimulator plain = CloudApiSimulator.start(SimFixture.config().build())) {
            SimClient c = new SimClient(plain);
            String f = plain.data().vodFiles(ID).get(0).fileId();
            // sent together, so they arrive within one second however busy the machine is
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                sent.add(SimClient.sendAsync(c.tencent(Api.VOD_PLAY_STATS, ID, KEY)
                        .body(body(f, "2024-03-01T00:00:00+08:00", "2024-03-01T02:00:00+08:00", "")).build()));
            }
            List<String> bodies = sent.stream().map(CompletableFuture::join).map(HttpResponse::body).toList();
            assertThat(bodies).filteredOn(b -> !b.contains("\"Error\"")).hasSize(20);
            assertThat(bodies).filteredOn(b -> b.contains("RequestLimitExceeded")).hasSize(1);
        }
    }
}
