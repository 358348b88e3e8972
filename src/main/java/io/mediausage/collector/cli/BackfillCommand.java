package io.mediausage.collector.cli;

import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.app.CollectionReport;
import io.mediausage.collector.app.CollectorApplication;
import io.mediausage.collector.collect.BackfillPlan;
import io.mediausage.collector.source.CredentialsResolver;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code backfill (--source NAME | --all) --from T --to T}: a past range for one source or all, at full speed under
 * the rate limits, with progress on the terminal and a summary. Sources are collected side by side (each is held
 * back by its own API's rate limit, not by the others). It goes through the same checkpoints and keys as the
 * schedule, and keeps a checkpoint of its own, so the same command run again after an interruption or failed windows
 * collects only what is not committed.
 *
 * @param out where a dry run prints its events; progress and summary go to {@code err}
 */
record BackfillCommand(PrintStream out, PrintStream err, CredentialsResolver credentials) implements CliCommand {

    @Override
    public int run(CommandLine commandLine) throws Exception {
        Instant from = commandLine.instant("--from");
        Instant to = commandLine.instant("--to");
        boolean all = commandLine.flag("--all");
        if (all == commandLine.options().containsKey("--source")) {
            throw new IllegalArgumentException("backfill needs either --source NAME or --all");
        }
        GracefulStop stop = GracefulStop.onShutdownSignal();
        try (CollectorApplication app = CollectorApplication.start(commandLine.oneShot(credentials, out))) {
            stop.grace(Duration.ofSeconds(app.context().getShutdownStrategy().getTimeout()));
            List<String> sources = all ? app.sources().all().stream().map(UsageSource::name).toList()
                    : List.of(commandLine.required("--source"));
            List<BackfillPlan> plans = sources.stream().map(source -> app.planBackfill(source, from, to)).toList();
            plans.forEach(plan -> plan.resumption().ifPresent(resumption -> err.printf("%s: %s%n",
                    plan.sourceName(), resumption)));
            long start = System.nanoTime();
            BackfillProgress progress = new BackfillProgress(err,
                    plans.stream().mapToInt(plan -> plan.windows().size()).sum(), start,
                    BackfillProgress.inPlace(commandLine.options().get("--progress")));
            List<CollectionReport> reports = collectSideBySide(app, plans, progress, stop);
            progress.finish();
            boolean interrupted = reports.stream().anyMatch(report -> report.windowsNotStarted() > 0);
            err.printf("backfill of %d source(s) %s in %s:%n", sources.size(), interrupted ? "interrupted" : "done",
                    BackfillProgress.format(Duration.ofNanos(System.nanoTime() - start)));
            reports.forEach(report -> ReportPrinter.print(err, report));
            if (interrupted || reports.stream().anyMatch(report -> !report.failures().isEmpty())) {
                err.println("run the same command again to resume: it collects only the windows not committed yet");
            }
            return reports.stream().allMatch(CollectionReport::succeeded) ? UsageCollectorCli.OK
                    : UsageCollectorCli.FAILED;
        } finally {
            stop.finished();
        }
    }

    private static List<CollectionReport> collectSideBySide(CollectorApplication app, List<BackfillPlan> plans,
            BackfillProgress progress, GracefulStop stop) throws InterruptedException, ExecutionException {
        ExecutorService perSource = Executors.newFixedThreadPool(plans.size());
        try {
            List<Future<CollectionReport>> running = new ArrayList<>();
            for (BackfillPlan plan : plans) {
                running.add(perSource.submit(() -> app.collect(plan.sourceName(), plan.windows(), progress, stop)));
            }
            List<CollectionReport> reports = new ArrayList<>();
            for (Future<CollectionReport> report : running) {
                reports.add(report.get());
            }
            return reports;
        } finally {
            perSource.shutdown();
        }
    }
}
