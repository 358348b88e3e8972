package io.mediausage.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.testing.ExampleResources;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped examples, routes/sources.yaml and config/examples/*.yaml, build into valid sources of every API with
 * the shipped config/application.properties: what ops copy from works as written.
 */
class ShippedExamplesIT {

    @Test
    void should_build_every_shipped_example_source() throws Exception {
        Map<String, String> environment = Map.of("TENCENTCLOUD_SECRET_ID", "AKIDexamples0000000000000000000",
                "TENCENTCLOUD_SECRET_KEY", "examples-it-tencent-secret", "TENCENT_EMEA_SECRET_ID", "AKIDemea000000000",
                "TENCENT_EMEA_SECRET_KEY", "examples-it-emea-secret", "CLOUD_SDK_AK", "EXAMPLESAK0000000000",
                "CLOUD_SDK_SK", "examples-it-huawei-secret", "HUAWEI_SG_AK", "EXAMPLESSGAK00000000",
                "HUAWEI_SG_SK", "examples-it-huawei-sg-secret");
        try (CollectorApplication app = CollectorApplication.start(new CollectorApplication.Settings(
                Path.of("config/application.properties"),
                Map.of("camel.main.routes-include-pattern", "file:routes/*.yaml,file:config/examples/*.yaml"),
                Clock.systemUTC(), name -> Optional.ofNullable(environment.get(name)), false))) {

            // routes/sources.yaml has a source of every API
            assertThat(app.sources().all()).extracting(source -> source.api().name())
                    .containsAll(UsageApis.names());
            UsageSource emea = app.sources().get("mps-emea-account");
            assertThat(emea.topic()).isEqualTo("usage.tencent.mps.emea");
            assertThat(emea.credentials().accessKeyId()).isEqualTo("AKIDemea000000000");
            assertThat(app.sources().get("huawei-live-sg-news-stream").endpoint())
                    .hasToString("https://live.ap-southeast-3.myhuaweicloud.com");
            assertThat(app.sources().get("ssai-sports-midroll-mdp").endpoint()).hasToString("https://mdp.tencentcloudapi.com");
            assertThat(app.sources().all()).hasSize(ExampleResources.declaredSourcesIn(Path.of("routes"))
                    + ExampleResources.declaredSourcesIn(Path.of("config/examples")));
            assertThat(app.sources().all()).allSatisfy(source ->
                    assertThat(app.context().getRoute(source.name())).as("route of " + source.name()).isNotNull());
        }
    }
}
