package io.mediausage.collector.collect;

import io.mediausage.collector.exchange.UsageExchange;
import static io.mediausage.collector.api.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.ApiResponse;
import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.event.UsageEventFactory;
import io.mediausage.collector.testing.TestSources;
import io.mediausage.collector.window.Window;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class UsageEventMapperTest {

    private final UsageEventMapper mapper = new UsageEventMapper(new UsageEventFactory(),
            Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void should_name_the_request_id_of_an_answer_it_refuses() throws Exception {
        Exchange exchange = exchange(new ApiResponse(json.readTree("{\"transcode_data\":[]}"), "req-refused"));

        assertRefused(() -> mapper.process(exchange), "ListTranscodeData failed: InvalidAnswer: the answer has no "
                + "transcode_data_list (it has transcode_data) (RequestId req-refused)");
    }

    @Test
    void should_map_an_answer_it_accepts_to_events_carrying_its_request_id() throws Exception {
        Exchange exchange = exchange(new ApiResponse(json.readTree("{\"transcode_data_list\":[{\"time\":"
                + "\"2026-01-01T00:00:00Z\",\"spec_list\":[{\"type\":\"H264_HD\",\"value\":1.5}]}]}"), "req-ok"));

        mapper.process(exchange);

        List<?> events = exchange.getMessage().getBody(List.class);
        assertThat(events).hasSize(1);
        assertThat(((UsageEvent) events.get(0)).cloudRequestId()).isEqualTo("req-ok");
    }

    private static Exchange exchange(ApiResponse response) {
        LiveTranscodeUsageApi api = new LiveTranscodeUsageApi();
        ApiCall call = api.calls(TestSources.source(api, "https://live.cn-north-4.myhuaweicloud.com",
                Map.of("projectId", "0a1b2c3d4e5f", "region", "cn-north-4")), new Window(
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"))).get(0);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(UsageExchange.API_CALL, call);
        exchange.getMessage().setBody(response);
        return exchange;
    }
}
