package io.mediausage.collector.collect;

import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.ApiResponse;
import io.mediausage.collector.api.CloudApiException;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.event.UsageEventFactory;
import io.mediausage.collector.event.UsageMeasurement;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Maps an API answer (body) for the call in exchange property {@link UsageExchange#API_CALL} to usage events. */
public record UsageEventMapper(UsageEventFactory factory, Clock clock) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        ApiCall call = exchange.getProperty(UsageExchange.API_CALL, ApiCall.class);
        ApiResponse response = exchange.getMessage().getMandatoryBody(ApiResponse.class);
        List<UsageEvent> events = factory.create(call.origin(), measurements(call, response), response.requestId(),
                clock.instant());
        exchange.getMessage().setBody(events);
    }

    /** A refused answer names its RequestId, which only the response knows: the cloud's support needs it. */
    private static List<UsageMeasurement> measurements(ApiCall call, ApiResponse response) {
        try {
            return call.source().api().measurements(response.body(), call);
        } catch (CloudApiException e) {
            throw e.requestId() == null ? new CloudApiException(e, response.requestId()) : e;
        }
    }
}
