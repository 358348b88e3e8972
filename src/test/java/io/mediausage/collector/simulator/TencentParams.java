package io.mediausage.collector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed access to the action parameters of a Tencent request (JSON body, or flattened form/query parameters). */
final class TencentParams {

    /** Common parameters that may appear in a query string / form body; they are not action parameters. */
    static final Set<String> COMMON = Set.of("Action", "Version", "Region", "Timestamp", "Nonce", "SecretId",
            "Signature", "SignatureMethod", "Token", "Language", "RequestClient");

    private static final Pattern INDEXED = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)\\.(\\d+)$");

    final ObjectNode node;

    TencentParams(ObjectNode node) {
        this.node = node;
    }

    /** Build from flattened name=value pairs: "Types.0=a&Types.1=b" becomes "Types":["a","b"]. */
    static TencentParams fromPairs(List<String[]> pairs) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        Map<String, TreeMap<Integer, String>> arrays = new TreeMap<>();
        for (String[] kv : pairs) {
            if (COMMON.contains(kv[0])) continue;
            Matcher m = INDEXED.matcher(kv[0]);
            if (m.matches()) {
                arrays.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), kv[1]);
            } else {
                n.put(kv[0], kv[1]);
            }
        }
        arrays.forEach((name, vals) -> {
            var arr = n.putArray(name);
            vals.values().forEach(arr::add);
        });
        return new TencentParams(n);
    }

    void rejectUnknown(Set<String> known) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new TencentError("UnknownParameter", "The parameter `" + f + "` is not recognized.");
            }
        }
    }

    private JsonNode get(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String optString(String name) {
        JsonNode v = get(name);
        if (v == null) return null;
        if (!v.isTextual()) {
            throw new TencentError("InvalidParameter", "The type of parameter `" + name + "` should be String.");
        }
        return v.asText();
    }

    String requireString(String name) {
        String s = optString(name);
        if (s == null || s.isEmpty()) throw TencentError.missing(name);
        return s;
    }

    /** Array of String; null when absent (or an empty array). */
    List<String> optStringList(String name) {
        JsonNode v = get(name);
        if (v == null) return null;
        if (!v.isArray()) {
            throw new TencentError("InvalidParameter", "The type of parameter `" + name + "` should be Array of String.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new TencentError("InvalidParameter", "The type of parameter `" + name + "` should be Array of String.");
            }
            out.add(e.asText());
        }
        return out.isEmpty() ? null : out;
    }

    /** Integer parameter; JSON integers and (from form/query) decimal strings are accepted. */
    Long optLong(String name) {
        JsonNode v = get(name);
        if (v == null) return null;
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isTextual() && v.asText().matches("-?\\d{1,18}")) return Long.parseLong(v.asText());
        throw new TencentError("InvalidParameter", "The type of parameter `" + name + "` should be Integer.");
    }

    /** Boolean parameter; JSON booleans and (from form/query) "true"/"false" are accepted. */
    Boolean optBoolean(String name) {
        JsonNode v = get(name);
        if (v == null) return null;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.valueOf(v.asText());
        throw new TencentError("InvalidParameter", "The type of parameter `" + name + "` should be Boolean.");
    }
}
