package io.mediausage.collector.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** TEST-ONLY shared constants for the simulator tests. */
final class SimFixture {
    static final String ID = "AKIDsimTestSecretId000001";
    static final String KEY = "simTestSecretKey0000000000000001";
    static final String ID2 = "AKIDsimTestSecretId000002";
    static final String KEY2 = "simTestSecretKey0000000000000002";
    static final String AK = "SIMTESTHUAWEIAK00001";
    static final String SK = "simTestHuaweiSecretKey000000000000000001";
    static final String PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    /** Pinned "now": 2024-03-10 12:00 in UTC+8. */
    static final Instant NOW = Instant.parse("2024-03-10T04:00:00Z");

    private SimFixture() {
    }

    static SimulatorConfig.Builder config() {
        return SimulatorConfig.builder()
                .tencentCredential(ID, KEY)
                .tencentCredential(ID2, KEY2)
                .huaweiCredential(AK, SK)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .seed(7);
    }
}
