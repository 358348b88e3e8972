package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.task.WindowPart;
import io.mediausage.collector.exchange.UsageExchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.api.huawei.LiveTranscodeUsageApi;
import io.mediausage.collector.api.tencent.VodPlayStatsApi;
import io.mediausage.collector.ratelimit.ApiRateLimitProcessor;
import io.mediausage.collector.ratelimit.ApiRateLimiters;
import io.mediausage.collector.signing.Credentials;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import io.mediausage.collector.window.Window;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window runner against routes that stand in for the API calls (answering after a random delay, so windows
 * finish out of order) and the publisher (recording what it is given, in order).
 */
class WindowRunnerTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private CamelContext context;
    private final List<Window> published = Collections.synchronizedList(new ArrayList<>());
    private final List<WindowPart> parts = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failingItems = ConcurrentHashMap.newKeySet();
    private final Set<Window> failing = ConcurrentHashMap.newKeySet();
    private final Set<Window> failingToPublish = ConcurrentHashMap.newKeySet();
    /** How many times the publisher was called for whole windows (with the ready windows following them). */
    private final AtomicInteger publishings = new AtomicInteger();
    private final AtomicInteger callsUnderWay = new AtomicInteger();
    private final AtomicInteger mostCallsUnderWay = new AtomicInteger();
    private final AtomicInteger callsMade = new AtomicInteger();
    /** How many calls had been made when each publishing of a window ended. */
    private final List<Integer> callsMadeByPublish = Collections.synchronizedList(new ArrayList<>());
    private volatile long publishMillis;
    /** A window whose call answers this late, and how many calls had been made when it did. */
    private volatile Window slowCall;
    private final AtomicInteger callsMadeWhenSlowCallEnded = new AtomicInteger();
    /** When set, the calls take their permits from a real rate limiter first, as the call route does. */
    private volatile ApiRateLimitProcessor rateLimit;
    private final List<Window> permitted = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        Random random = new Random(7);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(CollectRoutes.CALL_API).process(exchange -> {
                    if (rateLimit != null) {
                        exchange.setProperty(UsageExchange.API_CALL, exchange.getMessage().getBody());
                        rateLimit.process(exchange);
                        permitted.add(exchange.getMessage().getBody(ApiCall.class).window());
                    }
                    callsMade.incrementAndGet();
                    mostCallsUnderWay.accumulateAndGet(callsUnderWay.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(random.nextInt(30)); // a call takes a while, so that calls overlap
                        ApiCall call = exchange.getMessage().getBody(ApiCall.class);
                        if (call.window().equals(slowCall)) {
                            Thread.sleep(400);
                            callsMadeWhenSlowCallEnded.set(callsMade.get());
                        }
                        if (failing.contains(call.window()) || call.item().filter(failingItems::contains).isPresent()) {
                            throw new IllegalStateException("no answer for " + call.window());
                        }
                        exchange.getMessage().setBody(List.of());
                    } finally {
                        callsUnderWay.decrementAndGet();
                    }
                });
                from(CollectRoutes.PUBLISH_WINDOW).process(exchange -> {
                    WindowPart part = exchange.getProperty(UsageExchange.WINDOW_PART, WindowPart.WHOLE,
                            WindowPart.class);
                    parts.add(part);
                    Thread.sleep(publishMillis); // publishing takes as long as the test says
                    if (part == WindowPart.WHOLE || part == WindowPart.LAST) {
                        publishings.incrementAndGet();
                        // the ready windows after it go in the same transaction
                        List<Window> transaction = new ArrayList<>();
                        transaction.add(exchange.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class).window());
                        for (Object following : exchange.getProperty(UsageExchange.FOLLOWING_WINDOWS, List.of(),
                                List.class)) {
                            transaction.add(((Exchange) following).getProperty(UsageExchange.WINDOW_TASK,
                                    WindowTask.class).window());
                        }
                        if (transaction.stream().anyMatch(failingToPublish::contains)) {
                            throw new IllegalStateException("transaction of " + transaction + " aborted");
                        }
                        transaction.forEach(window -> {
                            published.add(window);
                            callsMadeByPublish.add(callsMade.get());
                        });
                    }
                });
                from(CollectRoutes.WINDOW_PUBLISHED).log("published: ${exchangeProperty.usageWindowTask}");
                from(CollectRoutes.WINDOW_FAILED).log("failed: ${body}");
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private static UsageSource source(double rateLimit) {
        return new UsageSource("live", new LiveTranscodeUsageApi(), URI.create("https://live.example"), "p1",
                new Credentials("AK000000000000000000", "sk"), "t", START, Duration.ZERO, Duration.ZERO, rateLimit,
                new SourceParameters("live", Map.of("projectId", "p1", "region", "cn-north-4")));
    }

    /** Hourly windows, one call each (Huawei Live asks one query a window). */
    private static List<WindowTask> hours(UsageSource source, int count) {
        List<WindowTask> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            windows.add(new WindowTask(source, hour(i)));
        }
        return windows;
    }

    private static Window hour(int i) {
        return new Window(START.plus(Duration.ofHours(i)), START.plus(Duration.ofHours(i + 1)));
    }

    private WindowRunner runner(int maxCallsInFlight) {
        return new WindowRunner(context, Clock.systemUTC(), Duration.ofMinutes(1), maxCallsInFlight);
    }

    @Test
    void should_keep_calls_in_flight_and_publish_every_window_in_window_order() {
        List<WindowTask> windows = hours(source(10), 40);

        WindowRunner.Outcome outcome = runner(64).run(windows, true, (task, index, total, events, failure) -> { },
                () -> false);

        assertThat(outcome.failures()).isEmpty();
        assertThat(published).containsExactlyElementsOf(windows.stream().map(WindowTask::window).toList());
        assertThat(mostCallsUnderWay.get()).isGreaterThan(1).isLessThanOrEqualTo(11); // a second of 10/s, plus one
    }

    @Test
    void should_give_the_calls_their_permits_in_window_order() {
        // eleven calls start on eleven new threads at once, which reach the limiter in any order; the source
        // publishes its windows oldest first, so the oldest window's call must not get the last permit
        rateLimit = new ApiRateLimitProcessor(new ApiRateLimiters());
        List<WindowTask> windows = hours(source(50), 11);

        runner(64).run(windows, true, (task, index, total, events, failure) -> { }, () -> false);

        assertThat(permitted).containsExactlyElementsOf(windows.stream().map(WindowTask::window).toList());
        assertThat(published).containsExactlyElementsOf(windows.stream().map(WindowTask::window).toList());
    }

    @Test
    void should_make_the_next_windows_calls_while_a_window_is_published() {
        publishMillis = 200; // as slow as a first window, which opens its transactional producer

        runner(3).run(hours(source(100), 6), true, (task, index, total, events, failure) -> { }, () -> false);

        // three windows fit in the budget; once the first one's call is done, the fourth (and those whose calls were
        // done by then, which go with it) start as it is published
        assertThat(callsMadeByPublish.get(0)).isGreaterThanOrEqualTo(4);
        assertThat(mostCallsUnderWay.get()).isLessThanOrEqualTo(3);
        assertThat(published).containsExactlyElementsOf(hours(source(100), 6).stream().map(WindowTask::window).toList());
    }

    @Test
    void should_make_the_next_windows_calls_while_an_earlier_window_waits_for_a_slow_answer() {
        slowCall = hour(0);

        runner(3).run(hours(source(100), 10), true, (task, index, total, events, failure) -> { }, () -> false);

        // the calls that ended made room for the next windows' while the first still waited; the windows done and
        // waiting for it stay within twice the budget
        assertThat(callsMadeWhenSlowCallEnded.get()).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(6);
        assertThat(mostCallsUnderWay.get()).isLessThanOrEqualTo(3);
        assertThat(published).containsExactlyElementsOf(hours(source(100), 10).stream().map(WindowTask::window)
                .toList());
    }

    @Test
    void should_publish_the_windows_ready_after_a_window_in_its_transaction() {
        publishMillis = 200; // while the first window is published, the calls of the others are answered

        WindowRunner.Outcome outcome = runner(64).run(hours(source(100), 8), true,
                (task, index, total, events, failure) -> { }, () -> false);

        assertThat(outcome.failures()).isEmpty();
        assertThat(published).containsExactlyElementsOf(hours(source(100), 8).stream().map(WindowTask::window)
                .toList());
        assertThat(publishings.get()).isLessThan(8);
    }

    @Test
    void should_fail_the_windows_published_with_one_that_failed_and_publish_nothing_after_them() {
        publishMillis = 200;
        failingToPublish.add(hour(3)); // its transaction, with the windows published with it, fails

        WindowRunner.Outcome outcome = runner(64).run(hours(source(100), 8), true,
                (task, index, total, events, failure) -> { }, () -> false);

        assertThat(publishings.get()).isLessThan(8);
        assertThat(published).doesNotContain(hour(3)).isSubsetOf(hour(0), hour(1), hour(2));
        // every window not published is reported: those of the failed transaction with its failure, the rest after it
        assertThat(outcome.failures()).hasSize(8 - published.size());
        assertThat(outcome.failures()).anySatisfy(failure -> assertThat(failure)
                .startsWith("live " + hour(3) + ": transaction of"));
    }

    @Test
    void should_keep_no_more_calls_in_flight_than_the_cap() {
        runner(3).run(hours(source(100), 30), true, (task, index, total, events, failure) -> { }, () -> false);

        assertThat(mostCallsUnderWay.get()).isLessThanOrEqualTo(3);
        assertThat(published).hasSize(30);
    }

    @Test
    void should_publish_nothing_after_a_failed_window_in_a_scheduled_run() {
        failing.add(hour(10));

        WindowRunner.Outcome outcome = runner(64).run(hours(source(10), 40), true,
                (task, index, total, events, failure) -> { }, () -> false);

        assertThat(published).containsExactlyElementsOf(hours(source(10), 10).stream().map(WindowTask::window)
                .toList());
        assertThat(outcome.failures()).first().asString().contains("no answer for " + hour(10));
        assertThat(outcome.failures()).allSatisfy(failure -> assertThat(failure).satisfiesAnyOf(
                text -> assertThat(text).contains("no answer"),
                text -> assertThat(text).contains("an earlier window failed")));
        assertThat(outcome.windowsNotStarted()).isPositive();
    }

    @Test
    void should_go_on_past_a_failed_window_in_a_backfill_and_report_it() {
        failing.add(hour(10));

        WindowRunner.Outcome outcome = runner(64).run(hours(source(10), 40), false,
                (task, index, total, events, failure) -> { }, () -> false);

        assertThat(published).hasSize(39).doesNotContain(hour(10)).isSorted();
        assertThat(outcome.failures()).singleElement().asString().contains(hour(10).toString());
        assertThat(outcome.windowsNotStarted()).isZero();
    }

    @Test
    void should_finish_the_windows_in_flight_and_start_no_more_once_asked_to_stop() {
        AtomicInteger done = new AtomicInteger();

        WindowRunner.Outcome outcome = runner(64).run(hours(source(10), 40), false,
                (task, index, total, events, failure) -> done.incrementAndGet(), () -> done.get() >= 5);

        assertThat(outcome.windowsNotStarted()).isPositive();
        assertThat(published).hasSize(40 - outcome.windowsNotStarted()).isSorted();
        assertThat(outcome.failures()).isEmpty();
    }

    /** A VOD source of many files: a window is a call per file. */
    private static UsageSource files(int count, double rateLimit) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("f" + i);
        }
        return new UsageSource("vod", new VodPlayStatsApi(), URI.create("https://vod.example"), "1",
                new Credentials("AKID0000000000000000", "sk"), "t", START, Duration.ZERO, Duration.ZERO, rateLimit,
                new SourceParameters("vod", Map.of("accountId", "1", "granularity", "hour",
                        "fileIds", String.join(",", ids))));
    }

    @Test
    void should_stream_a_wide_window_call_by_call_with_no_more_calls_under_way_than_its_budget() {
        WindowRunner.Outcome outcome = runner(64).run(List.of(new WindowTask(files(40, 4), hour(0))), true,
                (task, index, total, events, failure) -> { }, () -> false);

        assertThat(outcome.failures()).isEmpty();
        assertThat(mostCallsUnderWay.get()).isLessThanOrEqualTo(5); // a second of 4/s, plus one
        assertThat(parts).hasSize(41).startsWith(WindowPart.FIRST).endsWith(WindowPart.LAST);
        assertThat(parts.subList(1, 40)).containsOnly(WindowPart.MORE);
        assertThat(published).containsExactly(hour(0));
    }

    @Test
    void should_abort_a_wide_windows_open_transaction_when_one_of_its_calls_fails() {
        failingItems.add("f20");

        WindowRunner.Outcome outcome = runner(64).run(List.of(new WindowTask(files(40, 4), hour(0))), true,
                (task, index, total, events, failure) -> { }, () -> false);

        assertThat(outcome.failures()).singleElement().asString().contains("no answer");
        assertThat(parts).startsWith(WindowPart.FIRST).endsWith(WindowPart.ABORT).doesNotContain(WindowPart.LAST);
        assertThat(published).isEmpty();
    }
}
