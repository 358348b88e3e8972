package io.mediausage.collector.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariableNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"TENCENTCLOUD_SECRET_KEY", "CLOUD_SDK_SK", "EMEA_TOKEN", "TOKEN2", "myToken"})
    void should_take_variable_names(String name) {
        assertThat(VariableNames.looksLikeOne(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "QTWAOYTTINDUT2QVKYUC", "hunter2", "a+b/c=",
            "s3cr3t-key"})
    void should_take_keys_and_passwords_for_what_they_are(String secret) {
        assertThat(VariableNames.looksLikeOne(secret)).isFalse();
    }
}
