package io.mediausage.collector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpsQueriesTest {

    static final String PAGE = """
            # HELP usage_lag_seconds How far the source's collection is behind now
            # TYPE usage_lag_seconds gauge
            usage_lag_seconds{source="a"} 3600.0
            usage_api_calls_total{action="X",outcome="ok",source="a"} 4.0
            jvm_threads_live_threads 31.0
            """;

    @Test
    void should_read_the_metric_names_and_label_names_of_a_page() {
        assertThat(OpsQueries.metricsOf(PAGE)).isEqualTo(Map.of("usage_lag_seconds", Set.of("source"),
                "usage_api_calls_total", Set.of("action", "outcome", "source"), "jvm_threads_live_threads", Set.of()));
    }

    @Test
    void should_name_a_missing_metric_a_missing_label_and_a_missing_grouping_label() {
        Map<String, PromQlQuery> queries = Map.of(
                "ok", PromQlQuery.parse("sum by (source, job) (rate(usage_api_calls_total{outcome!=\"ok\"}[5m])) "
                        + "and up{job=\"x\"} or jvm_threads_live_threads{instance=\"i\"}"),
                "metric", PromQlQuery.parse("usage_lag_bound_seconds"),
                "label", PromQlQuery.parse("usage_lag_seconds{region=\"x\"}"),
                "grouping", PromQlQuery.parse("sum by (area) (usage_lag_seconds)"));

        assertThat(OpsQueries.missing(queries, OpsQueries.metricsOf(PAGE))).containsExactlyInAnyOrder(
                "metric: metric usage_lag_bound_seconds is not on the page",
                "label: metric usage_lag_seconds has no label region",
                "grouping: no metric of the query has the label area");
    }

    @Test
    void should_read_every_query_of_the_dashboard_and_the_rules() throws Exception {
        Map<String, PromQlQuery> queries = OpsQueries.all();

        assertThat(queries.keySet()).anyMatch(where -> where.contains("alert UsageSourceBehind"))
                .anyMatch(where -> where.contains("panel 'Lag against its healthy bound'"))
                .anyMatch(where -> where.contains("variable source"));
        assertThat(queries.values()).allSatisfy(query -> assertThat(query.selectors()).isNotEmpty());
    }
}
