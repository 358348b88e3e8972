package io.mediausage.collector.api.tencent;

import io.mediausage.collector.exchange.UsageExchange;
import static io.mediausage.collector.api.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.api.ApiResponse;
import io.mediausage.collector.api.CloudApiException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TencentResponseReaderTest {

    private final TencentResponseReader reader = new TencentResponseReader(new ObjectMapper());

    private static Exchange answer(int status, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("X-TC-Action", "DescribeUsageData");
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void should_keep_the_request_id_of_an_answer_for_the_call_s_log_lines() {
        Exchange exchange = answer(200, "{\"Response\":{\"Data\":[],\"RequestId\":\"req-ok\"}}");

        reader.process(exchange);

        assertThat(exchange.getMessage().getBody(ApiResponse.class).requestId()).isEqualTo("req-ok");
        assertThat(exchange.getProperty(UsageExchange.CLOUD_REQUEST_ID)).isEqualTo("req-ok");
    }

    @Test
    void should_keep_the_request_id_of_an_error_too() {
        Exchange exchange = answer(200, "{\"Response\":{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"m\"},"
                + "\"RequestId\":\"req-error\"}}");

        assertThatThrownBy(() -> reader.process(exchange)).isInstanceOf(CloudApiException.class);
        assertThat(exchange.getProperty(UsageExchange.CLOUD_REQUEST_ID)).isEqualTo("req-error");
    }

    @Test
    void should_name_no_request_id_when_the_answer_has_none() {
        Exchange exchange = answer(503, "Service Unavailable");

        assertThatThrownBy(() -> reader.process(exchange)).isInstanceOf(CloudApiException.class);
        assertThat(exchange.getProperty(UsageExchange.CLOUD_REQUEST_ID)).isNull();
    }

    @ParameterizedTest(name = "body \"{0}\"")
    @ValueSource(strings = {"", "null", "[]", "{}", "{\"Response\":null}"})
    void should_refuse_a_success_whose_body_is_empty_or_has_no_response(String body) {
        Exchange exchange = answer(200, body);

        assertRefused(() -> reader.process(exchange), "failed: InvalidAnswer: answer has no Response.RequestId");
    }
}
