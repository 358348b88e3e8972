package io.mediausage.collector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged collector, run as a user runs it ({@code java -jar target/usage-collector.jar ...}) in a work directory
 * that holds its configuration. Only the variables a test names reach it: none of the build's credentials, collector
 * or Kafka variables do.
 */
public final class CollectorJar implements AutoCloseable {

    private static final Path JAR = Path.of(System.getProperty("usage.collector.jar", "target/usage-collector.jar"));

    private final Path workDir;
    private final Map<String, String> baseEnvironment;

    CollectorJar(Path workDir, Map<String, String> baseEnvironment) {
        this.workDir = workDir;
        this.baseEnvironment = baseEnvironment;
    }

    public Path workDir() {
        return workDir;
    }

    /** Runs the jar in the work directory; its whole output is appended to {@code target/it-logs/<log>}. */
    public Result run(String log, Map<String, String> environment, String... arguments) throws Exception {
        return run(workDir, log, environment, arguments);
    }

    /** Runs the jar in {@code directory}; its whole output is appended to {@code target/it-logs/<log>}. */
    public Result run(Path directory, String log, Map<String, String> environment, String... arguments)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Path stderr = Files.createTempFile(workDir, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TENCENTCLOUD_") || k.startsWith("CLOUD_SDK_")
                || k.startsWith("USAGE_") || k.startsWith("KAFKA_"));
        builder.environment().putAll(baseEnvironment);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Result result = new Result(process.exitValue(), stdout, Files.readString(stderr));
        // kept for the build's scan of all test output for secrets
        Path kept = Path.of("target", "it-logs", log);
        Files.createDirectories(kept.getParent());
        Files.writeString(kept, result.output(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return result;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** What one run printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {

        public String output() {
            return stdout + stderr;
        }
    }
}
