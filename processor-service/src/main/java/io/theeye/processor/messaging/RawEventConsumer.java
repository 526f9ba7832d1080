package io.theeye.processor.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.theeye.processor.validation.RawRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code eye.events.raw} in batches; the batch is acknowledged (and later committed) once stored. */
@ApplicationScoped
public class RawEventConsumer {

    public static final String CHANNEL = "raw-events";

    private final BatchProcessor processor;

    RawEventConsumer(BatchProcessor processor) {
        this.processor = processor;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<RawRecord> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch) {
            IncomingKafkaRecord<String, String> in = (IncomingKafkaRecord<String, String>) record;
            records.add(new RawRecord(
                    in.getTopic(), in.getPartition(), in.getOffset(), in.getPayload(), in.getTimestamp()));
        }
        // A method taking a Message acknowledges it itself: only after the batch is durable.
        return processor.process(records).chain(() -> Uni.createFrom().completionStage(batch::ack));
    }
}
