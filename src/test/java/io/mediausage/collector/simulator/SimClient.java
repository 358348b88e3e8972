package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** TEST-ONLY HTTP client for the simulator tests: signs with {@link RequestSigner} and sends over real sockets. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final CloudApiSimulator sim;

    SimClient(CloudApiSimulator sim) {
        this.sim = sim;
    }

    /** A Tencent request; fields default to a valid call of the API. */
    final class Tc {
        String secretId;
        String secretKey;
        String action;
        String version;
        String service;
        String region;
        String body = "{}";
        long timestamp;
        String contentType = "application/json; charset=utf-8";
        String authorizationOverride;

        Tc(Api api, String secretId, String secretKey) {
            this.secretId = secretId;
            this.secretKey = secretKey;
            this.action = api.action();
            this.version = api.version();
            this.service = api.services().iterator().next();
            this.timestamp = sim.data().now().getEpochSecond();
        }

        Tc body(String b) { this.body = b; return this; }
        Tc region(String r) { this.region = r; return this; }
        Tc service(String s) { this.service = s; return this; }
        Tc version(String v) { this.version = v; return this; }
        Tc action(String a) { this.action = a; return this; }
        Tc timestamp(long t) { this.timestamp = t; return this; }
        Tc key(String k) { this.secretKey = k; return this; }
        Tc id(String i) { this.secretId = i; return this; }
        Tc authorization(String a) { this.authorizationOverride = a; return this; }

        HttpRequest build() {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String host = sim.baseUrl().getAuthority();
            RequestSigner.Signed s = RequestSigner.tc3(secretId, secretKey, service, timestamp, "POST", "",
                    Map.of("content-type", contentType, "host", host), bytes);
            HttpRequest.Builder b = HttpRequest.newBuilder(sim.baseUrl().resolve("/"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", contentType)
                    .header("X-TC-Timestamp", Long.toString(timestamp))
                    .header("Authorization", authorizationOverride != null ? authorizationOverride : s.authorization())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (action != null) b.header("X-TC-Action", action);
            if (version != null) b.header("X-TC-Version", version);
            if (region != null) b.header("X-TC-Region", region);
            return b.build();
        }

        HttpResponse<String> send() {
            return SimClient.send(build());
        }

        /** The "Response" object of the answer (asserting HTTP 200, as Tencent always answers). */
        JsonNode response() {
            HttpResponse<String> r = send();
            if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
            return parse(r.body()).get("Response");
        }

        /** The error code, or null if the answer was a success. */
        String errorCode() {
            JsonNode err = response().get("Error");
            return err == null ? null : err.get("Code").asText();
        }
    }

    Tc tencent(Api api, String secretId, String secretKey) {
        return new Tc(api, secretId, secretKey);
    }

    /** A Huawei ListTranscodeData request. */
    final class Hw {
        String ak;
        String sk;
        String projectId;
        String headerProjectId;
        String rawQuery;
        Instant sdkDate = sim.data().now();
        boolean signContentType;
        boolean signProjectId = true;
        boolean signHost = true;
        String method = "GET";

        Hw(String ak, String sk, String projectId, String rawQuery) {
            this.ak = ak;
            this.sk = sk;
            this.projectId = projectId;
            this.headerProjectId = projectId;
            this.rawQuery = rawQuery;
        }

        Hw sk(String s) { this.sk = s; return this; }
        Hw ak(String a) { this.ak = a; return this; }
        Hw sdkDate(Instant d) { this.sdkDate = d; return this; }
        Hw headerProjectId(String p) { this.headerProjectId = p; return this; }
        Hw signContentType() { this.signContentType = true; return this; }
        Hw dontSignHost() { this.signHost = false; return this; }

        HttpRequest build() {
            String path = "/v2/" + projectId + "/stats/transcode";
            String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(sdkDate);
            Map<String, String> signed = new LinkedHashMap<>();
            if (signHost) signed.put("host", sim.baseUrl().getAuthority());
            signed.put("x-sdk-date", date);
            if (headerProjectId != null && signProjectId) signed.put("x-project-id", headerProjectId);
            if (signContentType) signed.put("content-type", "application/json");
            RequestSigner.Signed s = RequestSigner.huawei(ak, sk, method, path, rawQuery, signed, new byte[0]);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path
                            + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                    .timeout(Duration.ofSeconds(20))
                    .header("X-Sdk-Date", date)
                    .header("Authorization", s.authorization())
                    .GET();
            if (headerProjectId != null) b.header("X-Project-Id", headerProjectId);
            if (signContentType) b.header("Content-Type", "application/json");
            return b.build();
        }

        HttpResponse<String> send() {
            return SimClient.send(build());
        }
    }

    Hw huawei(String ak, String sk, String projectId, String rawQuery) {
        return new Hw(ak, sk, projectId, rawQuery);
    }

    static HttpResponse<String> send(HttpRequest req) {
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest req) {
        return HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
