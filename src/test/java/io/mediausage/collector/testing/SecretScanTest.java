package io.mediausage.collector.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    @TempDir
    Path sources;

    @TempDir
    Path output;

    private void declare() throws Exception {
        Files.writeString(sources.resolve("SomeIT.java"), "class SomeIT {\n"
                + "    static final String SECRET_ID = \"AKIDvisibleid000000\";\n"
                + "    static final String SECRET_KEY = \"some-" + "leaky-key-value\";\n}\n");
    }

    @Test
    void should_fail_naming_the_file_and_constant_but_not_the_value_when_a_secret_leaked() throws Exception {
        declare();
        Files.writeString(output.resolve("SomeIT-output.txt"), "signing with some-" + "leaky-key-value\n");

        assertThatThrownBy(() -> SecretScan.main(new String[] {sources.toString(), output.toString()}))
                .hasMessageContaining("SomeIT-output.txt").hasMessageContaining("SomeIT.java SECRET_KEY")
                .hasMessageNotContaining("leaky-key-value");
    }

    @Test
    void should_pass_when_only_access_key_ids_appear() throws Exception {
        declare();
        Files.writeString(output.resolve("SomeIT-output.txt"), "credentials AKIDvisibleid000000\n");

        assertThatCode(() -> SecretScan.main(new String[] {sources.toString(), output.toString()}))
                .doesNotThrowAnyException();
    }
}
