package io.mediausage.collector.testing;

import io.mediausage.collector.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TRTC apps, VOD files and SSAI channels that the example sources of routes/sources.yaml and
 * config/vod-file-ids.txt name, for a simulator that answers those sources: keep in step with the examples.
 */
public final class ExampleResources {

    private ExampleResources() {
    }

    /** A simulator accepting one made-up key pair per cloud, with the examples' resources under the Tencent one. */
    public static SimulatorConfig.Builder simulator(String tencentSecretId, String tencentSecretKey, String huaweiAk,
            String huaweiSk) {
        return SimulatorConfig.builder()
                .tencentCredential(tencentSecretId, tencentSecretKey)
                .huaweiCredential(huaweiAk, huaweiSk)
                .trtcSdkAppIds(tencentSecretId, 1400123456L, 1400654321L)
                .vodFile(tencentSecretId, "5285485487985271487", null)
                .vodFile(tencentSecretId, "5285485487985271488", null)
                .vodFile(tencentSecretId, "5285485487985271489", null)
                .vodFile(tencentSecretId, "5285485487985271490", 1500012345L)
                .vodFile(tencentSecretId, "5285485487985271491", 1500012345L)
                .ssaiChannel(tencentSecretId, "698AAD421D3EA5656115", "news", "Pre-roll", "Mid-roll")
                .ssaiChannel(tencentSecretId, "66503E8E0000930000F9", "ssai_channel", "Pre-roll", "Mid-roll", "VOD");
    }

    /** How many sources a routes file declares (its {@code templatedRoute} entries), so tests need not count them. */
    public static int declaredSources(Path routes) {
        try {
            return (int) Files.readAllLines(routes).stream().filter(line -> line.trim().startsWith("- templatedRoute:"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many sources the {@code *.yaml} files of a folder declare, as {@code routes-include-pattern} reads them. */
    public static int declaredSourcesIn(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).mapToInt(ExampleResources::declaredSources)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
