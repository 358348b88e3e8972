package io.mediausage.collector.api.tencent;

import io.mediausage.collector.api.DeclaredUsageApi;
import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.WindowPolicy;
import java.util.List;

/** A Tencent usage API whose sources choose their granularity: a source's windows are those of its choice. */
abstract class GranularUsageApi extends DeclaredUsageApi {

    private final Granularities granularities;

    GranularUsageApi(String name, Granularities granularities, List<TemplateParameter> parameters) {
        super(name, parameters);
        this.granularities = granularities;
    }

    @Override
    public final WindowPolicy windowPolicy(UsageSource source) {
        return granularities.policy(source);
    }
}
