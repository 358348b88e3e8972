package io.mediausage.collector.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the simulator received.
 *
 * @param time        the simulator clock's time when the request arrived
 * @param api         the API (null when the action/path was not recognised)
 * @param action      the action name as sent (X-TC-Action, or "ListTranscodeData" for the Huawei path), may be null
 * @param credential  the SecretId / AK named in the Authorization header (may be null if it could not be parsed)
 * @param parameters  the parsed request parameters (Tencent: body/query parameters; Huawei: query parameters plus project_id)
 * @param httpStatus  the HTTP status sent (0 when the connection was dropped)
 * @param outcome     "ok", the error code sent (e.g. "AuthFailure.SignatureFailure", "APIGW.0301", "LIVE.100011001"),
 *                    or for transport faults "HTTP_503", "DROP_CONNECTION"...
 * @param fault       the injected fault, or null
 * @param requestId   the request id sent back (RequestId / X-Request-Id), null when dropped
 */
public record RecordedCall(Instant time, Api api, String action, String credential, Map<String, Object> parameters,
                           int httpStatus, String outcome, FaultKind fault, String requestId) {

    public boolean ok() {
        return "ok".equals(outcome);
    }
}
