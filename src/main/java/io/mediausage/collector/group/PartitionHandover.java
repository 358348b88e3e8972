package io.mediausage.collector.group;

/** What becomes of a partition's resources as the group hands it to this replica and takes it away. */
public interface PartitionHandover {

    /**
     * Makes the partition ready to commit windows: creates its transactional producer, whose
     * {@code initTransactions()} fences the former owner and aborts the transaction it left open, then reads its
     * sources' checkpoints, which are final once the former owner is fenced.
     */
    void take(int partition);

    /**
     * Closes the partition's producer.
     *
     * @param lost true when the group took it away (this replica was silent too long): nothing may be committed
     */
    void letGo(int partition, boolean lost);
}
