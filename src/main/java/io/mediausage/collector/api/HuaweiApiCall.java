package io.mediausage.collector.api;

import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.signing.HuaweiRequest;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;

/** A Huawei Cloud API call signed with SDK-HMAC-SHA256 (AK/SK). */
public record HuaweiApiCall(UsageSource source, Window window, EventOrigin origin, HuaweiRequest request)
        implements ApiCall {

    /** The protocol of every Huawei Cloud AK/SK-signed call. */
    public static final String PROTOCOL = "huawei";

    @Override
    public String protocol() {
        return PROTOCOL;
    }
}
