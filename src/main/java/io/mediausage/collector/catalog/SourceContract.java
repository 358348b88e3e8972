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

    /** Where a default names the API: {@link #common} puts the API's name there. */
    private static final String API = "<api>";
    private static final String DEFAULTS = "{{usage." + API + ".";

    public static final TemplateParameter SOURCE_NAME = TemplateParameter.required("sourceName", "Source name",
            "string", null, "mps-main", "unique name: the route id, `x_SourceName` of its events, its Quartz job "
                    + "`usage/<name>`, the key of its checkpoint and the `source` label of its metrics");
    public static final TemplateParameter SCHEDULE = TemplateParameter.required("schedule", "Schedule", "Quartz cron",
            DEFAULTS + "schedule}}", "0 20 * * * ?", "Quartz cron (seconds first) of the runs; a run never overlaps "
                    + "the previous run of the same source");
    public static final TemplateParameter SCHEDULE_TIME_ZONE = TemplateParameter.required("scheduleTimeZone",
            "Schedule time zone", "time zone id", "{{usage.schedule-time-zone}}", "Asia/Shanghai",
            "time zone of the cron");
    public static final TemplateParameter ENDPOINT = TemplateParameter.required("endpoint", "Endpoint", "URL",
            DEFAULTS + "endpoint}}", "https://mps.ap-singapore.tencentcloudapi.com", "API base URL (a regional host, "
                    + "a proxy); Tencent requests are signed for the product's service whatever the host");
    public static final TemplateParameter TOPIC = TemplateParameter.required("topic", "Topic", "Kafka topic name",
            DEFAULTS + "topic}}", "usage.tencent.mps.emea", "Kafka topic of the source's events");
    public static final TemplateParameter START = TemplateParameter.required("start", "Start",
            "ISO-8601 instant or duration", DEFAULTS + "start}}", "2026-01-01T00:00:00Z", "where the first run "
                    + "starts when the source has no checkpoint: an ISO-8601 instant or a duration before now "
                    + "(`P7D`); ranges older than the API's retention are trimmed with a warning");
    public static final TemplateParameter SETTLE_DELAY = TemplateParameter.required("settleDelay", "Settle delay",
            "ISO-8601 duration", DEFAULTS + "settle-delay}}", "PT3H", "a bucket is collected this long after it ends");
    public static final TemplateParameter LOOKBACK = TemplateParameter.required("lookback", "Lookback",
            "ISO-8601 duration", DEFAULTS + "lookback}}", "P1D", "each scheduled run collects this much before the "
                    + "settled edge again, so restated figures replace earlier ones (same keys)");
    public static final TemplateParameter RATE_LIMIT = TemplateParameter.required("rateLimit", "Rate limit",
            "number above 0", DEFAULTS + "rate-limit}}", "2.5", "requests per second; one limiter per (access key, "
                    + "API action), shared by every source using the key");
    public static final TemplateParameter ACCESS_KEY_ID_VARIABLE = TemplateParameter.required("accessKeyIdVariable",
            "Access key id variable", "environment variable name", DEFAULTS + "access-key-id-variable}}",
            "TENCENT_EMEA_SECRET_ID", "environment variable holding the access key id");
    public static final TemplateParameter SECRET_KEY_VARIABLE = TemplateParameter.required("secretKeyVariable",
            "Secret key variable", "environment variable name", DEFAULTS + "secret-key-variable}}",
            "TENCENT_EMEA_SECRET_KEY", "environment variable holding the secret key").asSecret();
    public static final TemplateParameter SECURITY_TOKEN_VARIABLE = TemplateParameter.optional(
            "securityTokenVariable", "Security token variable", "environment variable name",
            "TENCENTCLOUD_SESSION_TOKEN", "environment variable holding a temporary security token").asSecret();

    private static final List<TemplateParameter> COMMON = List.of(SOURCE_NAME, SCHEDULE, SCHEDULE_TIME_ZONE, ENDPOINT,
            TOPIC, START, SETTLE_DELAY, LOOKBACK, RATE_LIMIT, ACCESS_KEY_ID_VARIABLE, SECRET_KEY_VARIABLE,
            SECURITY_TOKEN_VARIABLE);

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
        return COMMON.stream().map(parameter -> parameter.defaultValue() == null ? parameter
                : new TemplateParameter(parameter.name(), parameter.title(), parameter.type(),
                        parameter.defaultValue().replace(API, api), parameter.example(), parameter.required(),
                        parameter.secret(), parameter.description())).toList();
    }
}
