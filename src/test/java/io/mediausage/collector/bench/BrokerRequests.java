package io.mediausage.collector.bench;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many transactions and produce requests the broker in this JVM has handled, from its request metrics
 * ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec}, one meter per request version): a run's are the
 * difference of the readings around it. Fewer, larger transactions and batches are what the collector's lanes and
 * group commit are for, so the benchmark shows how many it made.
 *
 * @param transactions     {@code EndTxn} requests: transactions committed or aborted
 * @param produceRequests  {@code Produce} requests: batches sent, a request per partition leader and send
 */
record BrokerRequests(long transactions, long produceRequests) {

    static BrokerRequests read() {
        return new BrokerRequests(count("EndTxn"), count("Produce"));
    }

    BrokerRequests since(BrokerRequests earlier) {
        return new BrokerRequests(transactions - earlier.transactions, produceRequests - earlier.produceRequests);
    }

    private static long count(String request) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            long count = 0;
            for (ObjectName meter : server.queryNames(new ObjectName(
                    "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + request + ",*"), null)) {
                count += ((Number) server.getAttribute(meter, "Count")).longValue();
            }
            return count;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the broker's " + request + " requests", e);
        }
    }
}
