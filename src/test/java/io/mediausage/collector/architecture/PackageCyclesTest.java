package io.mediausage.collector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCyclesTest {

    @Test
    void should_find_no_cycle_between_the_packages_of_src_main() {
        PackageGraph graph = PackageGraph.of(Path.of("src/main/java"));

        assertThat(graph.uses()).containsKeys("io.mediausage.collector.api", "io.mediausage.collector.collect");
        List<Set<String>> cycles = graph.cycles();
        assertThat(cycles).as(() -> "packages that use each other:" + cycles.stream().map(graph::describe)
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    @Test
    void should_report_packages_that_use_each_other_through_an_import_or_a_qualified_name(@TempDir Path root)
            throws IOException {
        write(root, "a/A.java", "package io.mediausage.collector.a;\nimport io.mediausage.collector.b.B;\nclass A {}");
        write(root, "b/B.java", "package io.mediausage.collector.b;\nclass B { Object c = new io.mediausage.collector.c.C(); }");
        write(root, "c/C.java", "package io.mediausage.collector.c;\nimport io.mediausage.collector.a.A;\nclass C {}");
        write(root, "d/D.java", "package io.mediausage.collector.d;\nimport io.mediausage.collector.a.A;\nclass D {}");

        assertThat(PackageGraph.of(root).cycles()).containsExactly(Set.of("io.mediausage.collector.a",
                "io.mediausage.collector.b", "io.mediausage.collector.c"));
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
