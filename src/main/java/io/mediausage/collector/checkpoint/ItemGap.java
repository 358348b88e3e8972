package io.mediausage.collector.checkpoint;

import io.mediausage.collector.window.Window;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A known gap: one item of a source (a FileId, an SdkAppId) that a committed window could not collect, because the
 * cloud answered an error about that item. The window's other items were published and the source's checkpoint
 * moved on; the gap keeps the item's part of the window to be collected again, so nothing is skipped silently.
 * It lives in the checkpoint topic under its own key until a later window collects the item over it, which writes
 * the key's tombstone in its transaction.
 *
 * @param errorCode what the cloud answered, for people (status, dead letters); the RequestId is in the dead letter
 */
public record ItemGap(String sourceName, String item, Window window, String errorCode, String requestId) {

    static final String KEY_PREFIX = "gap ";

    public ItemGap {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(window, "window");
    }

    /** The record key: one per source, item and window, so that writing a gap again is idempotent. */
    public String key() {
        return KEY_PREFIX + sourceName + " " + item + " " + window.start() + "/" + window.end();
    }

    static boolean isKey(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("kind", "gap");
        map.put("source", sourceName);
        map.put("item", item);
        map.put("windowStart", window.start().toString());
        map.put("windowEnd", window.end().toString());
        map.put("errorCode", errorCode);
        map.put("requestId", requestId);
        return map;
    }

    public static ItemGap fromMap(Map<String, String> map) {
        return new ItemGap(map.get("source"), map.get("item"),
                new Window(Instant.parse(map.get("windowStart")), Instant.parse(map.get("windowEnd"))),
                map.get("errorCode"), map.get("requestId"));
    }

    /** True when a window that collected this item covers this gap whole. */
    public boolean closedBy(Window collected) {
        return !collected.start().isAfter(window.start()) && !collected.end().isBefore(window.end());
    }
}
