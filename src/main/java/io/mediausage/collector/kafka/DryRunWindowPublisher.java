package io.mediausage.collector.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediausage.collector.event.UsageEvent;
import java.io.PrintStream;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stands in for the Kafka publisher in a dry run: prints the window's events as JSON lines, publishes nothing and
 * moves no checkpoint, so ops can check a new source (signing and HTTP for real) before it goes live.
 */
public record DryRunWindowPublisher(PrintStream out, ObjectMapper objectMapper) implements Processor {

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (UsageEvent event : (List<UsageEvent>) exchange.getMessage().getMandatoryBody(List.class)) {
            lines.append(objectMapper.writeValueAsString(event)).append(System.lineSeparator());
        }
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
    }
}
