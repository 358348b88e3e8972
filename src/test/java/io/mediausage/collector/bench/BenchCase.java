package io.mediausage.collector.bench;

import io.mediausage.collector.simulator.Api;
import io.mediausage.collector.simulator.SimulatorConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark case: the sources of a routes file of its own, the simulator resources and credentials they need,
 * and the range that {@code backfill --all} collects.
 *
 * @param name          the name to pick it with ({@code --case})
 * @param description   what it collects, for the table
 * @param api           the one API all its sources call
 * @param from          start of the backfill range
 * @param to            end of the backfill range
 * @param sources       its sources, one credential each
 * @param files         files the sources read, relative to the collector's working directory, and their content
 * @param resources     what the simulator must know beyond the credentials (channels, files)
 * @param rateOverride  a rate limit per second set for the collector and the simulator alike, or null for the
 *                      shipped configuration's and the documented limits
 */
record BenchCase(String name, String description, Api api, Instant from, Instant to, List<Source> sources,
                 Map<String, String> files, Consumer<SimulatorConfig.Builder> resources, Integer rateOverride) {

    /** The collector's name of the API: its route template and the middle of its properties' names. */
    String template() {
        return switch (api) {
            case MPS_USAGE -> "tencent-mps-usage";
            case TRTC_USAGE -> "tencent-trtc-usage";
            case SSAI_USAGE -> "tencent-ssai-usage";
            case VOD_PLAY_STATS -> "tencent-vod-play-stats";
            case HUAWEI_TRANSCODE -> "huawei-live-transcode-usage";
            default -> throw new IllegalArgumentException("no bench case is written for " + api);
        };
    }

    /** {@code USAGE_TENCENT_SSAI_USAGE_}: the prefix of the environment variables that override the API's defaults. */
    String environmentPrefix() {
        return "USAGE_" + template().toUpperCase().replace('-', '_') + "_";
    }

    /** The simulator of this case: its credentials and resources, and its rate override if it has one. */
    SimulatorConfig.Builder simulator() {
        SimulatorConfig.Builder builder = SimulatorConfig.builder();
        for (Source source : sources) {
            if (api.isTencent()) {
                builder.tencentCredential(source.accessKeyId(), source.secretKey());
            } else {
                builder.huaweiCredential(source.accessKeyId(), source.secretKey());
            }
        }
        resources.accept(builder);
        if (rateOverride != null) {
            builder.rateLimit(api, rateOverride);
        }
        return builder;
    }

    /** The routes file: one templated route per source, every event on {@code topic}. */
    String routes(String topic) {
        StringBuilder yaml = new StringBuilder("# written by the benchmark (io.mediausage.collector.bench) for case "
                + name + "\n");
        for (Source source : sources) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("sourceName", source.name());
            parameters.put("topic", topic);
            parameters.put("accessKeyIdVariable", source.accessKeyIdVariable());
            parameters.put("secretKeyVariable", source.secretKeyVariable());
            parameters.putAll(source.parameters());
            yaml.append("- templatedRoute:\n    routeTemplateRef: ").append(template()).append("\n    parameters:\n");
            parameters.forEach((key, value) -> yaml.append("      - name: ").append(key)
                    .append("\n        value: \"").append(value).append("\"\n"));
        }
        return yaml.toString();
    }

    /** The credentials, as the sources name them. */
    Map<String, String> credentialVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Source source : sources) {
            variables.put(source.accessKeyIdVariable(), source.accessKeyId());
            variables.put(source.secretKeyVariable(), source.secretKey());
        }
        return variables;
    }

    /**
     * A source of the case.
     *
     * @param parameters its template parameters beyond its name, topic and credential variables
     */
    record Source(String name, String accessKeyId, String secretKey, String accessKeyIdVariable,
                  String secretKeyVariable, Map<String, String> parameters) {

        @Override
        public String toString() {
            return name; // never the secret key
        }
    }
}
