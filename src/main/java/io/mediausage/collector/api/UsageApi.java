package io.mediausage.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mediausage.collector.event.UsageMeasurement;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import io.mediausage.collector.window.WindowPolicy;
import java.util.List;
import java.util.Set;

/**
 * Everything the collector knows about one cloud usage API: its limits, how a window becomes requests, and how
 * an answer becomes measurements. One implementation per API keeps each API's quirks in one place.
 */
public interface UsageApi {

    /** The API's name in configuration, also the id of its route template, e.g. {@code tencent-mps-usage}. */
    String name();

    /** The API-specific parameters of its route template, besides those every source has. */
    List<TemplateParameter> templateParameters();

    /** Checks the API-specific parameters of a source, failing with the source name and key. */
    void validate(SourceParameters parameters);

    /** The account scope reported as FOCUS {@code SubAccountId}. */
    default String subAccountId(SourceParameters parameters) {
        return parameters.string("accountId");
    }

    /** The legal windows for this source (some APIs let the source choose a granularity). */
    WindowPolicy windowPolicy(UsageSource source);

    /** The requests that together collect one window (some APIs fan out per region, file or app). */
    List<ApiCall> calls(UsageSource source, Window window);

    /**
     * The measurements of one successful answer, restricted to the buckets of {@code call.window()}: APIs that
     * return both end buckets must not leak the neighbour window's bucket.
     */
    List<UsageMeasurement> measurements(JsonNode response, ApiCall call);

    /**
     * The error codes that belong to the item of a call ({@link ApiCall#item()}) rather than to the source: the
     * document's "this FileId does not exist". Such an error fails that item's part of the window, which is recorded
     * as a gap and collected again by later runs, while the window's other items are published.
     */
    default Set<String> itemErrorCodes() {
        return Set.of();
    }
}
