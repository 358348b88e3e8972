package io.mediausage.collector.cli;

import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * {@code demo [--days N]}: collects the last days of every source from a local simulator into a local broker and
 * shows what landed. The simulator and the broker are a {@link DemoEnvironment} on the demo classpath (see README).
 */
record DemoCommand(PrintStream out, PrintStream err) implements CliCommand {

    @Override
    public int run(CommandLine commandLine) throws Exception {
        DemoEnvironment environment = ServiceLoader.load(DemoEnvironment.class).findFirst().orElse(null);
        if (environment == null) {
            err.println("The demo needs the local API simulator and Kafka broker, which are not part of the "
                    + "production jar. Run it from the project directory with: mvn -B -q -DskipTests package exec:exec@demo");
            return UsageCollectorCli.USAGE;
        }
        Duration days = Duration.ofDays(Long.parseLong(commandLine.optional("--days", "3")));
        try (environment) {
            out.println("Demo: simulator at " + environment.simulatorUrl() + ", Kafka at "
                    + environment.bootstrapServers());
            List<CollectionReport> reports = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            Map<String, String> overrides = new HashMap<>(environment.overrides());
            // every API's default endpoint points at the simulator (sources that set their own keep it)
            CollectorApplication.apiNames().forEach(api ->
                    overrides.put("usage." + api + ".endpoint", environment.simulatorUrl()));
            try (CollectorApplication app = CollectorApplication.start(commandLine.settings(overrides,
                    environment.credentials(), false))) {
                Instant now = Clock.systemUTC().instant();
                for (UsageSource source : app.sources().all()) {
                    reports.add(app.collect(source.name(), now.minus(days), now));
                    if (!topics.contains(source.topic())) {
                        topics.add(source.topic());
                    }
                }
            }
            reports.forEach(report -> ReportPrinter.print(err, report));
            new TopicPrinter(environment.bootstrapServers(), out).print(topics);
            return reports.stream().allMatch(CollectionReport::succeeded) ? UsageCollectorCli.OK
                    : UsageCollectorCli.FAILED;
        }
    }
}
