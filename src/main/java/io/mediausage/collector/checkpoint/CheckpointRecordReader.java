package io.mediausage.collector.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the checkpoint topic, record by record in offset order, into the latest checkpoint of each source and of
 * each backfill. It goes by the record's key and shape, so that other kinds of records can share the topic:
 * <ul>
 *   <li>key {@code backfill <source> <from>/<to>}: a backfill's committed ranges ({@link BackfillCheckpoint});</li>
 *   <li>a JSON object whose {@code source} is the key: a source's checkpoint ({@link Checkpoint});</li>
 *   <li>any other JSON: a kind of record this collector does not read, skipped with a DEBUG line.</li>
 * </ul>
 * No record can stop the collector. A tombstone deletes the checkpoint it names: the source starts again from its
 * {@code start}, the backfill from nothing. An unreadable record is skipped with a WARN naming its key, and the
 * checkpoint before it stands: a checkpoint only ever moves forward, so an older one can make windows be collected
 * again (under the same keys), never skipped.
 */
final class CheckpointRecordReader {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRecordReader.class);
    private static final TypeReference<Map<String, String>> SOURCE_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> BACKFILL_MAP = new TypeReference<>() {
    };
    /** Parser messages can quote the value; a record is no place for secrets, but it can be large. */
    private static final int MAX_REASON = 200;

    private final ObjectMapper json;
    private final Map<String, Instant> sources = new HashMap<>();
    private final Map<String, BackfillCheckpoint> backfills = new HashMap<>();
    private final Map<String, ItemGap> gaps = new HashMap<>();

    CheckpointRecordReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param position where the record is (topic, partition, offset), for the log
     */
    void read(String key, String value, String position) {
        if (key == null) {
            LOG.warn("Skipping a checkpoint record without a key at {}", position);
            return;
        }
        if (value == null && ItemGap.isKey(key)) {
            gaps.remove(key); // a gap closed: the usual end of a gap record
            return;
        }
        if (value == null) {
            deleted(key, position);
            return;
        }
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (JsonProcessingException e) {
            LOG.warn("Skipping unreadable checkpoint record '{}' at {}: not JSON ({} characters: {})", key, position,
                    value.length(), shortened(e.getOriginalMessage()));
            return;
        }
        try {
            if (ItemGap.isKey(key)) {
                gaps.put(key, ItemGap.fromMap(json.convertValue(tree, SOURCE_MAP)));
            } else if (key.startsWith(BackfillCheckpoint.KEY_PREFIX)) {
                backfills.put(key, BackfillCheckpoint.fromMap(key, json.convertValue(tree, BACKFILL_MAP)));
            } else if (tree.isObject() && key.equals(tree.path("source").asText(null))) {
                sources.put(key, Checkpoint.fromMap(json.convertValue(tree, SOURCE_MAP)).collectedUntil());
            } else {
                LOG.debug("Skipping checkpoint record '{}' at {}: a kind of record this collector does not read",
                        key, position);
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable checkpoint record '{}' at {}: {}", key, position,
                    shortened(e.getMessage()));
        }
    }

    private void deleted(String key, String position) {
        boolean held = sources.remove(key) != null | backfills.remove(key) != null;
        if (!held) {
            LOG.warn("Skipping a tombstone for '{}' at {}: no checkpoint of that name before it", key, position);
        } else if (key.startsWith(BackfillCheckpoint.KEY_PREFIX)) {
            LOG.warn("Checkpoint '{}' was deleted (tombstone at {}): that backfill collects its whole range again",
                    key, position);
        } else {
            LOG.warn("Checkpoint of source '{}' was deleted (tombstone at {}): it starts again from its start", key,
                    position);
        }
    }

    private static String shortened(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }

    /** The latest checkpoint of each source read so far. */
    Map<String, Instant> sources() {
        return sources;
    }

    /** The open item gaps read so far, by record key. */
    Map<String, ItemGap> gaps() {
        return gaps;
    }

    /** The latest checkpoint of each backfill read so far, by name. */
    Map<String, BackfillCheckpoint> backfills() {
        return backfills;
    }
}
