package io.mediausage.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NameUuidsTest {

    @Test
    void makesTheUuidsOfTheJdkSoEventIdsDoNotChange() {
        Random random = new Random(14);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int c = random.nextInt(80); c > 0; c--) {
                name.appendCodePoint(random.nextInt(3) == 0 ? 0x4e00 + random.nextInt(500) : 0x20 + random.nextInt(95));
            }
            assertThat(NameUuids.of(name.toString())).isEqualTo(
                    UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString());
        }
    }
}
