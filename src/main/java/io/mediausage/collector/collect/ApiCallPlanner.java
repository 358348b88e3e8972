package io.mediausage.collector.collect;

import io.mediausage.collector.task.WindowTask;
import io.mediausage.collector.api.ApiCall;
import java.util.List;

/** The API calls that collect a {@link WindowTask}: those of its source's API, or only its item's, for a gap repair. */
final class ApiCallPlanner {

    private ApiCallPlanner() {
    }

    static List<ApiCall> calls(WindowTask task) {
        List<ApiCall> calls = task.source().api().calls(task.source(), task.window());
        return task.repairedItem().map(item -> calls.stream().filter(call -> call.item().equals(task.repairedItem()))
                .toList()).orElse(calls);
    }
}
