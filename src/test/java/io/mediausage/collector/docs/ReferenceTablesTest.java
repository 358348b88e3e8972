package io.mediausage.collector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.TemplateParameter;
import io.mediausage.collector.api.UsageApi;
import io.mediausage.collector.api.UsageApis;
import io.mediausage.collector.catalog.SourceContract;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference tables of README.md and docs/apis.md are generated from the API contracts: this test fails when the
 * committed text differs from what the contracts and config/application.properties give, and rewrites them when run
 * with {@code -Dreference.write=true}:
 * {@code mvn -B -o -q test -Dtest=ReferenceTablesTest -Dreference.write=true}.
 */
class ReferenceTablesTest {

    private static final List<Path> DOCUMENTS = List.of(Path.of("README.md"), Path.of("docs/apis.md"));

    private static Properties config;
    private static ReferenceTables tables;

    @BeforeAll
    static void load() throws IOException {
        config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        }
        tables = new ReferenceTables(UsageApis.all(), config);
        if (Boolean.getBoolean("reference.write")) {
            for (Path document : DOCUMENTS) {
                Files.writeString(document, tables.rewrite(Files.readString(document)));
            }
        }
    }

    @Test
    void should_have_the_committed_reference_tables_as_the_contracts_give_them() throws IOException {
        for (Path document : DOCUMENTS) {
            String text = Files.readString(document);
            assertThat(text).as(document + " (regenerate with -Dreference.write=true)").isEqualTo(tables.rewrite(text));
        }
    }

    @Test
    void should_give_the_readme_the_tables_of_every_source_the_per_api_defaults_and_every_api() throws IOException {
        List<String> ids = ReferenceTables.ids(Files.readString(Path.of("README.md")));

        assertThat(ids).contains(ReferenceTables.EVERY_SOURCE, ReferenceTables.PER_API_DEFAULTS);
        assertThat(ids).containsAll(UsageApis.names().stream().map(api -> ReferenceTables.API + api).toList());
    }

    @Test
    void should_have_a_contract_default_for_every_per_api_property_and_a_property_for_every_default() {
        Set<String> defaults = new TreeSet<>();
        for (UsageApi api : UsageApis.all()) {
            for (TemplateParameter parameter : SourceContract.of(api)) {
                ReferenceTables.property(parameter).ifPresent(key -> {
                    assertThat(config.getProperty(key)).as("default of " + api.name() + " " + parameter.name())
                            .isNotBlank();
                    defaults.add(key);
                });
            }
        }
        Set<String> perApiProperties = config.stringPropertyNames().stream()
                .filter(key -> UsageApis.names().stream().anyMatch(api -> key.startsWith("usage." + api + ".")))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(defaults).containsAll(perApiProperties);
    }

    @Test
    void should_write_a_default_as_its_value_and_its_property_and_mark_secrets() {
        UsageApi mps = UsageApis.all().stream().filter(api -> api.name().equals("tencent-mps-usage")).findFirst()
                .orElseThrow();

        assertThat(tables.table(ReferenceTables.API + mps.name())).get().asString()
                .contains("| `taskTypes` | comma-separated list | `" + config.getProperty("usage.tencent-mps-usage.task-types")
                        + "` (`usage.tencent-mps-usage.task-types`) |")
                .contains("| `accountId` | string | required |");
        assertThat(tables.table(ReferenceTables.EVERY_SOURCE)).get().asString()
                .contains("| `schedule` | Quartz cron | `usage.<api>.schedule` |")
                .contains("| `scheduleTimeZone` | time zone id | `usage.schedule-time-zone` (`UTC`) |")
                .contains("environment variable holding the secret key (secret) |");
        assertThat(tables.table("api:no-such-api")).isEmpty();
    }
}
