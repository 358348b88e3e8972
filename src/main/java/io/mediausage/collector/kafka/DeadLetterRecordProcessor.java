package io.mediausage.collector.kafka;

import io.mediausage.collector.exchange.UsageExchange;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.CloudApiException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * The dead-letter record of a call that failed for good: which source and window, the cloud's error code,
 * message and RequestId. Built from the call description and the error only, so no credential can reach it.
 */
public record DeadLetterRecordProcessor(ObjectMapper objectMapper, Clock clock) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ObjectNode record = objectMapper.createObjectNode()
                .put("source", call.source().name())
                .put("api", call.source().api().name())
                .put("action", call.origin().apiAction())
                .put("region", call.origin().regionId())
                .put("windowStart", call.window().start().toString())
                .put("windowEnd", call.window().end().toString());
        call.item().ifPresent(item -> record.put("item", item));
        if (failure instanceof CloudApiException cloud) {
            record.put("errorCode", cloud.errorCode()).put("message", cloud.getMessage())
                    .put("cloudRequestId", cloud.requestId()).put("retriable", cloud.isRetriable());
        } else {
            record.put("errorCode", failure == null ? "Unknown" : failure.getClass().getSimpleName())
                    .put("message", failure == null ? "" : String.valueOf(failure.getMessage()))
                    .putNull("cloudRequestId").put("retriable", true);
        }
        // once Camel has given up, its counter holds the redeliveries made: add the first attempt
        record.put("attempts", 1 + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class))
                .put("failedAt", clock.instant().toString());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, call.source().name() + "/" + call.window().start()
                + call.item().map(item -> "/" + item).orElse(""));
        message.setBody(objectMapper.writeValueAsString(record));
    }
}
