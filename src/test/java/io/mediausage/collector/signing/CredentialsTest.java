package io.mediausage.collector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final String SECRET = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final String TOKEN = "tmp-token-0123456789abcdef";

    @Test
    void should_reveal_neither_secret_nor_token_and_mask_the_id() {
        String text = new Credentials("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SECRET, TOKEN).toString();

        assertThat(text).doesNotContain(SECRET).doesNotContain(TOKEN)
                .doesNotContain("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE")
                .contains("AKID****MPLE");
    }

    @Test
    void should_mask_a_short_id_fully() {
        assertThat(new Credentials("AKID1234", SECRET).toString()).contains("accessKeyId=****,")
                .doesNotContain("AKID");
    }

    @Test
    void should_name_the_missing_field_without_printing_values() {
        Throwable noId = catchThrowable(() -> new Credentials(" ", SECRET, TOKEN));
        Throwable noKey = catchThrowable(() -> new Credentials("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "", TOKEN));

        assertThat(noId).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessKeyId")
                .message().doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(noKey).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretKey")
                .message().doesNotContain("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE").doesNotContain(TOKEN);
    }

    @Test
    void should_treat_a_blank_token_as_none() {
        assertThat(new Credentials("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SECRET, "").securityToken()).isNull();
    }
}
