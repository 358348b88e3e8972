package io.mediausage.collector.api;

import static io.mediausage.collector.api.Refusals.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediausage.collector.event.UsageMeasurement;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the answer tests of every API share: the document's example answer ({@code src/test/resources/api-examples/}),
 * changed the ways a test says, read for one call. Each mangle a subclass lists in its static {@code mangles()} (name,
 * mangle, what the refusal says) must be refused as the API's InvalidAnswer, never read as less usage.
 */
public abstract class ExampleAnswerTest {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final UsageApi api;
    private final String action;
    private final String example;

    /**
     * @param action the API's action, as its refusals name it
     * @param example the file under {@code api-examples/} holding the document's example answer
     */
    protected ExampleAnswerTest(UsageApi api, String action, String example) {
        this.api = api;
        this.action = action;
        this.example = example;
    }

    /** The call the example answers. */
    protected abstract ApiCall call();

    protected UsageApi api() {
        return api;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mangles")
    void should_refuse_an_answer_that_is_not_what_the_document_describes(String name, Consumer<ObjectNode> mangle,
            String saying) throws Exception {
        ObjectNode answer = example();
        mangle.accept(answer);

        assertRefused(() -> api.measurements(answer, call()), action + " failed: InvalidAnswer", saying);
    }

    /** A new copy of the example answer: a Tencent answer's {@code Response}, a Huawei answer's whole body. */
    protected ObjectNode example() throws IOException {
        try (InputStream in = ExampleAnswerTest.class.getResourceAsStream("/api-examples/" + example)) {
            JsonNode body = JSON.readTree(in);
            return (ObjectNode) (body.has("Response") ? body.path("Response") : body);
        }
    }

    /** What the API reads from {@code answer} for {@link #call()}. */
    protected List<UsageMeasurement> measurements(JsonNode answer) {
        return api.measurements(answer, call());
    }

    /** Types a mangle of {@code mangles()}' arguments. */
    protected static Consumer<ObjectNode> mangle(Consumer<ObjectNode> mangle) {
        return mangle;
    }
}
