package io.theeye.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The durable ceiling: the least a server must do to answer 202 only once Kafka holds the event.
 * A Vert.x HTTP server (two event loops, as ingest has on this machine) parses the body with
 * Jackson, builds the envelope text, calls the plain {@code KafkaProducer.send} with ingest's
 * settings (acks=all, idempotence, lz4, 64 KB batches, linger.ms as given) and answers 202 from
 * the send callback on the request's context (503 when Kafka refuses). No key check, no metrics,
 * no framework. Usage: {@code DurableEndpoint PORT BOOTSTRAP TOPIC LINGER_MS}.
 */
public final class DurableEndpoint extends AbstractVerticle {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final UUID APPLICATION = UUID.randomUUID();
    private static volatile KafkaProducer<String, String> producer;

    @Override
    public void start(Promise<Void> started) {
        String topic = config().getString("topic");
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> {
                    try {
                        JsonNode event = MAPPER.readTree(body.result().getBytes());
                        JsonNode session = event.get("session_id");
                        UUID id = UUID.randomUUID();
                        String envelope = "{\"event_id\":\"" + id + "\",\"application_id\":\"" + APPLICATION
                                + "\",\"received_at\":\"" + Instant.now() + "\",\"payload\":"
                                + body.result().toString() + "}";
                        send(request, topic, session == null ? id.toString() : session.asText(), envelope);
                    } catch (Exception e) {
                        request.response().setStatusCode(400).end();
                    }
                }))
                .listen(config().getInteger("port"), "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private static void send(HttpServerRequest request, String topic, String key, String envelope) {
        Context context = Vertx.currentContext();
        producer.send(
                new ProducerRecord<>(topic, key, envelope),
                (metadata, failure) -> context.runOnContext(v -> request.response()
                        .setStatusCode(failure == null ? 202 : 503)
                        .end()));
    }

    public static void main(String[] args) throws InterruptedException {
        producer = KafkaProducerBaseline.producer(args[1], args[3]);
        Vertx vertx = Vertx.vertx();
        DeploymentOptions options = new DeploymentOptions()
                .setInstances(Runtime.getRuntime().availableProcessors())
                .setConfig(new io.vertx.core.json.JsonObject()
                        .put("port", Integer.parseInt(args[0]))
                        .put("topic", args[2]));
        vertx.deployVerticle(DurableEndpoint.class.getName(), options)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        System.out.println("durable endpoint: listening on 127.0.0.1:" + args[0]);
        new CountDownLatch(1).await();
    }
}
