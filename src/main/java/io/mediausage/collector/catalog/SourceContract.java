package io.mediausage.collector.catalog;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract of a source of an API: the parameters every source has, with their defaults in
 * {@code usage.<api>.<setting>}, then the API's own. The route templates, the configuration check and the reference
 * tables all read this one list.
 */
public final class SourceContract {

    private SourceContract() {
    }

    /** Every parameter of an API's template: those every source has, then the API's own. */
    public static List<TemplateParameter> of(UsageApi api) {
        List<TemplateParameter> parameters = new ArrayList<>(common(api.name()));
        parameters.addAll(api.templateParameters());
        return parameters;
    }

    /** The parameters every source of the API has, their defaults read from {@code usage.<api>.*}. */
    public static List<TemplateParameter> common(String api) {
        String defaults = "{{usage." + api + ".";
        return List.of(
                TemplateParameter.required(SourceCatalog.SOURCE_NAME, "Source name", "string", null, "mps-main",
                        "unique name: the route id, `x_SourceName` of its events, its Quartz job `usage/<name>`, the "
                                + "key of its checkpoint and the `source` label of its metrics"),
                TemplateParameter.required(SourceCatalog.SCHEDULE, "Schedule", "Quartz cron", defaults + "schedule}}",
                        "0 20 * * * ?", "Quartz cron (seconds first) of the runs; a run never overlaps the previous "
                                + "run of the same source"),
                TemplateParameter.required(SourceCatalog.SCHEDULE_TIME_ZONE, "Schedule time zone", "time zone id",
                        "{{usage.schedule-time-zone}}", "Asia/Shanghai", "time zone of the cron"),
                TemplateParameter.required(SourceCatalog.ENDPOINT, "Endpoint", "URL", defaults + "endpoint}}",
                        "https://mps.ap-singapore.tencentcloudapi.com", "API base URL (a regional host, a proxy); "
                                + "Tencent requests are signed for the product's service whatever the host"),
                TemplateParameter.required(SourceCatalog.TOPIC, "Topic", "Kafka topic name", defaults + "topic}}",
                        "usage.tencent.mps.emea", "Kafka topic of the source's events"),
                TemplateParameter.required(SourceCatalog.START, "Start", "ISO-8601 instant or duration",
                        defaults + "start}}", "2026-01-01T00:00:00Z", "where the first run starts when the source "
                                + "has no checkpoint: an ISO-8601 instant or a duration before now (`P7D`); ranges "
                                + "older than the API's retention are trimmed with a warning"),
                TemplateParameter.required(SourceCatalog.SETTLE_DELAY, "Settle delay", "ISO-8601 duration",
                        defaults + "settle-delay}}", "PT3H", "a bucket is collected this long after it ends"),
                TemplateParameter.required(SourceCatalog.LOOKBACK, "Lookback", "ISO-8601 duration",
                        defaults + "lookback}}", "P1D", "each scheduled run collects this much before the settled "
                                + "edge again, so restated figures replace earlier ones (same keys)"),
                TemplateParameter.required(SourceCatalog.RATE_LIMIT, "Rate limit", "number above 0",
                        defaults + "rate-limit}}", "2.5", "requests per second; one limiter per (access key, API "
                                + "action), shared by every source using the key"),
                TemplateParameter.required(SourceCatalog.ACCESS_KEY_ID_VARIABLE, "Access key id variable",
                        "environment variable name", defaults + "access-key-id-variable}}", "TENCENT_EMEA_SECRET_ID",
                        "environment variable holding the access key id"),
                TemplateParameter.required(SourceCatalog.SECRET_KEY_VARIABLE, "Secret key variable",
                        "environment variable name", defaults + "secret-key-variable}}", "TENCENT_EMEA_SECRET_KEY",
                        "environment variable holding the secret key").asSecret(),
                TemplateParameter.optional(SourceCatalog.SECURITY_TOKEN_VARIABLE, "Security token variable",
                        "environment variable name", "TENCENTCLOUD_SESSION_TOKEN",
                        "environment variable holding a temporary security token").asSecret());
    }
}
