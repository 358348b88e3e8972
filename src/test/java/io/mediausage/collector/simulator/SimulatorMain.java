package io.mediausage.collector.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link CloudApiSimulator} for demos: {@code SimulatorMain [port]}.
 *
 * <p>Credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY and CLOUD_SDK_AK / CLOUD_SDK_SK (demo
 * defaults otherwise); the port from the first argument or SIMULATOR_PORT (default 0 = ephemeral); the data seed
 * from SIMULATOR_SEED; HUAWEI_PROJECT_ID only selects which project's domains are printed (any project id is
 * accepted). Prints the base URL ("SIMULATOR_BASE_URL=http://127.0.0.1:PORT") and the resources the demo can use,
 * then runs until the process is stopped.
 */
public final class SimulatorMain {

    static final String DEMO_SECRET_ID = "AKIDsimulatorDemoSecretId0001";
    static final String DEMO_SECRET_KEY = "simulatorDemoSecretKey00000001";
    static final String DEMO_AK = "SIMULATORDEMOAK00001";
    static final String DEMO_SK = "simulatorDemoHuaweiSecretKey0000000001";
    static final String DEMO_PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private SimulatorMain() {
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : env("SIMULATOR_PORT", "0"));
        String secretId = env("TENCENTCLOUD_SECRET_ID", DEMO_SECRET_ID);
        String ak = env("CLOUD_SDK_AK", DEMO_AK);
        String project = env("HUAWEI_PROJECT_ID", DEMO_PROJECT);
        SimulatorConfig config = SimulatorConfig.builder()
                .tencentCredential(secretId, env("TENCENTCLOUD_SECRET_KEY", DEMO_SECRET_KEY))
                .huaweiCredential(ak, env("CLOUD_SDK_SK", DEMO_SK))
                .seed(Long.parseLong(env("SIMULATOR_SEED", "20240101")))
                .port(port)
                .build();
        CloudApiSimulator sim = CloudApiSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "cloud-api-simulator-shutdown"));
        UsageDataModel d = sim.data();
        System.out.println("SIMULATOR_BASE_URL=" + sim.baseUrl());
        System.out.println("Tencent SecretId " + secretId + ": POST " + sim.baseUrl() + "/ (X-TC-Action ...)");
        System.out.println("  TRTC SdkAppIds: " + d.trtcSdkAppIds(secretId));
        System.out.println("  VOD files: " + d.vodFiles(secretId));
        System.out.println("  SSAI channels: " + d.ssaiChannels(secretId));
        System.out.println("Huawei AK " + ak + ": GET " + sim.baseUrl() + "/v2/{project_id}/stats/transcode");
        System.out.println("  project " + project + " publish domains: " + d.huaweiDomains(project));
        System.out.flush();
        stopped.await();
    }
}
