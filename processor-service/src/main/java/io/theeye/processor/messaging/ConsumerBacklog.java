package io.theeye.processor.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.theeye.contract.Topics;
import io.theeye.processor.messaging.PartitionProgress.Busy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The backlog of the raw-topic partitions this replica holds, from its own figures: each
 * consumer's records-lag metric (read from the consumer's metrics, which Kafka keeps for exactly
 * the partitions assigned to it and which may be read from any thread, as Micrometer does) and
 * the batch in flight ({@link PartitionProgress}).
 */
@ApplicationScoped
public class ConsumerBacklog {

    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";
    private static final String LAG = "records-lag";

    private final KafkaClientService kafka;
    private final PartitionProgress progress;
    private final Clock clock = Clock.systemUTC();
    private final String replica = replicaName();

    ConsumerBacklog(KafkaClientService kafka, PartitionProgress progress) {
        this.kafka = kafka;
        this.progress = progress;
    }

    /** Every partition this replica's consumers hold or process now, with its lag and the age of its work. */
    public BacklogReport report() {
        List<Consumer<?, ?>> consumers = rawConsumers();
        Map<Integer, Long> lags = new HashMap<>();
        for (Consumer<?, ?> consumer : consumers) {
            for (Map.Entry<MetricName, ? extends Metric> metric :
                    consumer.metrics().entrySet()) {
                MetricName name = metric.getKey();
                if (LAG.equals(name.name())
                        && FETCH_METRICS.equals(name.group())
                        && Topics.RAW.equals(name.tags().get("topic"))
                        && name.tags().containsKey("partition")) {
                    int partition = Integer.parseInt(name.tags().get("partition"));
                    Long lag = records(metric.getValue());
                    if (lag == null) {
                        lags.putIfAbsent(partition, null);
                    } else {
                        lags.merge(partition, lag, Math::max);
                    }
                }
            }
        }
        Map<Integer, Busy> busy = progress.inFlight();
        TreeSet<Integer> held = new TreeSet<>(lags.keySet());
        held.addAll(busy.keySet());
        List<BacklogReport.Partition> partitions = new ArrayList<>(held.size());
        for (int partition : held) {
            Long lag = lags.get(partition);
            Busy work = busy.get(partition);
            Double age = work != null ? seconds(work.oldestUnprocessed()) : (lag == null || lag > 0 ? null : 0.0);
            partitions.add(
                    new BacklogReport.Partition(partition, lag, age, work == null ? 0 : seconds(work.retrying())));
        }
        return new BacklogReport(replica, consumers.size(), clock.instant(), partitions);
    }

    /** The Kafka consumers behind the raw-topic channel: one per configured consumer (channel name$1, $2, ...). */
    private List<Consumer<?, ?>> rawConsumers() {
        List<Consumer<?, ?>> consumers = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            if (channel.equals(RawEventConsumer.CHANNEL) || channel.startsWith(RawEventConsumer.CHANNEL + "$")) {
                for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(channel)) {
                    Optional.ofNullable(consumer.unwrap()).ifPresent(consumers::add);
                }
            }
        }
        return consumers;
    }

    /** A lag as a whole number of records; null when Kafka has not measured it yet. */
    private static Long records(Metric metric) {
        return metric.metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())
                ? Math.round(value.doubleValue())
                : null;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
