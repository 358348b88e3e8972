package io.mediausage.collector.api.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.TencentApiCall;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.signing.Tc3Request;
import io.mediausage.collector.window.Window;

/**
 * A Tencent Cloud API 3.0 action as the collector calls it: what its requests are signed and sent as, and the service
 * the events of its answers name.
 *
 * @param action      {@code X-TC-Action}, also the events' {@code x_ApiAction}
 * @param version     {@code X-TC-Version}
 * @param service     the service of the TC3 signature's scope, whatever the host
 * @param serviceName the events' FOCUS {@code ServiceName}
 */
record TencentAction(String action, String version, String service, String serviceName) {

    /**
     * A call of the action that sends {@code body} to the source's endpoint, with the source's {@code region} as
     * {@code X-TC-Region} where it has one.
     *
     * @param regionId the events' FOCUS {@code RegionId}
     * @param item     the item of the source the call collects, or null for a call of the whole source
     */
    TencentApiCall call(UsageSource source, Window window, String regionId, ObjectNode body, String item) {
        EventOrigin origin = new EventOrigin(TencentSources.PROVIDER, serviceName, regionId, source.subAccountId(),
                source.name(), action);
        Tc3Request request = new Tc3Request(source.hostHeader(), action, version,
                source.parameters().optional(TencentSources.REGION_KEY).orElse(null), body.toString());
        return new TencentApiCall(source, window, origin, service, request, item);
    }
}
