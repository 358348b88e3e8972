package io.mediausage.collector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks both the test-only client signer ({@link RequestSigner}) and the simulator's verifier primitives
 * ({@link SigningSupport}) against /work/shared/api-docs/signing-vectors.md.
 */
class SigningVectorsTest {

    static final String T_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    static final String T1_BODY = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
    static final String H_AK = "QTWAOYTTINDUT2QVKYUC";
    static final String H_SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";

    @Test
    void t1TencentDocExampleOldVariant() {
        byte[] body = T1_BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSigner.sha256(body)).isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        RequestSigner.Signed s = RequestSigner.tc3("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", T_KEY, "cvm", 1551113065L,
                "POST", "", Map.of("content-type", "application/json; charset=utf-8", "host", "cvm.tencentcloudapi.com"), body);
        assertThat(s.canonicalRequest()).isEqualTo("POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
                + "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(s.hashedCanonicalRequest()).isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(s.authorization()).isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                + "SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");

        String cr = SigningSupport.tc3CanonicalRequest("POST", "/", "",
                List.of(new String[]{"content-type", "application/json; charset=utf-8"}, new String[]{"host", "cvm.tencentcloudapi.com"}),
                "content-type;host", SigningSupport.sha256Hex(body));
        assertThat(cr).isEqualTo(s.canonicalRequest());
        String sts = SigningSupport.tc3StringToSign(1551113065L, "2019-02-25", "cvm", cr);
        assertThat(SigningSupport.tc3Signature(T_KEY, "2019-02-25", "cvm", sts))
                .isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void t2bTencentNewVariantLowerCasesHeaderValues() {
        byte[] body = T1_BODY.getBytes(StandardCharsets.UTF_8);
        RequestSigner.Signed s = RequestSigner.tc3("AKID", T_KEY, "cvm", 1551113065L, "POST", "",
                Map.of("content-type", "application/json; charset=utf-8", "host", "cvm.tencentcloudapi.com",
                        "x-tc-action", "DescribeInstances"), body);
        assertThat(s.hashedCanonicalRequest()).isEqualTo("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        assertThat(s.signature()).isEqualTo("644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26");
        String cr = SigningSupport.tc3CanonicalRequest("POST", "/", "",
                List.of(new String[]{"content-type", "application/json; charset=utf-8"},
                        new String[]{"host", "cvm.tencentcloudapi.com"}, new String[]{"x-tc-action", "DescribeInstances"}),
                "content-type;host;x-tc-action", SigningSupport.sha256Hex(body));
        assertThat(SigningSupport.tc3Signature(T_KEY, "2019-02-25", "cvm",
                SigningSupport.tc3StringToSign(1551113065L, "2019-02-25", "cvm", cr)))
                .isEqualTo("644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26");
    }

    @Test
    void t3TencentCapturedFromOfficialJavaSdk() {
        byte[] body = "{\"StartTime\":\"2024-01-01T00:00:00Z\",\"EndTime\":\"2024-01-02T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestSigner.sha256(body)).isEqualTo("89a89a866d00552bc967ef1b2cad2a726bab7dc835c5fe290cce510f6d29c9a1");
        RequestSigner.Signed s = RequestSigner.tc3("AKID", T_KEY, "mps", 1795353375L, "POST", "",
                Map.of("content-type", "application/json; charset=utf-8", "host", "mps.intl.tencentcloudapi.com"), body);
        assertThat(s.hashedCanonicalRequest()).isEqualTo("734c3bb930ffaa470c9590b5f35fc62460a33c3da8126aed3d6a7dc0ee648810");
        assertThat(s.authorization()).contains("/2026-11-22/mps/tc3_request");
        assertThat(s.signature()).isEqualTo("fdfe41678a2ce2aabfd0fa080f15222be6c7a8e83a3b17cd8f9bee461ae42936");
        String cr = SigningSupport.tc3CanonicalRequest("POST", "/", "",
                List.of(new String[]{"content-type", "application/json; charset=utf-8"}, new String[]{"host", "mps.intl.tencentcloudapi.com"}),
                "content-type;host", SigningSupport.sha256Hex(body));
        assertThat(SigningSupport.tc3Signature(T_KEY, "2026-11-22", "mps",
                SigningSupport.tc3StringToSign(1795353375L, "2026-11-22", "mps", cr)))
                .isEqualTo("fdfe41678a2ce2aabfd0fa080f15222be6c7a8e83a3b17cd8f9bee461ae42936");
    }

    @Test
    void t4TencentGetVariant() {
        RequestSigner.Signed s = RequestSigner.tc3("AKID", T_KEY, "cvm", 1551113065L, "GET", "Limit=10&Offset=0",
                Map.of("content-type", "application/x-www-form-urlencoded", "host", "cvm.tencentcloudapi.com"), new byte[0]);
        assertThat(s.hashedCanonicalRequest()).isEqualTo("91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7");
        assertThat(s.signature()).isEqualTo("9867b291561db17491c01f0d7f06be3ccd45e91ecd3ce5434330e00ece036f64");
    }

    private static String serverHuaweiSignature(String method, String rawPath, String rawQuery, List<String[]> headers,
                                                String signedHeaders, byte[] body, String date, boolean sortValues) {
        String cr = SigningSupport.huaweiCanonicalRequest(method, SigningSupport.huaweiCanonicalUri(rawPath),
                SigningSupport.huaweiCanonicalQuery(rawQuery, sortValues), headers, signedHeaders, SigningSupport.sha256Hex(body));
        return SigningSupport.huaweiSignature(H_SK, SigningSupport.huaweiStringToSign(date, cr));
    }

    @Test
    void h1HuaweiGuideExampleSignsContentType() {
        String path = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
        String query = "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
        Map<String, String> hs = new LinkedHashMap<>();
        hs.put("content-type", "application/json");
        hs.put("host", "service.region.example.com");
        hs.put("x-sdk-date", "20191115T033655Z");
        RequestSigner.Signed s = RequestSigner.huawei(H_AK, H_SK, "GET", path, query, hs, new byte[0]);
        assertThat(s.hashedCanonicalRequest()).isEqualTo("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
        assertThat(s.authorization()).isEqualTo("SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, "
                + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
        assertThat(serverHuaweiSignature("GET", path, query, List.of(new String[]{"content-type", "application/json"},
                        new String[]{"host", "service.region.example.com"}, new String[]{"x-sdk-date", "20191115T033655Z"}),
                "content-type;host;x-sdk-date", new byte[0], "20191115T033655Z", false))
                .isEqualTo("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    }

    @Test
    void h2HuaweiCurrentSdkDoesNotSignContentType() {
        String path = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
        String query = "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
        RequestSigner.Signed s = RequestSigner.huawei(H_AK, H_SK, "GET", path, query,
                Map.of("host", "service.region.example.com", "x-sdk-date", "20191115T033655Z"), new byte[0]);
        assertThat(s.hashedCanonicalRequest()).isEqualTo("0e84e7853cf87931d965c80e83bffb15aa865326db3a6f57aa2560a7601dfe18");
        assertThat(s.signature()).isEqualTo("faafba090046ef84c81ca330e77576d8746733ddfcf0317aaeb59cff50da39a7");
        assertThat(serverHuaweiSignature("GET", path, query, List.of(new String[]{"host", "service.region.example.com"},
                        new String[]{"x-sdk-date", "20191115T033655Z"}), "host;x-sdk-date", new byte[0], "20191115T033655Z", false))
                .isEqualTo("faafba090046ef84c81ca330e77576d8746733ddfcf0317aaeb59cff50da39a7");
    }

    @Test
    void h3HuaweiProjectIdAndRepeatedQueryKeyKeepInsertionOrder() {
        String path = "/v2/0a1b2c3d4e5f/stats/traffic";
        String query = "start_time=2024-01-01T00%3A00%3A00Z&end_time=2024-01-02T00%3A00%3A00Z"
                + "&play_domains=b.example.com&play_domains=a.example.com";
        RequestSigner.Signed s = RequestSigner.huawei(H_AK, H_SK, "GET", path, query,
                Map.of("host", "live.cn-north-4.myhuaweicloud.com", "x-project-id", "0a1b2c3d4e5f", "x-sdk-date", "20240101T000000Z"),
                new byte[0]);
        assertThat(s.canonicalRequest()).contains("\nend_time=2024-01-02T00%3A00%3A00Z&play_domains=b.example.com"
                + "&play_domains=a.example.com&start_time=2024-01-01T00%3A00%3A00Z\n");
        assertThat(s.signature()).isEqualTo("79ba06f3a7cf274a39e32ab48d28d26fd785136453645a5b02e7f81dc5548b82");
        List<String[]> headers = List.of(new String[]{"host", "live.cn-north-4.myhuaweicloud.com"},
                new String[]{"x-project-id", "0a1b2c3d4e5f"}, new String[]{"x-sdk-date", "20240101T000000Z"});
        assertThat(serverHuaweiSignature("GET", path, query, headers, "host;x-project-id;x-sdk-date", new byte[0],
                "20240101T000000Z", false)).isEqualTo("79ba06f3a7cf274a39e32ab48d28d26fd785136453645a5b02e7f81dc5548b82");
        assertThat(serverHuaweiSignature("GET", path, query, headers, "host;x-project-id;x-sdk-date", new byte[0],
                "20240101T000000Z", true)).isEqualTo("729ef79a5a8ad87397615565f0b384874f84886a0ba283d829e6113c26b94e1d");
    }

    @Test
    void h4HuaweiPostWithBodyAndEncodedPath() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RequestSigner.Signed s = RequestSigner.huawei(H_AK, H_SK, "POST", "/v1/proj/test%20path", "",
                Map.of("host", "live.ap-southeast-1.myhuaweicloud.com", "x-project-id", "proj", "x-sdk-date", "20240101T000000Z"), body);
        assertThat(s.canonicalRequest()).startsWith("POST\n/v1/proj/test%20path/\n");
        assertThat(s.signature()).isEqualTo("4945609c7b5cf99f5318e5f739ab1d18559b62d7828e64d58c73d575a097888f");
        assertThat(serverHuaweiSignature("POST", "/v1/proj/test%20path", "", List.of(
                        new String[]{"host", "live.ap-southeast-1.myhuaweicloud.com"}, new String[]{"x-project-id", "proj"},
                        new String[]{"x-sdk-date", "20240101T000000Z"}), "host;x-project-id;x-sdk-date", body,
                "20240101T000000Z", false)).isEqualTo("4945609c7b5cf99f5318e5f739ab1d18559b62d7828e64d58c73d575a097888f");
    }
}
