package io.mediausage.collector.api.huawei;

import io.mediausage.collector.exchange.UsageExchange;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.AnswerShape;
import io.mediausage.collector.api.ApiResponse;
import io.mediausage.collector.api.CloudApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a Huawei Cloud answer: 2xx with the data, or 4xx/5xx with {@code error_code}/{@code error_msg}; the
 * request id is in the {@code X-Request-Id} header (gateway errors repeat it in the body). It is kept in exchange
 * property {@link UsageExchange#CLOUD_REQUEST_ID} for the call's log lines.
 */
public record HuaweiResponseReader(ObjectMapper objectMapper) implements Processor {

    private static final String API = "Huawei Cloud Live " + LiveTranscodeUsageApi.ACTION;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String requestId = message.getHeader("X-Request-Id", String.class);
        String body = message.getBody(String.class);
        if (status >= 200 && status < 300) {
            exchange.setProperty(UsageExchange.CLOUD_REQUEST_ID, requestId);
            JsonNode answer = AnswerShape.parse(objectMapper, body, API, requestId);
            message.setBody(new ApiResponse(object(answer, requestId), requestId));
            return;
        }
        JsonNode error = tryParse(body);
        String code = error.path("error_code").asText("HTTP " + status);
        String text = error.path("error_msg").asText("HTTP status " + status);
        if (requestId == null) {
            requestId = error.path("request_id").asText(null);
        }
        exchange.setProperty(UsageExchange.CLOUD_REQUEST_ID, requestId);
        throw new CloudApiException(API, code, text, requestId, isRetriable(status, code));
    }

    /** 429 and 5xx pass (APIGW.0308 is gateway throttling); 400/401/403/404 need a person. */
    static boolean isRetriable(int status, String code) {
        return status == 429 || status >= 500 || "APIGW.0308".equals(code);
    }

    /** A 2xx with an empty body or {@code null} is not "no usage": the data the document describes is an object. */
    private static JsonNode object(JsonNode answer, String requestId) {
        try {
            return AnswerShape.body(answer, API);
        } catch (CloudApiException e) {
            throw new CloudApiException(e, requestId);
        }
    }

    private JsonNode tryParse(String body) {
        try {
            return objectMapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return objectMapper.createObjectNode();
        }
    }
}
