package io.mediausage.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark runs the jar as the README tells users to run a one-shot command, and the README says it alike. */
class OneShotJavaOptionsTest {

    private static final Pattern JAVA_COMMAND = Pattern.compile("java (.*?)-jar target/usage-collector\\.jar (\\w+)");

    @Test
    void every_one_shot_command_of_the_readme_has_the_options_the_benchmark_runs_the_jar_with() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher command = JAVA_COMMAND.matcher(readme);
        int oneShot = 0;
        while (command.find()) {
            String options = command.group(1).trim();
            if (List.of("once", "backfill").contains(command.group(2))) {
                oneShot++;
                assertThat(options).as(command.group()).isEqualTo(ThroughputBench.ONE_SHOT_JAVA_OPTIONS);
            }
        }
        assertThat(oneShot).isGreaterThanOrEqualTo(2);
        assertThat(readme).contains("JAVA_TOOL_OPTIONS=\"" + ThroughputBench.ONE_SHOT_JAVA_OPTIONS + "\"");
    }
}
