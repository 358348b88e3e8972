package io.mediausage.collector.group;

import java.util.Set;

/** What becomes of a partition's resources as the group hands it to this replica and takes it away. */
public interface PartitionHandover {

    /**
     * Makes the partitions ready to commit windows: creates each one's transactional producer, whose
     * {@code initTransactions()} fences the former owner and aborts the transaction it left open, then reads their
     * sources' checkpoints, which are final once the former owners are fenced.
     *
     * @return the partitions taken over; one whose producer cannot be created yet (brokers unreachable) is left out
     */
    Set<Integer> take(Set<Integer> partitions);

    /**
     * Closes the partition's producer.
     *
     * @param lost true when the group took it away (this replica was silent too long): nothing may be committed
     */
    void letGo(int partition, boolean lost);
}
