package io.theeye.localstack;

import java.nio.file.Path;

/**
 * How to start a local stack.
 *
 * @param dataDirectory where PostgreSQL's and Kafka's data live
 * @param persistent keep data across restarts (the local run) or throw it away (tests)
 * @param kafkaPort the broker's client port
 * @param kafkaControllerPort the KRaft controller's port
 * @param postgresPort PostgreSQL's port
 * @param rawPartitions partitions of the raw topic: the most processor replicas that can share work
 * @param invalidPartitions partitions of the invalid topic
 * @param migrate apply the schema migrations after start (tests of services that don't own them)
 */
public record StackOptions(
        Path dataDirectory,
        boolean persistent,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int rawPartitions,
        int invalidPartitions,
        boolean migrate) {

    /** Throwaway data on free ports: what a test needs. */
    public static StackOptions forTests(Path dataDirectory, boolean migrate) {
        return new StackOptions(
                dataDirectory, false, FreePorts.next(), FreePorts.next(), FreePorts.next(), 12, 3, migrate);
    }
}
