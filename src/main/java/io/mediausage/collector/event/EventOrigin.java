package io.mediausage.collector.event;

import java.util.Objects;

/**
 * Where a batch of measurements came from: the FOCUS provider/service/region/account columns plus the
 * collector's own provenance.
 */
public record EventOrigin(
        String serviceProviderName,
        String serviceName,
        String regionId,
        String subAccountId,
        String sourceName,
        String apiAction) {

    public EventOrigin {
        Objects.requireNonNull(serviceProviderName, "serviceProviderName");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(subAccountId, "subAccountId");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(apiAction, "apiAction");
    }
}
