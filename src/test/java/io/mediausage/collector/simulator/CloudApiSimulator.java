package io.mediausage.collector.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server (127.0.0.1, ephemeral port by default) that implements the five usage APIs of
 * {@code /work/shared/api-docs} as their documents describe them, including signature verification, documented
 * limits, error shapes and rate limits, over deterministic data ({@link UsageDataModel}) and with injectable faults
 * ({@link FaultInjector}).
 *
 * <ul>
 *   <li>Tencent (TC3-HMAC-SHA256): {@code POST /} (JSON or form body) or {@code GET /?...}, the action in
 *       {@code X-TC-Action}: DescribeUsageData, DescribeTrtcUsage, DescribeMediaPlayStatDetails,
 *       DescribeStreamPackageSSAIUsage. Errors are HTTP 200 {@code {"Response":{"Error":{...},"RequestId"}}}.</li>
 *   <li>Huawei (SDK-HMAC-SHA256): {@code GET /v2/{project_id}/stats/transcode}. Every response carries
 *       {@code X-Request-Id}.</li>
 * </ul>
 *
 * <pre>{@code
 * try (CloudApiSimulator sim = CloudApiSimulator.start(SimulatorConfig.builder()
 *         .tencentCredential("AKIDtest", "secret").huaweiCredential("HWAK", "hwsecret")
 *         .clock(Clock.fixed(Instant.parse("2024-03-10T04:00:00Z"), ZoneOffset.UTC)).build())) {
 *     URI base = sim.baseUrl();             // http://127.0.0.1:PORT
 *     sim.faults().nextCalls(FaultKind.HTTP_503, 1);
 *     ... call the APIs ...
 *     sim.calls();                          // what was received and answered
 * }
 * }</pre>
 */
public final class CloudApiSimulator implements AutoCloseable {

    /** Gateway code for an authentication failure. README of the api-docs spells it APIGW.0301. */
    static final String HUAWEI_AUTH_ERROR = "APIGW.0301";
    /** Gateway code for throttling. README of the api-docs spells it APIGW.0308. */
    static final String HUAWEI_THROTTLE_ERROR = "APIGW.0308";
    /** Gateway code for an unknown API path. */
    static final String HUAWEI_NOT_FOUND_ERROR = "APIGW.0101";

    static final DateTimeFormatter TENCENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    static final DateTimeFormatter HUAWEI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern HUAWEI_PATH = Pattern.compile("^/v2/([^/]+)/stats/transcode/?$");
    private static final Pattern TC3_CREDENTIAL = Pattern.compile("^([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/tc3_request$");
    private static final Duration TENCENT_MAX_SKEW = Duration.ofMinutes(5);
    private static final Duration HUAWEI_MAX_SKEW = Duration.ofMinutes(15);

    /** Handles one Tencent action after authentication; returns the fields of "Response" (RequestId is added). */
    interface TencentHandler {
        ObjectNode handle(TencentCall call);
    }

    /** An authenticated Tencent call. */
    record TencentCall(String secretId, String region, TencentParams params, Instant now) {
    }

    final ObjectMapper mapper = new ObjectMapper();
    private final SimulatorConfig config;
    private final Clock clock;
    private final UsageDataModel data;
    private final FaultInjector faults;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ArrivalRateWindow> rateWindows = new ConcurrentHashMap<>();
    private final Map<Api, TencentHandler> tencentHandlers = new EnumMap<>(Api.class);
    private final HuaweiTranscodeHandler huaweiHandler;

    static {
        // a cloud keeps the connections a client keeps open. The JDK's server closes every idle one beyond 200 (read
        // once, when its first server starts), which a client with hundreds of calls in flight then finds closed
        // (NoHttpResponseException) and has to call again
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        }
    }

    private CloudApiSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.clock = config.clock;
        this.data = new UsageDataModel(config);
        this.faults = new FaultInjector(config.seed);
        for (Api api : Api.values()) {
            if (api.isTencent()) {
                tencentHandlers.put(api, api.tencentModule(data));
            }
        }
        this.huaweiHandler = new HuaweiTranscodeHandler(data);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cloud-api-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Start a simulator on 127.0.0.1 (port from the config; 0 = ephemeral). */
    public static CloudApiSimulator start(SimulatorConfig config) {
        try {
            return new CloudApiSimulator(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the cloud API simulator", e);
        }
    }

    /** {@code http://127.0.0.1:port} (no trailing slash). */
    public URI baseUrl() {
        return baseUrl;
    }

    public FaultInjector faults() {
        return faults;
    }

    public UsageDataModel data() {
        return data;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** A snapshot of every request received so far, in arrival-completion order. */
    public List<RecordedCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The recorded calls of one API. */
    public List<RecordedCall> calls(Api api) {
        return calls().stream().filter(c -> c.api() == api).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ================================================================== dispatch

    private void handle(HttpExchange ex) {
        try {
            Instant now = clock.instant();
            long arrivalNanos = System.nanoTime(); // the request line and headers are read: it has arrived
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            Matcher hw = HUAWEI_PATH.matcher(path == null ? "" : path);
            if (hw.matches()) {
                huawei(ex, body, now, arrivalNanos, SigningSupport.percentDecode(hw.group(1)));
            } else if ("/".equals(path) || path == null || path.isEmpty()) {
                tencent(ex, body, now, arrivalNanos);
            } else {
                String requestId = UUID.randomUUID().toString();
                respondHuaweiError(ex, new HuaweiError(404, HUAWEI_NOT_FOUND_ERROR,
                        "The API does not exist or has not been published in the environment", true), requestId, null);
                record(now, null, null, null, Map.of("path", path), 404, HUAWEI_NOT_FOUND_ERROR, null, requestId);
            }
        } catch (Throwable t) {
            try {
                ex.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString().replace("-", ""));
                ex.sendResponseHeaders(500, -1);
            } catch (IOException ignored) {
                // connection gone
            }
        } finally {
            ex.close();
        }
    }

    private void record(Instant time, Api api, String action, String credential, Map<String, Object> params,
                        int status, String outcome, FaultKind fault, String requestId) {
        calls.add(new RecordedCall(time, api, action, credential, params == null ? Map.of() : params, status,
                outcome, fault, requestId));
    }

    /** Applies a transport fault. Returns true when the exchange has been fully dealt with. */
    private boolean transportFault(HttpExchange ex, FaultKind fault, Map<String, String> headers) throws IOException {
        if (fault == null) return false;
        switch (fault) {
            case DROP_CONNECTION:
                return true; // handle() closes the exchange without response headers: the connection is closed
            case HTTP_500:
            case HTTP_502:
            case HTTP_503: {
                int status = fault == FaultKind.HTTP_500 ? 500 : fault == FaultKind.HTTP_502 ? 502 : 503;
                String text = status == 500 ? "Internal Server Error" : status == 502 ? "Bad Gateway" : "Service Unavailable";
                headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                send(ex, status, "text/plain; charset=utf-8", (status + " " + text).getBytes(StandardCharsets.UTF_8), null);
                return true;
            }
            case SLOW_REPLY:
                try {
                    Thread.sleep(faults.slowReplyDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            default:
                return false;
        }
    }

    /** Faults that answer instead of the API: a dropped connection or a gateway error. */
    private static boolean endsTheCall(FaultKind f) {
        return f == FaultKind.DROP_CONNECTION || statusOf(f) != 0;
    }

    private static int statusOf(FaultKind f) {
        return f == FaultKind.HTTP_500 ? 500 : f == FaultKind.HTTP_502 ? 502 : f == FaultKind.HTTP_503 ? 503 : 0;
    }

    private void send(HttpExchange ex, int status, String contentType, byte[] body, FaultKind fault) throws IOException {
        awaitLatency();
        if (fault == FaultKind.TRUNCATED_BODY) {
            body = java.util.Arrays.copyOf(body, body.length / 2);
        }
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                if (fault == FaultKind.TRICKLE_BODY) {
                    trickle(os, body);
                } else {
                    os.write(body);
                }
            }
        }
    }

    /** Sends a byte every 100 ms until the body is sent or the client hangs up. */
    private static void trickle(OutputStream os, byte[] body) throws IOException {
        for (byte b : body) {
            os.write(b);
            os.flush();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The configured server latency, spent on this exchange's own thread (each exchange has one). */
    private void awaitLatency() {
        if (config.latency.isZero()) return;
        try {
            Thread.sleep(config.latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sliding one-second window per (credential, API), of the requests' arrivals. */
    private boolean admit(String credential, Api api, long arrivalNanos) {
        return rateWindows.computeIfAbsent(credential + "\u0000" + api, key -> new ArrivalRateWindow())
                .admit(arrivalNanos, config.rateLimit(api));
    }

    // ================================================================== Tencent

    private void tencent(HttpExchange ex, byte[] body, Instant now, long arrivalNanos) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Headers h = ex.getRequestHeaders();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawQuery = ex.getRequestURI().getRawQuery();
        List<String[]> queryPairs = SigningSupport.queryPairs(rawQuery);
        String action = firstNonEmpty(h.getFirst("X-TC-Action"), queryValue(queryPairs, "Action"));
        Api api = Api.byTencentAction(action);
        String authHeader = h.getFirst("Authorization");
        String credential = credentialOf(authHeader);
        Map<String, Object> recordedParams = new LinkedHashMap<>();

        FaultKind fault = faults.decide(api);
        if (endsTheCall(fault)) { // recorded before the reply, as every call is
            record(now, api, action, credential, recordedParams, statusOf(fault), fault.name(), fault, fault == FaultKind.DROP_CONNECTION ? null : requestId);
        }
        if (transportFault(ex, fault, Map.of())) {
            return;
        }
        ObjectNode response;
        String outcome;
        try {
            if (fault == FaultKind.THROTTLE) {
                throw new TencentError("RequestLimitExceeded", "Your current request times exceeds the frequency limit. Please reduce the frequency of calls.");
            }
            if (fault == FaultKind.TENCENT_INTERNAL_ERROR) {
                throw new TencentError("InternalError", "An internal error has occurred. Retry your request, but if the problem persists, contact us.");
            }
            if (fault == FaultKind.SSAI_PARTIAL_FAILURE) {
                throw new TencentError("InternalError.GetSSAIUsagePartialFailed", "InternalError.GetSSAIUsagePartialFailed");
            }
            if (!method.equals("POST") && !method.equals("GET")) {
                throw new TencentError("UnsupportedProtocol", "HTTP method " + method + " is not supported; use POST or GET.");
            }
            TencentCall call = authenticateTencent(ex, h, method, rawQuery, body, now, action, api, authHeader);
            TencentParams params = parseTencentParams(h, method, queryPairs, body);
            recordedParams.putAll(mapper.convertValue(params.node, Map.class));
            call = new TencentCall(call.secretId(), call.region(), params, now);
            if (!admit(call.secretId(), api, arrivalNanos)) {
                throw new TencentError("RequestLimitExceeded", "Your current request times exceeds the frequency limit `"
                        + config.rateLimit(api) + "` for a second. Please reduce the frequency of calls.");
            }
            response = tencentHandlers.get(api).handle(call);
            if (fault != null && fault.mangles()) {
                AnswerMangler.mangle(fault, api, response, askedStart(api, params));
            }
            outcome = "ok";
        } catch (TencentError e) {
            response = mapper.createObjectNode();
            ObjectNode err = response.putObject("Error");
            err.put("Code", e.code);
            err.put("Message", e.getMessage());
            outcome = e.code;
        }
        response.put("RequestId", requestId);
        ObjectNode root = mapper.createObjectNode();
        root.set("Response", response);
        // recorded before the reply, so a client that got its answer always finds its call recorded
        record(now, api, action, credential, recordedParams, 200, outcome, fault, requestId);
        send(ex, 200, "application/json", mapper.writeValueAsBytes(root), fault);
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : (b != null && !b.isEmpty() ? b : null);
    }

    private static String queryValue(List<String[]> pairs, String name) {
        for (String[] kv : pairs) if (kv[0].equals(name)) return kv[1];
        return null;
    }

    private static String credentialOf(String authHeader) {
        if (authHeader == null) return null;
        Matcher m = Pattern.compile("(?:Credential|Access)=([^/,\\s]+)").matcher(authHeader);
        return m.find() ? m.group(1) : null;
    }

    private static Map<String, String> parseAuthFields(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) return null;
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    private TencentCall authenticateTencent(HttpExchange ex, Headers h, String method, String rawQuery, byte[] body,
                                            Instant now, String action, Api api, String auth) {
        if (auth == null || auth.isBlank()) throw TencentError.missing("Authorization");
        String prefix = "TC3-HMAC-SHA256 ";
        if (!auth.startsWith(prefix)) {
            throw new TencentError("AuthFailure.InvalidAuthorization", "Authorization must start with `TC3-HMAC-SHA256 `.");
        }
        Map<String, String> f = parseAuthFields(auth.substring(prefix.length()));
        if (f == null || f.get("Credential") == null || f.get("SignedHeaders") == null || f.get("Signature") == null) {
            throw new TencentError("AuthFailure.InvalidAuthorization",
                    "Authorization must carry Credential, SignedHeaders and Signature.");
        }
        Matcher cm = TC3_CREDENTIAL.matcher(f.get("Credential"));
        if (!cm.matches()) {
            throw new TencentError("AuthFailure.InvalidAuthorization",
                    "Credential must be SecretId/YYYY-MM-DD/service/tc3_request.");
        }
        String secretId = cm.group(1), scopeDate = cm.group(2), scopeService = cm.group(3);
        List<String> signed = List.of(f.get("SignedHeaders").split(";"));
        if (!signed.contains("content-type") || !signed.contains("host")) {
            throw new TencentError("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
        }
        if (action == null) throw TencentError.missing("X-TC-Action");
        if (api == null) throw new TencentError("InvalidAction", "The action `" + action + "` is not valid for this endpoint.");
        String version = firstNonEmpty(h.getFirst("X-TC-Version"), queryValue(SigningSupport.queryPairs(rawQuery), "Version"));
        if (version == null) throw TencentError.missing("X-TC-Version");
        if (!version.equals(api.version())) {
            throw new TencentError("NoSuchVersion", "The API version `" + version + "` of action `" + action
                    + "` does not exist; use `" + api.version() + "`.");
        }
        String secretKey = config.tencentCredentials.get(secretId);
        if (secretKey == null) {
            throw new TencentError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
        }
        String tsText = h.getFirst("X-TC-Timestamp");
        if (tsText == null || tsText.isEmpty()) throw TencentError.missing("X-TC-Timestamp");
        long ts;
        try {
            ts = Long.parseLong(tsText.trim());
        } catch (NumberFormatException e) {
            throw new TencentError("InvalidParameter", "X-TC-Timestamp must be a Unix timestamp in seconds.");
        }
        if (Math.abs(now.getEpochSecond() - ts) > TENCENT_MAX_SKEW.toSeconds()) {
            throw new TencentError("AuthFailure.SignatureExpire", "Signature expired. Timestamp:" + ts
                    + " ; CurrentTimestamp:" + now.getEpochSecond());
        }
        if (!api.services().contains(scopeService)) {
            throw new TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated: "
                    + "credential scope service `" + scopeService + "` is not " + api.services() + ".");
        }
        String utcDate = LocalDateTime.ofEpochSecond(ts, 0, ZoneOffset.UTC).toLocalDate().toString();
        if (!utcDate.equals(scopeDate)) {
            throw new TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated: "
                    + "credential scope date `" + scopeDate + "` is not the UTC date of X-TC-Timestamp (" + utcDate + ").");
        }
        List<String[]> headers = new ArrayList<>();
        for (String name : signed) {
            String v = h.getFirst(name);
            if (v == null) {
                throw new TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated: "
                        + "signed header `" + name + "` is not in the request.");
            }
            headers.add(new String[]{name, v});
        }
        String rawPath = ex.getRequestURI().getRawPath();
        String canonicalUri = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String canonicalQuery = method.equals("GET") && rawQuery != null ? rawQuery : "";
        String cr = SigningSupport.tc3CanonicalRequest(method, canonicalUri, canonicalQuery, headers,
                f.get("SignedHeaders"), SigningSupport.sha256Hex(body));
        String sts = SigningSupport.tc3StringToSign(ts, scopeDate, scopeService, cr);
        String expected = SigningSupport.tc3Signature(secretKey, scopeDate, scopeService, sts);
        if (!SigningSupport.sameSignature(expected, f.get("Signature"))) {
            throw new TencentError("AuthFailure.SignatureFailure",
                    "The provided credentials could not be validated. Please check your signature is correct.");
        }
        String region = firstNonEmpty(h.getFirst("X-TC-Region"), queryValue(SigningSupport.queryPairs(rawQuery), "Region"));
        return new TencentCall(secretId, region, null, now);
    }

    private TencentParams parseTencentParams(Headers h, String method, List<String[]> queryPairs, byte[] body) {
        if (method.equals("GET")) return TencentParams.fromPairs(queryPairs);
        String ct = String.valueOf(h.getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            return TencentParams.fromPairs(SigningSupport.queryPairs(new String(body, StandardCharsets.UTF_8).replace('+', ' ')));
        }
        if (!ct.startsWith("application/json")) {
            throw new TencentError("InvalidParameter", "Content-Type `" + h.getFirst("Content-Type") + "` is not supported.");
        }
        if (body.length == 0) return new TencentParams(mapper.createObjectNode());
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null || n.isMissingNode()) return new TencentParams(mapper.createObjectNode());
            if (!n.isObject()) throw new TencentError("InvalidParameter", "The request body must be a JSON object.");
            return new TencentParams((ObjectNode) n);
        } catch (JsonProcessingException e) {
            throw new TencentError("InvalidParameter", "The request body is not valid JSON.");
        } catch (IOException e) {
            throw new TencentError("InvalidParameter", "The request body cannot be read.");
        }
    }

    // ================================================================== Huawei

    private void huawei(HttpExchange ex, byte[] body, Instant now, long arrivalNanos, String projectId)
            throws IOException {
        String requestId = UUID.randomUUID().toString().replace("-", "");
        Headers h = ex.getRequestHeaders();
        String rawQuery = ex.getRequestURI().getRawQuery();
        List<String[]> pairs = SigningSupport.queryPairs(rawQuery);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("project_id", projectId);
        for (String[] kv : pairs) {
            params.merge(kv[0], kv[1], (a, b) -> {
                List<Object> l = a instanceof List<?> ? new ArrayList<>((List<?>) a) : new ArrayList<>(List.of(a));
                l.add(b);
                return l;
            });
        }
        String authHeader = h.getFirst("Authorization");
        String credential = credentialOf(authHeader);
        Api api = Api.HUAWEI_TRANSCODE;
        FaultKind fault = faults.decide(api);
        if (endsTheCall(fault)) { // recorded before the reply, as every call is
            record(now, api, api.action(), credential, params, statusOf(fault), fault.name(), fault,
                    fault == FaultKind.DROP_CONNECTION ? null : requestId);
        }
        if (transportFault(ex, fault, Map.of("X-Request-Id", requestId))) {
            return;
        }
        try {
            if (fault == FaultKind.THROTTLE) throw throttled(config.rateLimit(api));
            if (!ex.getRequestMethod().equalsIgnoreCase("GET")) {
                throw new HuaweiError(404, HUAWEI_NOT_FOUND_ERROR,
                        "The API does not exist or has not been published in the environment", true);
            }
            String ak = authenticateHuawei(ex, h, rawQuery, body, now, projectId, authHeader);
            if (!admit(ak, api, arrivalNanos)) throw throttled(config.rateLimit(api));
            ObjectNode answer = huaweiHandler.handle(projectId, pairs, now);
            ex.getResponseHeaders().set("X-Request-Id", requestId);
            record(now, api, api.action(), credential, params, 200, "ok", fault, requestId);
            send(ex, 200, "application/json;charset=UTF-8", huaweiBody(answer, fault, pairs, now), fault);
        } catch (HuaweiError e) {
            record(now, api, api.action(), credential, params, e.status, e.code, fault, requestId);
            respondHuaweiError(ex, e, requestId, fault);
        }
    }

    /** The body of a Huawei success answer, mangled when the fault says so. */
    private byte[] huaweiBody(ObjectNode answer, FaultKind fault, List<String[]> pairs, Instant now)
            throws IOException {
        if (fault == FaultKind.ANSWER_EMPTY_BODY) {
            return new byte[0];
        }
        if (fault == FaultKind.ANSWER_NULL_BODY) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        if (fault != null && fault.mangles()) {
            String start = queryValue(pairs, "start_time");
            Instant askedStart = start == null || start.isEmpty() ? now.minus(Duration.ofHours(24)) : Instant.parse(start);
            AnswerMangler.mangle(fault, Api.HUAWEI_TRANSCODE, answer, askedStart.truncatedTo(ChronoUnit.HOURS));
        }
        return mapper.writeValueAsBytes(answer);
    }

    /** The start a Tencent request asked for, where a mangled answer places a bucket before it. */
    private static Instant askedStart(Api api, TencentParams params) {
        String start = params.optString("StartTime");
        if (start == null) {
            return null;
        }
        return switch (api) {
            case TRTC_USAGE -> LocalDate.parse(start).atStartOfDay(UsageDataModel.UTC8).toInstant();
            case MPS_USAGE, VOD_PLAY_STATS -> MpsUsageHandler.parseIso(start, "StartTime", "InvalidParameterValue")
                    .toInstant();
            case CSS_TRANSCODE -> CssTranscodeHandler.time(start, "StartTime");
            default -> null;
        };
    }

    private static HuaweiError throttled(int limit) {
        return new HuaweiError(429, HUAWEI_THROTTLE_ERROR,
                "The throttling threshold has been reached: policy user over ratelimit,limit:" + limit + ",time:1 second", true);
    }

    private void respondHuaweiError(HttpExchange ex, HuaweiError e, String requestId, FaultKind fault) throws IOException {
        ObjectNode err = mapper.createObjectNode();
        err.put("error_code", e.code);
        err.put("error_msg", e.getMessage());
        if (e.gateway) err.put("request_id", requestId);
        ex.getResponseHeaders().set("X-Request-Id", requestId);
        send(ex, e.status, "application/json;charset=UTF-8", mapper.writeValueAsBytes(err), fault);
    }

    private String authenticateHuawei(HttpExchange ex, Headers h, String rawQuery, byte[] body, Instant now,
                                      String projectId, String auth) {
        if (auth == null || auth.isBlank()) throw HuaweiError.auth("Authorization header not found");
        String prefix = "SDK-HMAC-SHA256 ";
        if (!auth.startsWith(prefix)) throw HuaweiError.auth("Authorization must use SDK-HMAC-SHA256");
        Map<String, String> f = parseAuthFields(auth.substring(prefix.length()));
        if (f == null || f.get("Access") == null || f.get("SignedHeaders") == null || f.get("Signature") == null) {
            throw HuaweiError.auth("Authorization must carry Access, SignedHeaders and Signature");
        }
        String ak = f.get("Access");
        String sk = config.huaweiCredentials.get(ak);
        if (sk == null) throw HuaweiError.auth("access key " + ak + " not found");
        String sdkDate = h.getFirst("X-Sdk-Date");
        if (sdkDate == null) throw HuaweiError.auth("X-Sdk-Date header not found");
        Instant signedAt;
        try {
            signedAt = Instant.from(SDK_DATE.parse(sdkDate.trim()));
        } catch (DateTimeParseException e) {
            throw HuaweiError.auth("X-Sdk-Date must be yyyyMMdd'T'HHmmss'Z'");
        }
        if (Duration.between(signedAt, now).abs().compareTo(HUAWEI_MAX_SKEW) > 0) {
            throw HuaweiError.auth("the request has expired: X-Sdk-Date " + sdkDate + " is more than 15 minutes from the server time");
        }
        List<String> signed = List.of(f.get("SignedHeaders").split(";"));
        if (!signed.contains("host")) throw HuaweiError.auth("SignedHeaders must include host");
        List<String[]> headers = new ArrayList<>();
        for (String name : signed) {
            String v = h.getFirst(name);
            if (v == null) throw HuaweiError.auth("signed header " + name + " not found in the request");
            headers.add(new String[]{name, v});
        }
        String uri = SigningSupport.huaweiCanonicalUri(ex.getRequestURI().getRawPath());
        String payloadHash = SigningSupport.sha256Hex(body);
        boolean ok = false;
        for (boolean sortValues : new boolean[]{false, true}) {
            String cr = SigningSupport.huaweiCanonicalRequest(ex.getRequestMethod().toUpperCase(Locale.ROOT), uri,
                    SigningSupport.huaweiCanonicalQuery(rawQuery, sortValues), headers, f.get("SignedHeaders"), payloadHash);
            String expected = SigningSupport.huaweiSignature(sk, SigningSupport.huaweiStringToSign(sdkDate.trim(), cr));
            if (SigningSupport.sameSignature(expected, f.get("Signature"))) {
                ok = true;
                break;
            }
        }
        if (!ok) throw HuaweiError.auth("verify aksk signature fail");
        String headerProject = h.getFirst("X-Project-Id");
        if (headerProject == null || headerProject.isEmpty()) {
            throw HuaweiError.auth("X-Project-Id header not found (required with AK/SK authentication)");
        }
        if (!headerProject.equals(projectId)) {
            throw HuaweiError.auth("X-Project-Id " + headerProject + " does not match the project_id in the path (" + projectId + ")");
        }
        return ak;
    }
}
