package io.mediausage.collector.api;

import io.mediausage.collector.event.EventOrigin;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import java.util.Optional;

/**
 * One HTTP request that collects (part of) a window, with everything needed to sign it and map its answer. Each
 * cloud's calls name their protocol, whose signer and answer reader the call route looks up by name.
 */
public interface ApiCall {

    /**
     * The cloud protocol (signing scheme and answer convention) of this call, e.g. {@code tencent}: the call route
     * signs it with bean {@code <protocol>Signing} and reads its answer with bean {@code <protocol>ResponseReader}.
     */
    String protocol();

    UsageSource source();

    Window window();

    /** FOCUS provenance of the events this call yields. */
    EventOrigin origin();

    /**
     * The item of the source this call collects, where a window fans out into a call per item (a FileId, an
     * SdkAppId): an error of the API's {@link UsageApi#itemErrorCodes()} then fails this item, not the window.
     */
    default Optional<String> item() {
        return Optional.empty();
    }

    /** What a log line or dead letter says about this call (never a secret). */
    default String describe() {
        return origin().apiAction() + " " + window() + " for source '" + source().name() + "' region "
                + origin().regionId() + item().map(item -> " item " + item).orElse("");
    }
}
