package io.mediausage.collector.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlQueryTest {

    @Test
    void should_find_the_metrics_their_matched_labels_and_the_grouping_labels() {
        PromQlQuery query = PromQlQuery.parse("sum by (source, outcome) (rate(usage_api_calls_total{source=~\"$source\", "
                + "outcome=~\"AuthFailure.*|HTTP 401\"}[$__rate_interval])) / on(source) group_left "
                + "usage_lag_bound_seconds > 0.5 * 1e3");

        assertThat(query.selectors()).isEqualTo(Map.of("usage_api_calls_total", Set.of("source", "outcome"),
                "usage_lag_bound_seconds", Set.of()));
        assertThat(query.groupedBy()).containsExactlyInAnyOrder("source", "outcome");
    }

    @Test
    void should_not_take_functions_operators_strings_or_durations_for_metrics() {
        PromQlQuery query = PromQlQuery.parse("max_over_time(usage_lag_seconds[6h]) unless usage_lag_seconds "
                + "or label_replace(up{job=\"a b\"}, \"x\", \"$1\", \"job\", \"(.*)\") offset 5m");

        assertThat(query.selectors().keySet()).containsExactlyInAnyOrder("usage_lag_seconds", "up");
        assertThat(query.selectors().get("up")).containsExactly("job");
    }

    @Test
    void should_refuse_an_unclosed_bracket_or_string_and_an_expression_without_a_metric() {
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlQuery.parse("sum(rate(usage_lag_seconds[5m])"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlQuery.parse("usage_lag_seconds{source=\"a}"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlQuery.parse("rate(usage_lag_seconds[5m)"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlQuery.parse("{source=\"a\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlQuery.parse("time() - 3600"));
    }
}
