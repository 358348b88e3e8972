package io.mediausage.collector.collect;

import io.mediausage.collector.api.ApiCall;
import io.mediausage.collector.event.UsageEvent;
import io.mediausage.collector.exchange.UsageExchange;
import io.mediausage.collector.ratelimit.CallOrder;
import io.mediausage.collector.task.ItemFailure;
import io.mediausage.collector.task.WindowPart;
import io.mediausage.collector.task.WindowTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Collects the windows of one source several at a time and publishes them in window order, as Kafka Connect commits
 * only the contiguous prefix of the records it has in flight: the checkpoint moves over each window as it is
 * published and never passes one that failed. The windows whose calls are done when one is published go in its
 * transaction, and fail with it.
 *
 * <p>The source's API calls go out on a lane of its own, as many at a time as its rate limit allows in one second
 * (at most {@code usage.http.max-calls-in-flight}), so a source one round trip away from its cloud still reaches its
 * limit, and many sources each reach theirs. New windows start while their calls fit in that budget (at least one
 * window is always in flight). A call that ends makes room at once, even while an earlier window still waits for
 * its answer or is being published, so that one slow answer or a first publishing (which opens a producer) does not
 * hold up the calls; the windows done and waiting for their turn are bounded too, to twice the budget of calls, and
 * so are the events they hold in memory.
 */
public final class WindowRunner {

    /** Told about each window as it ends, published or not. */
    @FunctionalInterface
    public interface Listener {

        /** @param failure null when the window was published whole */
        void windowDone(WindowTask task, int index, int total, int events, String failure);
    }

    /** What a run did. */
    public record Outcome(int windows, int events, List<String> failures, int windowsNotStarted) {
    }

    private static final String NOT_PUBLISHED = "not published: an earlier window failed";

    private final CamelContext context;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final Duration windowDeadline;
    private final int maxCallsInFlight;

    /**
     * @param windowDeadline   how long a window may take ({@code usage.window.deadline})
     * @param maxCallsInFlight the most calls one source has under way ({@code usage.http.max-calls-in-flight})
     */
    public WindowRunner(CamelContext context, Clock clock, Duration windowDeadline, int maxCallsInFlight) {
        this.context = context;
        this.producer = context.createProducerTemplate();
        this.clock = clock;
        this.windowDeadline = windowDeadline;
        this.maxCallsInFlight = maxCallsInFlight;
    }

    /**
     * A runner with the collector's settings, {@code usage.window.deadline} and {@code usage.http.max-calls-in-flight},
     * whose deadlines are in real time (the time the retry policy checks them against), whatever clock plans windows.
     */
    public static WindowRunner of(CamelContext context) {
        return new WindowRunner(context, Clock.systemUTC(),
                Duration.parse(context.resolvePropertyPlaceholders("{{usage.window.deadline}}")),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{usage.http.max-calls-in-flight}}")));
    }

    /**
     * Collects and publishes {@code windows} (all of one source, oldest first) until they are done or
     * {@code stopRequested} (checked before each window starts: the windows in flight are finished, not abandoned).
     *
     * @param stopAtFailure true for a scheduled run, which goes no further than a failed window (the next run starts
     *                      from it); false for {@code once} and {@code backfill}, which go on and report it
     */
    public Outcome run(List<WindowTask> windows, boolean stopAtFailure, Listener listener,
            BooleanSupplier stopRequested) {
        if (windows.isEmpty()) {
            return new Outcome(0, 0, List.of(), 0);
        }
        int budget = callsInFlight(windows.get(0));
        ExecutorService lane = context.getExecutorServiceManager().newFixedThreadPool(this,
                "usage-calls-" + windows.get(0).source().name(), budget);
        Starts starts = new Starts(windows, lane, budget, stopRequested);
        List<String> failures = new ArrayList<>();
        int done = 0;
        int events = 0;
        try {
            while (true) {
                starts.startWhileTheyFit();
                InFlight window = starts.inFlight.peek();
                if (window == null) {
                    break;
                }
                if (!starts.halted && !window.wide()) {
                    starts.awaitCalls(window);
                }
                starts.inFlight.poll();
                if (starts.halted) {
                    window.cancel();
                    done++;
                    failures.add(window.task() + ": " + NOT_PUBLISHED);
                    listener.windowDone(window.task(), done, windows.size(), 0, NOT_PUBLISHED);
                    continue;
                }
                Exchange result = collect(window);
                List<Exchange> ended = new ArrayList<>(List.of(result)); // and the ready ones published with it
                if (result.getException() == null) {
                    if (result.getProperty(UsageExchange.WINDOW_PART) == WindowPart.WHOLE) {
                        ended.addAll(starts.readyAfter());
                    }
                    // their calls are done: the next windows' calls go out while they are published
                    starts.startWhileTheyFit();
                    result.setProperty(UsageExchange.FOLLOWING_WINDOWS, List.copyOf(ended.subList(1, ended.size())));
                    producer.send(CollectRoutes.PUBLISH_WINDOW, result);
                }
                for (Exchange end : ended) {
                    done++;
                    WindowTask task = end.getProperty(UsageExchange.WINDOW_TASK, WindowTask.class);
                    int published = 0;
                    String failure;
                    Throwable cause = end.getException() != null ? end.getException() : result.getException();
                    if (cause != null) {
                        failure = failed(task, cause); // a window after one that failed in its transaction fails too
                        starts.halted = stopAtFailure;
                    } else {
                        if (end != result) {
                            producer.send(CollectRoutes.WINDOW_PUBLISHED, end); // the first went through its route
                        }
                        published = end.getProperty(UsageExchange.WINDOW_EVENTS, Integer.class);
                        failure = ItemFailure.describe(end);
                    }
                    events += published;
                    if (failure != null) {
                        failures.add(task + ": " + failure);
                    }
                    listener.windowDone(task, done, windows.size(), published, failure);
                }
            }
        } finally {
            starts.inFlight.forEach(InFlight::cancel);
            context.getExecutorServiceManager().shutdown(lane);
        }
        return new Outcome(windows.size(), events, failures, windows.size() - starts.started);
    }

    /** The windows of one run started so far, those in flight, and whether more may start. */
    private final class Starts {

        private final List<WindowTask> windows;
        private final ExecutorService lane;
        private final int budget;
        private final BooleanSupplier stopRequested;
        private final Deque<InFlight> inFlight = new ArrayDeque<>();
        /** A permit for each call that ended: room in the budget for the next windows. */
        private final Semaphore callsEnded = new Semaphore(0);
        /** The calls take their permits in the order they are started here, oldest window first. */
        private final CallOrder callOrder = new CallOrder();
        private int started;
        private boolean stopped;
        private boolean halted; // a window failed in a run that goes no further
        private List<ApiCall> nextCalls; // the calls of the next window to start, planned once

        Starts(List<WindowTask> windows, ExecutorService lane, int budget, BooleanSupplier stopRequested) {
            this.windows = windows;
            this.lane = lane;
            this.budget = budget;
            this.stopRequested = stopRequested;
        }

        /**
         * The windows next in order whose calls are all done, collected: published in the transaction of the window
         * before them, instead of waiting for a transaction each (up to the first wide one, or one that failed).
         */
        List<Exchange> readyAfter() {
            List<Exchange> ready = new ArrayList<>();
            for (InFlight next = inFlight.peek(); next != null && !next.wide() && next.done(); next = inFlight.peek()) {
                Exchange collected = collect(next);
                if (collected.getException() != null) {
                    break; // it fails on its own turn
                }
                inFlight.poll();
                ready.add(collected);
            }
            return ready;
        }

        /** Waits until the window's calls are done, starting the next windows as calls end and make room. */
        void awaitCalls(InFlight window) {
            try {
                while (!window.done()) {
                    callsEnded.acquire();
                    startWhileTheyFit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the window then fails as it is collected
            }
        }

        /** Starts the next windows, in order, while their calls fit in the budget with those in flight. */
        void startWhileTheyFit() {
            while (!stopped && !halted && started < windows.size()) {
                if (nextCalls == null) {
                    nextCalls = ApiCallPlanner.calls(windows.get(started));
                }
                if (!fits(inFlight, nextCalls.size(), budget)) {
                    return;
                }
                if (stopRequested.getAsBoolean()) {
                    stopped = true;
                    return;
                }
                inFlight.add(start(windows.get(started), nextCalls, lane, budget, callsEnded, callOrder));
                nextCalls = null;
                started++;
            }
        }
    }

    /** One second of the source's rate limit, so a round trip of up to a second still fills it. */
    private int callsInFlight(WindowTask task) {
        return Math.max(1, Math.min(maxCallsInFlight, (int) Math.ceil(task.source().rateLimit()) + 1));
    }

    /** The next window's calls fit with the calls under way, and with those of the windows waiting for their turn. */
    private static boolean fits(Deque<InFlight> inFlight, int nextCalls, int budget) {
        int underWay = inFlight.stream().mapToInt(InFlight::callsNotDone).sum();
        int held = inFlight.stream().mapToInt(window -> window.calls().size()).sum();
        return inFlight.isEmpty() || (underWay + nextCalls <= budget && held + nextCalls <= 2 * budget);
    }

    /**
     * Starts a window's calls: all of them when they fit in the budget; else (a wide window, such as a thousand
     * files) as many as the budget, each further one as a result is taken, so its answers never pile up in memory.
     */
    private InFlight start(WindowTask task, List<ApiCall> calls, ExecutorService lane, int budget,
            Semaphore callsEnded, CallOrder callOrder) {
        Instant deadline = clock.instant().plus(windowDeadline);
        InFlight window = new InFlight(task, calls, new ArrayList<>(), call -> {
            CallOrder.Turn turn = callOrder.next();
            CompletableFuture<Exchange> result = CompletableFuture.supplyAsync(() -> {
                Exchange exchange = windowExchange(task);
                exchange.setProperty(WindowDeadline.PROPERTY, deadline);
                exchange.setProperty(UsageExchange.CALL_TURN, turn);
                exchange.getMessage().setBody(call);
                return producer.send(CollectRoutes.CALL_API, exchange);
            }, lane);
            result.whenComplete((exchange, failure) -> {
                turn.pass(); // a call that ended without its permit (failed before, cancelled) holds no one up
                callsEnded.release(); // once done, as done() sees it
            });
            return result;
        }, calls.size() > budget);
        for (int i = 0; i < Math.min(budget, calls.size()); i++) {
            window.submitNext();
        }
        return window;
    }

    /**
     * Waits for the window's calls in order and gathers what they brought back, to be published as a whole; a wide
     * window's is published call by call into one open transaction (see {@link WindowPart}), which the result then
     * commits. The result (its exception, when the window failed) holds the window's events, its items that failed
     * and were collected, and how many events it publishes in all.
     */
    @SuppressWarnings("unchecked")
    private Exchange collect(InFlight window) {
        Exchange collected = windowExchange(window.task());
        List<UsageEvent> events = new ArrayList<>();
        List<ItemFailure> failedItems = new ArrayList<>();
        Set<String> collectedItems = new LinkedHashSet<>();
        boolean open = false;
        int published = 0;
        for (int i = 0; i < window.calls().size(); i++) {
            Exchange call = window.result(i, collected);
            if (call.getException() != null) {
                // the window fails: its calls not yet made are not worth making, its open transaction is aborted
                collected.setException(call.getException());
                window.cancel();
                if (open) {
                    publish(window.task(), WindowPart.ABORT, List.of());
                }
                return collected;
            }
            if (call.getMessage().getBody() instanceof ItemFailure failure) {
                failedItems.add(failure);
                continue;
            }
            List<UsageEvent> answered = call.getMessage().getBody(List.class);
            window.calls().get(i).item().ifPresent(collectedItems::add);
            if (!window.wide()) {
                events.addAll(answered);
                continue;
            }
            Exchange part = publish(window.task(), open ? WindowPart.MORE : WindowPart.FIRST, answered);
            if (part.getException() != null) { // the publisher aborted the transaction
                collected.setException(part.getException());
                window.cancel();
                return collected;
            }
            open = true;
            published += answered.size();
        }
        collected.getMessage().setBody(events);
        collected.setProperty(UsageExchange.WINDOW_PART, open ? WindowPart.LAST : WindowPart.WHOLE);
        collected.setProperty(UsageExchange.FAILED_ITEMS, failedItems);
        collected.setProperty(UsageExchange.COLLECTED_ITEMS, collectedItems);
        collected.setProperty(UsageExchange.WINDOW_EVENTS, published + events.size());
        return collected;
    }

    /** One part of a wide window, published into its open transaction. */
    private Exchange publish(WindowTask task, WindowPart part, List<UsageEvent> events) {
        Exchange exchange = windowExchange(task);
        exchange.setProperty(UsageExchange.WINDOW_PART, part);
        exchange.getMessage().setBody(events);
        return producer.send(CollectRoutes.PUBLISH_WINDOW, exchange);
    }

    /** Logs and counts a window that published nothing, and says why. */
    private String failed(WindowTask task, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Exchange failed = windowExchange(task);
        failed.getMessage().setBody(why);
        producer.send(CollectRoutes.WINDOW_FAILED, failed);
        return why;
    }

    private Exchange windowExchange(WindowTask task) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(UsageExchange.WINDOW_TASK, task);
        exchange.setProperty(UsageExchange.TOPIC, task.source().topic());
        // what is being collected, for every log line about it (camel-mdc)
        exchange.setProperty(UsageExchange.SOURCE, task.source().name());
        exchange.setProperty(UsageExchange.WINDOW, task.window().toString());
        return exchange;
    }

    /**
     * A window whose calls are under way.
     *
     * @param results the calls started so far, in order
     * @param starter starts a call of the window on the source's lane
     * @param wide    more calls than the budget: started as results are taken, and published call by call
     */
    private record InFlight(WindowTask task, List<ApiCall> calls, List<Future<Exchange>> results,
            Function<ApiCall, Future<Exchange>> starter, boolean wide) {

        /** Every call started and answered (or failed). */
        boolean done() {
            return callsNotDone() == 0;
        }

        /** The calls not started yet or under way. */
        int callsNotDone() {
            return calls.size() - (int) results.stream().filter(Future::isDone).count();
        }

        void submitNext() {
            if (results.size() < calls.size()) {
                results.add(starter.apply(calls.get(results.size())));
            }
        }

        /** The i-th call's exchange once it is done (and the next call of a wide window started), or failedAs. */
        Exchange result(int i, Exchange failedAs) {
            try {
                Exchange call = results.get(i).get();
                if (wide) {
                    submitNext();
                }
                return call;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failedAs.setException(e);
            } catch (ExecutionException | CancellationException e) {
                failedAs.setException(e.getCause() == null ? e : e.getCause());
            }
            return failedAs;
        }

        void cancel() {
            results.forEach(result -> result.cancel(false));
        }
    }
}
