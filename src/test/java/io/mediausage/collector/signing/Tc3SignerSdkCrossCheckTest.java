package io.mediausage.collector.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tc3Signer against the official Tencent Java SDK (tencentcloud-sdk-java-common 3.1.1481) on random requests.
 *
 * <p>The SDK signs inside its client, so each request goes through a local HTTP proxy that records what the
 * SDK sent; our signer then signs the same request at the recorded timestamp. The SDK takes the scope's
 * service from the host's first label, so the hosts here all start with the service.
 */
class Tc3SignerSdkCrossCheckTest {

    private static final int REQUESTS = 1_000;
    private static final List<String> SERVICES = List.of("mps", "trtc", "vod", "mdp", "cvm");
    private static final List<String> REGIONS = List.of("ap-guangzhou", "ap-singapore", "na-siliconvalley",
            "eu-frankfurt", "ap-shanghai", "");
    private static final List<String> VERSIONS = List.of("2019-06-12", "2019-07-22", "2018-07-17", "2020-05-27");
    private static final List<String> ACTIONS = List.of("DescribeUsageData", "DescribeTrtcUsage",
            "DescribeStreamPackageSSAIUsage", "DescribeMediaPlayStatDetails");
    private static final byte[] RESPONSE = "{\"Response\":{\"RequestId\":\"x\"}}".getBytes(StandardCharsets.UTF_8);

    private static HttpServer proxy;
    private static final AtomicReference<Captured> lastRequest = new AtomicReference<>();

    private record Captured(Map<String, String> headers, byte[] body) {
    }

    @BeforeAll
    static void startRecordingProxy() throws IOException {
        // without TCP_NODELAY, Nagle and delayed ACKs stall every small loopback exchange
        System.setProperty("sun.net.httpserver.nodelay", "true");
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            lastRequest.set(new Captured(headers, exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, RESPONSE.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(RESPONSE);
            }
        });
        proxy.start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop(0);
    }

    @Test
    void should_produce_the_same_authorization_as_the_official_sdk_for_random_requests()
            throws TencentCloudSDKException {
        long seed = RandomText.seed();
        Random random = new Random(seed);
        // one client per version (fixed at construction); host, region and credential change per call
        Map<String, CommonClient> clients = new HashMap<>();

        for (int i = 0; i < REQUESTS; i++) {
            String service = RandomText.pick(random, SERVICES);
            String region = RandomText.pick(random, REGIONS);
            String host = service + RandomText.pick(random, List.of(".tencentcloudapi.com",
                    ".intl.tencentcloudapi.com", "." + (region.isEmpty() ? "ap-guangzhou" : region) + ".tencentcloudapi.com"));
            String version = RandomText.pick(random, VERSIONS);
            String action = random.nextBoolean() ? RandomText.pick(random, ACTIONS)
                    : "Describe" + RandomText.of(random, RandomText.ALPHANUMERIC, 1, 20);
            String payload = randomJson(random);
            Credentials credentials = new Credentials("AKID" + RandomText.of(random, RandomText.ALPHANUMERIC, 32, 32),
                    RandomText.of(random, RandomText.ALPHANUMERIC, 32, 32),
                    random.nextInt(3) == 0 ? RandomText.of(random, RandomText.ALPHANUMERIC + "-_", 20, 120) : null);

            CommonClient client = clients.computeIfAbsent(version, Tc3SignerSdkCrossCheckTest::clientThroughProxy);
            client.getClientProfile().getHttpProfile().setEndpoint(host);
            client.setRegion(region);
            client.setCredential(new Credential(credentials.accessKeyId(), credentials.secretKey(),
                    credentials.securityToken()));
            client.call(action, payload);
            Captured sent = lastRequest.get();

            Tc3Request request = new Tc3Request(host, action, version, region,
                    new String(sent.body(), StandardCharsets.UTF_8));
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(sent.headers().get("X-TC-Timestamp")));
            Map<String, String> ours = new Tc3Signer(service).sign(request, credentials, signedAt);

            String description = RandomText.replayHint(seed) + ", request " + i + ": " + request;
            assertThat(sent.body()).as(description).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
            assertThat(sent.headers()).as(description).containsAllEntriesOf(ours);
            if (region.isEmpty()) {
                assertThat(ours).as(description).doesNotContainKey("X-TC-Region");
            }
        }
    }

    private static CommonClient clientThroughProxy(String version) {
        HttpProfile http = new HttpProfile();
        http.setProtocol("http://");
        http.setProxyHost(proxy.getAddress().getHostString());
        http.setProxyPort(proxy.getAddress().getPort());
        return new CommonClient("mps", version, new Credential("placeholder", "placeholder"), "",
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    /** A JSON object with unicode text, escapes (also literal \\u escapes), numbers and nesting. */
    private static String randomJson(Random random) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                json.append(random.nextBoolean() ? "," : ", ");
            }
            json.append('"').append(RandomText.of(random, RandomText.ALPHANUMERIC, 1, 10)).append("\":");
            switch (random.nextInt(4)) {
                case 0 -> json.append(random.nextInt());
                case 1 -> json.append("[\"").append(jsonText(random)).append("\", ").append(random.nextDouble()).append(']');
                case 2 -> json.append("{\"Name\":\"").append(jsonText(random)).append("\"}");
                default -> json.append('"').append(jsonText(random)).append('"');
            }
        }
        return json.append('}').toString();
    }

    private static String jsonText(Random random) {
        String raw = RandomText.of(random, RandomText.ALPHANUMERIC + RandomText.TRICKY + "\n\t/", 0, 30);
        StringBuilder escaped = new StringBuilder();
        raw.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c > 0x7F && c <= 0xFFFF && random.nextInt(3) == 0) {
                        escaped.append(String.format("\\u%04x", c));
                    } else {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
