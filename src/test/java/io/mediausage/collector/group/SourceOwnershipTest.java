package io.mediausage.collector.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediausage.collector.api.tencent.SsaiUsageApi;
import io.mediausage.collector.signing.Credentials;
import io.mediausage.collector.source.SourceParameters;
import io.mediausage.collector.api.UsageSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceOwnershipTest {

    static final Duration SESSION = Duration.ofSeconds(10);
    static final SourcePartitions PARTITIONS = new SourcePartitions(8);

    final AtomicLong nanos = new AtomicLong(1_000);
    final SourceOwnership ownership = new SourceOwnership(() -> PARTITIONS, false, nanos::get);
    final UsageSource source = source("a", "AKIDfirst");

    @Test
    void should_put_every_source_of_one_credential_in_one_partition_whatever_the_replica() {
        UsageSource sameCredential = source("b", "AKIDfirst");

        assertThat(PARTITIONS.of(sameCredential)).isEqualTo(PARTITIONS.of(source));
        // Kafka's murmur2: the same number on every replica and version, not the JVM's String hash
        assertThat(new SourcePartitions(8).of(source("c", "AKIDsecond"))).isBetween(0, 7)
                .isEqualTo(PARTITIONS.of(source("d", "AKIDsecond")));
    }

    @Test
    void should_own_only_the_sources_of_the_partitions_gained_while_its_lease_lasts() {
        ownership.leaseFor(SESSION);
        assertThat(ownership.owns(source)).isFalse();

        ownership.gained(Set.of(PARTITIONS.of(source)));
        assertThat(ownership.owns(source)).isTrue();

        nanos.addAndGet(SESSION.toNanos() + 1); // no renewal for a whole session: maybe replaced
        assertThat(ownership.owns(source)).isFalse();
    }

    @Test
    void should_not_renew_after_a_silence_longer_than_the_lease_until_the_group_confirms_or_another_lease_passes() {
        ownership.leaseFor(SESSION);
        ownership.gained(Set.of(PARTITIONS.of(source)));
        ownership.renewLease();

        nanos.addAndGet(SESSION.toNanos() + 1); // a frozen JVM wakes up
        ownership.renewLease();
        assertThat(ownership.owns(source)).as("woken after its session timeout").isFalse();

        nanos.addAndGet(SESSION.toNanos() / 2);
        ownership.renewLease();
        assertThat(ownership.owns(source)).isFalse();

        ownership.gained(Set.of()); // a rebalance: the group has it still as a member
        assertThat(ownership.owns(source)).isTrue();
    }

    @Test
    void should_start_runs_only_on_owned_partitions_and_release_once_they_end() throws Exception {
        ownership.leaseFor(SESSION);
        ownership.gained(Set.of(PARTITIONS.of(source)));
        assertThat(ownership.tryStartRun(source)).isTrue();

        assertThat(ownership.release(Set.of(PARTITIONS.of(source)), Duration.ZERO))
                .as("a run is under way").isFalse();
        assertThat(ownership.owns(source)).isFalse();
        assertThat(ownership.tryStartRun(source)).as("no new run once revoked").isFalse();

        ownership.runEnded(source);
        assertThat(ownership.release(Set.of(PARTITIONS.of(source)), Duration.ZERO)).isTrue();
    }

    @Test
    void should_own_everything_in_a_one_shot_command() {
        SourceOwnership oneShot = SourceOwnership.everything(() -> PARTITIONS);

        assertThat(oneShot.owns(source)).isTrue();
        assertThat(oneShot.tryStartRun(source)).isTrue();
    }

    private static UsageSource source(String name, String accessKeyId) {
        return new UsageSource(name, new SsaiUsageApi(), URI.create("https://mps.tencentcloudapi.com"), null,
                new Credentials(accessKeyId, "not-a-secret", null), "usage.test", Instant.EPOCH, Duration.ZERO,
                Duration.ZERO, 1, new SourceParameters(name, Map.of()));
    }
}
