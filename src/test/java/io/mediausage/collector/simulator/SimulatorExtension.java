package io.mediausage.collector.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A simulator for the tests of one class, started before them and closed after them, with a client for it. */
final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback {

    private final SimulatorConfig.Builder config;
    private CloudApiSimulator simulator;
    private SimClient client;

    private SimulatorExtension(SimulatorConfig.Builder config) {
        this.config = config;
    }

    /** A simulator configured by {@code config}, e.g. {@link SimFixture#config()}. */
    static SimulatorExtension of(SimulatorConfig.Builder config) {
        return new SimulatorExtension(config);
    }

    /**
     * {@link SimFixture}'s accounts, and no rate limit that the functional tests of {@code api} would trip: the
     * documented rates are tested on simulators of their own (FaultsAndRateLimitTest).
     */
    static SimulatorExtension unthrottled(Api api) {
        return of(SimFixture.config().rateLimit(api, 1000));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = CloudApiSimulator.start(config.build());
        client = new SimClient(simulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }

    CloudApiSimulator simulator() {
        return simulator;
    }

    UsageDataModel data() {
        return simulator.data();
    }

    SimClient client() {
        return client;
    }
}
