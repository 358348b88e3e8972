package io.mediausage.collector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tc3Signer against the worked vectors T1–T4 of /work/shared/api-docs/signing-vectors.md. */
class Tc3SignerTest {

    private static final String T1_SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private static final String T1_SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final Instant T1_TIME = Instant.ofEpochSecond(1551113065);
    /** The \\u escapes are literal ASCII in the signed bytes. */
    private static final String T1_PAYLOAD =
            "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    private static final String T1_HASHED_PAYLOAD = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void should_match_published_vector_T1() {
        Tc3Request request = new Tc3Request("cvm.tencentcloudapi.com", "DescribeInstances", "2017-03-12",
                "ap-guangzhou", T1_PAYLOAD);

        Map<String, String> headers = new Tc3Signer("cvm")
                .sign(request, new Credentials(T1_SECRET_ID, T1_SECRET_KEY), T1_TIME);

        assertThat(Digests.sha256Hex(T1_PAYLOAD)).isEqualTo(T1_HASHED_PAYLOAD);
        assertThat(Digests.sha256Hex(Tc3Signer.canonicalRequest("cvm.tencentcloudapi.com", T1_PAYLOAD)))
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(headers.get("Authorization")).isEqualTo("TC3-HMAC-SHA256 Credential="
                + "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void should_send_all_headers_in_documented_order() {
        Tc3Request request = new Tc3Request("cvm.tencentcloudapi.com", "DescribeInstances", "2017-03-12",
                "ap-guangzhou", T1_PAYLOAD);

        Map<String, String> headers = new Tc3Signer("cvm")
                .sign(request, new Credentials(T1_SECRET_ID, T1_SECRET_KEY, "token-1"), T1_TIME);

        assertThat(headers).containsExactly(
                Map.entry("Authorization", headers.get("Authorization")),
                Map.entry("Content-Type", "application/json; charset=utf-8"),
                Map.entry("Host", "cvm.tencentcloudapi.com"),
                Map.entry("X-TC-Action", "DescribeInstances"),
                Map.entry("X-TC-Version", "2017-03-12"),
                Map.entry("X-TC-Timestamp", "1551113065"),
                Map.entry("X-TC-Region", "ap-guangzhou"),
                Map.entry("X-TC-Token", "token-1"));
    }

    @Test
    void should_leave_out_region_and_token_headers_when_absent() {
        Tc3Request request = new Tc3Request("trtc.tencentcloudapi.com", "DescribeTrtcUsage", "2019-07-22", " ", "{}");

        Map<String, String> headers = new Tc3Signer("trtc").sign(request, new Credentials("id", "key"), T1_TIME);

        assertThat(headers).doesNotContainKeys("X-TC-Region", "X-TC-Token");
    }

    @Test
    void should_match_sdk_captured_vector_T3() {
        Tc3Request request = new Tc3Request("mps.intl.tencentcloudapi.com", "DescribeUsageData", "2019-06-12",
                "ap-guangzhou", "{\"StartTime\":\"2024-01-01T00:00:00Z\",\"EndTime\":\"2024-01-02T00:00:00Z\"}");

        Map<String, String> headers = new Tc3Signer("mps")
                .sign(request, new Credentials(T1_SECRET_ID, T1_SECRET_KEY), Instant.ofEpochSecond(1795353375));

        assertThat(Digests.sha256Hex(request.payload()))
                .isEqualTo("89a89a866d00552bc967ef1b2cad2a726bab7dc835c5fe290cce510f6d29c9a1");
        assertThat(Digests.sha256Hex(Tc3Signer.canonicalRequest(request.host(), request.payload())))
                .isEqualTo("734c3bb930ffaa470c9590b5f35fc62460a33c3da8126aed3d6a7dc0ee648810");
        assertThat(headers.get("Authorization"))
                .contains("/2026-11-22/mps/tc3_request, SignedHeaders=content-type;host, ")
                .endsWith("Signature=fdfe41678a2ce2aabfd0fa080f15222be6c7a8e83a3b17cd8f9bee461ae42936");
    }

    @Test
    void should_sign_with_the_given_service_not_the_host() {
        Tc3Request request = new Tc3Request("localhost:8089", "DescribeUsageData", "2019-06-12", null, "{}");

        Map<String, String> headers = new Tc3Signer("mps")
                .sign(request, new Credentials(T1_SECRET_ID, T1_SECRET_KEY), T1_TIME);

        assertThat(headers.get("Authorization")).contains("/2019-02-25/mps/tc3_request");
        assertThat(headers.get("Host")).isEqualTo("localhost:8089");
    }

    @Test
    void should_reproduce_published_derived_key_chain_T2() {
        // T2 masks the key but publishes SecretDate and the rest of the chain
        byte[] secretDate = HEX.parseHex("da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0");
        byte[] secretService = Digests.hmacSha256(secretDate, "cvm");
        byte[] secretSigning = Digests.hmacSha256(secretService, "tc3_request");
        String stringToSign = Tc3Signer.stringToSign(1551113065, Tc3Signer.credentialScope("2019-02-25", "cvm"),
                Digests.sha256Hex(t2CanonicalRequest()));

        assertThat(Digests.sha256Hex(t2CanonicalRequest()))
                .isEqualTo("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        assertThat(HEX.formatHex(secretService))
                .isEqualTo("8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f");
        assertThat(HEX.formatHex(secretSigning))
                .isEqualTo("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af");
        assertThat(Tc3Signer.signature(secretSigning, stringToSign))
                .isEqualTo("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }

    @Test
    void should_derive_signing_key_of_vector_T2b_from_the_secret_key() {
        byte[] secretSigning = Tc3Signer.signingKey(T1_SECRET_KEY, "2019-02-25", "cvm");
        String stringToSign = Tc3Signer.stringToSign(1551113065, "2019-02-25/cvm/tc3_request",
                Digests.sha256Hex(t2CanonicalRequest()));

        assertThat(HEX.formatHex(secretSigning))
                .isEqualTo("ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1");
        assertThat(Tc3Signer.signature(secretSigning, stringToSign))
                .isEqualTo("644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26");
    }

    @Test
    void should_reproduce_get_variant_T4_with_the_same_key_chain() {
        // our signer only POSTs; T4 (GET, form content type, T1 key and time) checks the shared chain
        String canonicalRequest = "GET\n/\nLimit=10&Offset=0\n"
                + "content-type:application/x-www-form-urlencoded\nhost:cvm.tencentcloudapi.com\n\n"
                + "content-type;host\n" + Digests.sha256Hex("");
        String hashedCanonicalRequest = Digests.sha256Hex(canonicalRequest);

        assertThat(hashedCanonicalRequest).isEqualTo("91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7");
        assertThat(Tc3Signer.signature(Tc3Signer.signingKey(T1_SECRET_KEY, "2019-02-25", "cvm"),
                Tc3Signer.stringToSign(1551113065, "2019-02-25/cvm/tc3_request", hashedCanonicalRequest)))
                .isEqualTo("9867b291561db17491c01f0d7f06be3ccd45e91ecd3ce5434330e00ece036f64");
    }

    @Test
    void should_date_the_scope_in_utc() {
        Tc3Request request = new Tc3Request("vod.tencentcloudapi.com", "DescribeMediaPlayStatDetails", "2018-07-17",
                null, "{}");
        // 2024-01-01T23:59:59Z is already 2024-01-02 in UTC+8
        Map<String, String> headers = new Tc3Signer("vod")
                .sign(request, new Credentials("id", "key"), Instant.parse("2024-01-01T23:59:59Z"));

        assertThat(headers.get("Authorization")).contains("Credential=id/2024-01-01/vod/tc3_request");
    }

    @Test
    void should_reject_a_blank_service() {
        assertThatThrownBy(() -> new Tc3Signer(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
    }

    private static String t2CanonicalRequest() {
        return "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n"
                + "x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n" + T1_HASHED_PAYLOAD;
    }
}
