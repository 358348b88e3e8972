package io.mediausage.collector.api.huawei;

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

class HuaweiResponseReaderTest {

    private final HuaweiResponseReader reader = new HuaweiResponseReader(new ObjectMapper());

    private static Exchange answer(int status, String requestIdHeader, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader("X-Request-Id", requestIdHeader);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void should_keep_the_request_id_of_an_answer_for_the_call_s_log_lines() {
        Exchange exchange = answer(200, "req-ok", "{\"data_list\":[]}");

        reader.process(exchange);

        assertThat(exchange.getMessage().getBody(ApiResponse.class).requestId()).isEqualTo("req-ok");
        assertThat(exchange.getProperty(UsageExchange.CLOUD_REQUEST_ID)).isEqualTo("req-ok");
    }

    @Test
    void should_keep_the_request_id_a_gateway_error_repeats_in_its_body() {
        Exchange exchange = answer(401, null, "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM "
                + "authentication information\",\"request_id\":\"req-gateway\"}");

        assertThatThrownBy(() -> reader.process(exchange)).isInstanceOf(CloudApiException.class);
        assertThat(exchange.getProperty(UsageExchange.CLOUD_REQUEST_ID)).isEqualTo("req-gateway");
    }

    @ParameterizedTest(name = "body \"{0}\"")
    @ValueSource(strings = {"", " ", "null", "[]", "42"})
    void should_refuse_a_success_whose_body_is_empty_or_not_an_object_naming_its_request_id(String body) {
        Exchange exchange = answer(200, "req-empty", body);

        assertRefused(() -> reader.process(exchange), "ListTranscodeData failed: InvalidAnswer: the answer body is",
                "(RequestId req-empty)");
        assertThat(exchange.getProperty(UsageExchange.CLOUD_REQUEST_ID)).isEqualTo("req-empty");
    }
}
