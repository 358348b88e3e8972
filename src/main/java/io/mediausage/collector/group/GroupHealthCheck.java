package io.mediausage.collector.group;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a replica: ready once it is a member of the group and hears from it. A replica cut off from the
 * brokers owns nothing (its partitions go to the others after the session timeout), so it is reported not ready;
 * one that has joined but was given no partition (more replicas than partitions) is ready, standing by.
 */
public final class GroupHealthCheck extends AbstractHealthCheck {

    private final GroupMembership membership;
    private final String groupId;

    public GroupHealthCheck(GroupMembership membership, String groupId) {
        super("usage", "usage-group");
        this.membership = membership;
        this.groupId = groupId;
    }

    @Override
    public boolean isLiveness() {
        return false; // restarting a replica that cannot reach the brokers would not help
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (membership.joined()) {
            builder.up();
        } else {
            builder.message("not a member of the collectors' group " + groupId + " (yet)").down();
        }
    }
}
