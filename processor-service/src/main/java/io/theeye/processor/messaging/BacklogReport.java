package io.theeye.processor.messaging;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * How far behind this processor replica is on the raw-topic partitions it holds. Another replica
 * holds the other partitions and answers for them.
 *
 * @param replica this replica's host name (the pod's name in Kubernetes)
 * @param consumers its raw-topic consumers ({@code EYE_PROCESSOR_CONSUMERS})
 * @param partitions the partitions its consumers hold, by partition
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BacklogReport(String replica, int consumers, Instant measuredAt, List<Partition> partitions) {

    /**
     * One raw-topic partition.
     *
     * @param lag records between the consumer's position and the end of the partition, as of the
     *     consumer's last fetch (Kafka's records-lag); null before its first fetch
     * @param oldestUnprocessedAgeSeconds the age of the oldest record of the batch being processed;
     *     0 when nothing is in flight and nothing lags, null when nothing is in flight but records lag
     *     (they wait in the consumer's buffer)
     * @param retryingSeconds how long the batch in flight has been retrying after a failure (0 when not)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Partition(int partition, Long lag, Double oldestUnprocessedAgeSeconds, double retryingSeconds) {}
}
