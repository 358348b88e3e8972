/**
 * Cloud-API simulator (test scope): a local HTTP server implementing, from /work/shared/api-docs, the five usage
 * APIs the collector reads, for integration tests and the demo.
 *
 * <p>Entry points: {@link io.mediausage.collector.simulator.CloudApiSimulator#start(SimulatorConfig)},
 * {@link io.mediausage.collector.simulator.SimulatorConfig}, {@link io.mediausage.collector.simulator.UsageDataModel}
 * (the deterministic figures, for computing expected answers), {@link io.mediausage.collector.simulator.FaultInjector}
 * (transport faults, cloud errors and mangled answers, see {@link io.mediausage.collector.simulator.FaultKind}),
 * {@link io.mediausage.collector.simulator.RecordedCall}, and {@link io.mediausage.collector.simulator.SimulatorMain}.
 *
 * <p>End bounds (see each handler's Javadoc):
 * <ul>
 *   <li>MPS DescribeUsageData: UTC+8 days, StartTime day .. EndTime day, both included.</li>
 *   <li>TRTC DescribeTrtcUsage: dates, both included; one day → 288 five-minute entries, else daily.</li>
 *   <li>VOD DescribeMediaPlayStatDetails: bucket starts in [floor(StartTime), EndTime): end exclusive.</li>
 *   <li>SSAI DescribeStreamPackageSSAIUsage: hours in [floor(StartTime), EndTime) summed into one Info: end exclusive.</li>
 *   <li>Huawei ListTranscodeData: hours floor(start_time) .. floor(end_time), both included.</li>
 * </ul>
 *
 * <p>Signature verification ({@code SigningSupport}) is the simulator's own, written from the documents; the
 * test-only {@code RequestSigner} signs independently, and both are checked against signing-vectors.md.
 */
package io.mediausage.collector.simulator;
