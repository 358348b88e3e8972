package io.mediausage.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsResolverTest {

    static final String FILE_SECRET = "secret-read-from-a-mounted-file";

    @TempDir
    Path secrets;

    @Test
    void should_read_the_variable_first() {
        CredentialsResolver resolver = CredentialsResolver.environment(Map.of("CLOUD_SDK_SK", "from-env",
                "CLOUD_SDK_SK_FILE", "/nonexistent"));

        assertThat(resolver.lookup("CLOUD_SDK_SK")).contains("from-env");
    }

    @Test
    void should_read_a_secret_file_named_by_the_file_variable() throws Exception {
        Path file = Files.writeString(secrets.resolve("sk"), FILE_SECRET + "\n");

        CredentialsResolver resolver = CredentialsResolver.environment(Map.of("CLOUD_SDK_SK_FILE", file.toString()));

        assertThat(resolver.lookup("CLOUD_SDK_SK")).contains(FILE_SECRET);
    }

    @Test
    void should_find_nothing_when_neither_is_set() {
        assertThat(CredentialsResolver.environment(Map.of()).lookup("CLOUD_SDK_SK")).isEmpty();
    }

    @Test
    void should_name_the_variable_when_the_secret_file_is_missing() {
        CredentialsResolver resolver = CredentialsResolver.environment(Map.of("CLOUD_SDK_SK_FILE", "/no/such/file"));

        assertThatThrownBy(() -> resolver.lookup("CLOUD_SDK_SK")).hasMessageContaining("CLOUD_SDK_SK_FILE")
                .hasMessageContaining("/no/such/file");
    }
}
