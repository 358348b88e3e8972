package io.mediausage.collector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HuaweiAkSkSigner against the worked vectors H1–H4 of /work/shared/api-docs/signing-vectors.md. */
class HuaweiAkSkSignerTest {

    private static final Credentials H1_CREDENTIALS =
            new Credentials("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
    private static final URI H1_ENDPOINT = URI.create("https://service.region.example.com");
    private static final String H1_PATH = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
    private static final List<Map.Entry<String, String>> H1_QUERY =
            List.of(Map.entry("limit", "2"), Map.entry("marker", "13551d6b-755d-4757-b956-536f674975c0"));
    private static final Instant H1_TIME = Instant.parse("2019-11-15T03:36:55Z");
    private static final Instant H3_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private final HuaweiAkSkSigner signer = new HuaweiAkSkSigner();

    @Test
    void should_match_published_vector_H1_when_content_type_is_given_to_sign() {
        HuaweiRequest request = new HuaweiRequest("GET", H1_ENDPOINT, H1_PATH, H1_QUERY,
                Map.of("Content-Type", "application/json"), "");

        Map<String, String> headers = signer.sign(request, H1_CREDENTIALS, H1_TIME);

        assertThat(HuaweiAkSkSigner.canonicalUri(H1_PATH)).isEqualTo("/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/");
        assertThat(headers).containsEntry("X-Sdk-Date", "20191115T033655Z")
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Authorization", "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                        + "SignedHeaders=content-type;host;x-sdk-date, "
                        + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    }

    @Test
    void should_match_sdk_vector_H2_without_content_type() {
        HuaweiRequest request = new HuaweiRequest("GET", H1_ENDPOINT, H1_PATH, H1_QUERY, Map.of(), "");

        Map<String, String> headers = signer.sign(request, H1_CREDENTIALS, H1_TIME);

        assertThat(headers.get("Authorization")).isEqualTo("SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                + "SignedHeaders=host;x-sdk-date, "
                + "Signature=faafba090046ef84c81ca330e77576d8746733ddfcf0317aaeb59cff50da39a7");
    }

    @Test
    void should_match_sdk_vector_H3_with_project_header_and_repeated_query_name() {
        List<Map.Entry<String, String>> query = List.of(
                Map.entry("start_time", "2024-01-01T00:00:00Z"),
                Map.entry("end_time", "2024-01-02T00:00:00Z"),
                Map.entry("play_domains", "b.example.com"),
                Map.entry("play_domains", "a.example.com"));
        HuaweiRequest request = new HuaweiRequest("GET", URI.create("https://live.cn-north-4.myhuaweicloud.com"),
                "/v2/0a1b2c3d4e5f/stats/traffic", query, Map.of("X-Project-Id", "0a1b2c3d4e5f"), "");

        Map<String, String> headers = signer.sign(request, H1_CREDENTIALS, H3_TIME);

        assertThat(HuaweiAkSkSigner.canonicalQueryString(query)).isEqualTo("end_time=2024-01-02T00%3A00%3A00Z"
                + "&play_domains=b.example.com&play_domains=a.example.com&start_time=2024-01-01T00%3A00%3A00Z");
        assertThat(headers).containsExactly(
                Map.entry("X-Project-Id", "0a1b2c3d4e5f"),
                Map.entry("X-Sdk-Date", "20240101T000000Z"),
                Map.entry("Authorization", "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                        + "SignedHeaders=host;x-project-id;x-sdk-date, "
                        + "Signature=79ba06f3a7cf274a39e32ab48d28d26fd785136453645a5b02e7f81dc5548b82"));
    }

    @Test
    void should_match_sdk_vector_H4_with_body_and_path_needing_encoding() {
        HuaweiRequest request = new HuaweiRequest("POST", URI.create("https://live.ap-southeast-1.myhuaweicloud.com"),
                "/v1/proj/test path", List.of(), Map.of("X-Project-Id", "proj"), "{\"a\":1}");

        Map<String, String> headers = signer.sign(request, H1_CREDENTIALS, H3_TIME);

        assertThat(HuaweiAkSkSigner.canonicalUri(request.path())).isEqualTo("/v1/proj/test%20path/");
        assertThat(HuaweiAkSkSigner.encodedPath(request.path())).isEqualTo("/v1/proj/test%20path");
        assertThat(headers.get("Authorization"))
                .endsWith("Signature=4945609c7b5cf99f5318e5f739ab1d18559b62d7828e64d58c73d575a097888f");
    }

    @Test
    void should_encode_query_as_rfc3986_unreserved_only() {
        List<Map.Entry<String, String>> query = List.of(
                Map.entry("q", "a b+c*d~e/f?g=h&i%j:k"), Map.entry("name", "直播"), Map.entry("empty", ""));

        assertThat(HuaweiAkSkSigner.canonicalQueryString(query))
                .isEqualTo("empty=&name=%E7%9B%B4%E6%92%AD&q=a%20b%2Bc%2Ad~e%2Ff%3Fg%3Dh%26i%25j%3Ak");
    }

    @Test
    void should_keep_slashes_and_encode_segments_of_the_path() {
        assertThat(HuaweiAkSkSigner.encodedPath("/v2/p/a b/ü~%/")).isEqualTo("/v2/p/a%20b/%C3%BC~%25/");
        assertThat(HuaweiAkSkSigner.canonicalUri("/v2/p/a b/ü~%/")).isEqualTo("/v2/p/a%20b/%C3%BC~%25/");
        assertThat(HuaweiAkSkSigner.canonicalUri("/")).isEqualTo("/");
    }

    @Test
    void should_sign_the_port_only_when_it_is_not_the_scheme_default() {
        assertThat(HuaweiAkSkSigner.hostHeader(URI.create("http://localhost:8080"))).isEqualTo("localhost:8080");
        assertThat(HuaweiAkSkSigner.hostHeader(URI.create("https://live.example.com:443"))).isEqualTo("live.example.com");
        assertThat(HuaweiAkSkSigner.hostHeader(URI.create("http://live.example.com:80"))).isEqualTo("live.example.com");
        assertThat(HuaweiAkSkSigner.hostHeader(URI.create("https://live.example.com:80"))).isEqualTo("live.example.com:80");
    }

    @Test
    void should_send_and_sign_the_security_token_of_temporary_credentials() {
        HuaweiRequest request = new HuaweiRequest("GET", URI.create("https://live.cn-north-4.myhuaweicloud.com"),
                "/v2/p1/stats/transcode", List.of(), Map.of("X-Project-Id", "p1"), "");
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        Map<String, String> headers = new HuaweiAkSkSigner().sign(request, new Credentials("AKTEMPORARY0000000000",
                "temporary-sk-value", "temporary-token-value"), now);
        Map<String, String> without = new HuaweiAkSkSigner().sign(request, new Credentials("AKTEMPORARY0000000000",
                "temporary-sk-value"), now);

        assertThat(headers).containsEntry("X-Security-Token", "temporary-token-value");
        assertThat(headers.get("Authorization")).contains("SignedHeaders=host;x-project-id;x-sdk-date;x-security-token")
                .isNotEqualTo(without.get("Authorization"));
        assertThat(without).doesNotContainKey("X-Security-Token");
    }

    @Test
    void should_reject_headers_it_computes_or_cannot_sign() {
        for (String name : List.of("Host", "x-sdk-date", "Authorization", "X_Custom")) {
            HuaweiRequest request = new HuaweiRequest("GET", H1_ENDPOINT, "/", List.of(), Map.of(name, "v"), "");
            assertThatThrownBy(() -> signer.sign(request, H1_CREDENTIALS, H1_TIME))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        }
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("X-Project-Id", "a");
        twice.put("x-project-id", "b");
        HuaweiRequest request = new HuaweiRequest("GET", H1_ENDPOINT, "/", List.of(), twice, "");
        assertThatThrownBy(() -> signer.sign(request, H1_CREDENTIALS, H1_TIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_an_endpoint_with_a_path_or_a_relative_path() {
        assertThatThrownBy(() -> new HuaweiRequest("GET", URI.create("https://h.example.com/v1"), "/", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HuaweiRequest("GET", H1_ENDPOINT, "v1/x", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
