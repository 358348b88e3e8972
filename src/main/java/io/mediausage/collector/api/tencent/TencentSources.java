package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.source.SourceParameters;
import java.io.UncheckedIOException;
import io.mediausage.collector.api.ApiCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** What all Tencent usage sources share. */
final class TencentSources {

    static final String PROVIDER = "Tencent Cloud";

    /** Every Tencent source names the account its credentials belong to: the API answers do not say. */
    static final TemplateParameter ACCOUNT_ID = TemplateParameter.required("accountId", "Account id", "string", null,
            "100012345678", "the Tencent Cloud account (UIN) the credentials belong to; published as `SubAccountId`");

    /** The source's region, sent as {@code X-TC-Region} where it has one. */
    static final String REGION_KEY = "region";

    /** The region of an API that needs one, defaulting to {@code usage.<api>.region}. */
    static TemplateParameter region(String api, String example, String description) {
        return TemplateParameter.required(REGION_KEY, "Region", "string", "{{usage." + api + "." + REGION_KEY + "}}",
                example, description);
    }

    /** The Tencent APIs that need no region may still be sent one. */
    static final TemplateParameter OPTIONAL_REGION = TemplateParameter.optional(REGION_KEY, "Region", "string",
            "ap-guangzhou", "`X-TC-Region` to send; the API does not need one");

    private TencentSources() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exactly one value, one the API document allows. */
    static String requireOne(SourceParameters parameters, String key, Set<String> allowed) {
        String value = parameters.optional(key).orElseThrow(() -> parameters.problem(key,
                "is required: one of " + new TreeSet<>(allowed)));
        if (!allowed.contains(value)) {
            throw parameters.problem(key, "is '" + value + "', which the API does not accept; allowed: "
                    + new TreeSet<>(allowed));
        }
        return value;
    }

    /** Every listed value (possibly none) must be a positive whole number, as the API's Integer ids are. */
    static List<Long> positiveIds(SourceParameters parameters, String key) {
        return parameters.list(key).stream().map(value -> {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw parameters.problem(key, "has '" + value + "', which is not a positive whole number");
        }).toList();
    }

    /** The JSON body a call sends, to tell what it asked for (an app, a file) when mapping its answer. */
    static JsonNode payload(TencentApiCall call) {
        try {
            return JSON.readTree(call.request().payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every listed value (at least one) must be one the API document allows. */
    static void requireKnown(SourceParameters parameters, String key, Collection<String> allowed) {
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

    /**
     * The calls of a window: for each query, one per listed item, or one for the whole account when none is listed
     * ({@code call} then gets a null item).
     */
    static <Q, I> List<ApiCall> perItem(List<Q> queries, List<I> items, BiFunction<Q, I, ApiCall> call) {
        List<ApiCall> calls = new ArrayList<>();
        for (Q query : queries) {
            if (items.isEmpty()) {
                calls.add(call.apply(query, null));
            }
            items.forEach(item -> calls.add(call.apply(query, item)));
        }
        return calls;
    }
}
