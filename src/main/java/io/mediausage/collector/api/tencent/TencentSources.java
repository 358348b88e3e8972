package io.mediausage.collector.api.tencent;

import io.mediausage.collector.source.SourceParameters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What all Tencent usage sources share. */
final class TencentSources {

    static final String PROVIDER = "Tencent Cloud";

    private TencentSources() {
    }

    /** Every listed value (at least one) must be one the API document allows. */
    static void requireKnown(SourceParameters parameters, String key, Set<String> allowed) {
        List<String> values = parameters.list(key);
        if (values.isEmpty()) {
            throw parameters.problem(key, "needs at least one value of " + new TreeSet<>(allowed));
        }
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw parameters.problem(key, "has '" + value + "', which the API does not accept; allowed: "
                        + new TreeSet<>(allowed));
            }
        }
    }
}
