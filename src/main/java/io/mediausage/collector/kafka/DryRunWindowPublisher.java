package io.mediausage.collector.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.exchange.UsageExchange;
import java.io.PrintStream;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stands in for the Kafka publisher in a dry run: prints the window's events as JSON lines, publishes nothing and
 * moves no checkpoint, so ops can check a new source (signing and HTTP for real) before it goes live.
 */
public record DryRunWindowPublisher(PrintStream out, ObjectMapper objectMapper) implements Processor {

    /** Prints the window's events, then those of the ready windows following it ({@code FOLLOWING_WINDOWS}). */
    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        StringBuilder lines = new StringBuilder();
        print(exchange, lines);
        for (Exchange following : (List<Exchange>) exchange.getProperty(UsageExchange.FOLLOWING_WINDOWS, List.of(),
                List.class)) {
            print(following, lines);
        }
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private void print(Exchange window, StringBuilder lines) throws Exception {
        for (UsageEvent event : (List<UsageEvent>) window.getMessage().getMandatoryBody(List.class)) {
            lines.append(objectMapper.writeValueAsString(event)).append(System.lineSeparator());
        }
    }
}
