package io.mediausage.collector.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The demo prints its result and nothing else: Maven runs it with its own log configuration (the test suite's
 * logs the broker's warnings on stdout), and Maven itself writes no ANSI codes.
 */
class DemoLoggingTest {

    @Test
    void should_run_the_demo_with_a_log_configuration_that_keeps_the_broker_quiet_and_stdout_free() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String demo = pom.substring(pom.indexOf("<id>demo</id>"));
        demo = demo.substring(0, demo.indexOf("</execution>"));
        assertThat(demo).contains("-Dlog4j2.configurationFile=${project.basedir}/src/test/resources/demo-log4j2.xml");

        String config = Files.readString(Path.of("src/test/resources/demo-log4j2.xml"));
        assertThat(config).contains("target=\"SYSTEM_ERR\"").doesNotContain("SYSTEM_OUT");
        assertThat(config).contains("<Root level=\"ERROR\">").doesNotContain("org.apache.kafka");
    }

    @Test
    void should_keep_maven_from_writing_ansi_resets_around_the_output() throws Exception {
        assertThat(Files.readAllLines(Path.of(".mvn/jvm.config"))).contains("-Djansi.noreset=true");
    }
}
