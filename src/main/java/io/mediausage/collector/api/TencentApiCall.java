package io.mediausage.collector.api;

import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.signing.Tc3Request;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import java.util.Optional;

/**
 * A Tencent Cloud API 3.0 call: a JSON POST to "/" signed with TC3-HMAC-SHA256.
 *
 * @param service the product's service name for the signature scope (mps, trtc, vod, mdp), whatever the host
 * @param itemId  the item this call collects ({@link ApiCall#item()}), or null for a call of the whole source
 */
public record TencentApiCall(UsageSource source, Window window, EventOrigin origin, String service,
        Tc3Request request, String itemId) implements ApiCall {

    /** The protocol of every Tencent Cloud API 3.0 call. */
    public static final String PROTOCOL = "tencent";

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public Optional<String> item() {
        return Optional.ofNullable(itemId);
    }
}
