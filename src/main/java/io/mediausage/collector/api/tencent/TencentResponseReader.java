package io.mediausage.collector.api.tencent;

import io.mediausage.collector.exchange.UsageExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.ApiResponse;
import io.mediausage.collector.api.CloudApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a Tencent Cloud API 3.0 answer. Errors arrive as HTTP 200 with {@code Response.Error}; a non-JSON or
 * truncated body, or a non-200 status from a gateway, is a transient fault. The RequestId, also of an error, is kept in
 * exchange property {@link UsageExchange#CLOUD_REQUEST_ID} for the call's log lines.
 */
public record TencentResponseReader(ObjectMapper objectMapper) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String action = message.getHeader("X-TC-Action", "Tencent Cloud API", String.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        if (status != 200) {
            throw new CloudApiException(action, "HTTP " + status, "unexpected HTTP status", null, true);
        }
        JsonNode response = AnswerShape.parse(objectMapper, body, action, null).path("Response");
        String requestId = response.path("RequestId").asText(null);
        exchange.setProperty(UsageExchange.CLOUD_REQUEST_ID, requestId);
        JsonNode error = response.path("Error");
        if (!error.isMissingNode()) {
            String code = error.path("Code").asText("UnknownError");
            throw new CloudApiException(action, code, error.path("Message").asText(""), requestId, isRetriable(code));
        }
        if (response.isMissingNode() || requestId == null) {
            throw AnswerShape.invalid(action, "answer has no Response.RequestId");
        }
        message.setBody(new ApiResponse(response, requestId));
    }

    /** Throttling and server-side faults pass; AuthFailure.*, InvalidParameter* and the rest need a person. */
    static boolean isRetriable(String code) {
        return code.startsWith("RequestLimitExceeded") || code.startsWith("InternalError")
                || code.equals("FailedOperation.NetWorkError") || code.equals("FailedOperation.DBError")
                || code.equals("ResourceUnavailable")
                || code.startsWith("ServiceUnavailable");
    }
}
