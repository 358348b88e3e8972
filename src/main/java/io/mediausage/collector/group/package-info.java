/**
 * Several {@code run} replicas sharing the sources, on Kafka's own group protocol as Kafka Streams and Kafka Connect
 * do: each replica joins one consumer group on a coordination topic, each source belongs to one of its partitions
 * (by credential, so a rate limit has one owner), and a replica runs the sources of the partitions it owns. A
 * partition's windows are committed by one transactional producer whose id is the partition's, so a new owner's
 * {@code initTransactions()} fences the former one before it reads the checkpoints.
 */
package io.mediausage.collector.group;
