package io.mediausage.collector.testing.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a single-node KRaft Kafka broker until the process is killed (for the demo).
 *
 * <pre>
 *   KafkaBrokerMain [port] [dataDir]
 *     port     PLAINTEXT port on 127.0.0.1 (default 9092)
 *     dataDir  where the broker keeps its data (default: a temp dir, deleted on exit);
 *              a given dir is formatted when empty, reused when it already holds data, and kept on exit
 * </pre>
 *
 * Prints {@code bootstrap.servers=127.0.0.1:<port>} on stdout once the broker is ready. The class
 * lives in the test sources (kafka_2.13 is a test dependency), so run it with the test classpath,
 * e.g. {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.mediausage.collector.testing.kafka.KafkaBrokerMain -Dexec.args="9092 target/kafka-data"}.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 2 || (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.err.println("usage: KafkaBrokerMain [port (default 9092)] [dataDir (default: temp dir, deleted on exit)]");
            System.exit(2);
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = args.length > 1
                ? EmbeddedKafkaBroker.start(port, Path.of(args[1]))
                : EmbeddedKafkaBroker.start(port, null);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                stopped.countDown();
            }
        }, "kafka-broker-shutdown"));
        System.out.printf("Kafka broker ready in %d ms, data in %s%n", (System.nanoTime() - t0) / 1_000_000, broker.dataDir());
        System.out.println("bootstrap.servers=" + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
