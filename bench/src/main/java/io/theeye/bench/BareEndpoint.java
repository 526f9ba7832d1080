package io.theeye.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP ceiling: a Vert.x server (the one under Quarkus) that parses the JSON body and answers
 * 202, with no Kafka, no key check and no framework. Usage: {@code BareEndpoint PORT}.
 */
public final class BareEndpoint extends AbstractVerticle {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void start(Promise<Void> started) {
        // Never block an event loop waiting for it: listen completes the start asynchronously.
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> {
                    try {
                        MAPPER.readTree(body.result().getBytes());
                        request.response().setStatusCode(202).end();
                    } catch (Exception e) {
                        request.response().setStatusCode(400).end();
                    }
                }))
                .listen(Integer.parseInt(config().getString("port")), "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }

    public static void main(String[] args) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        // As many event loops as Quarkus gives ingest-service: two per core.
        DeploymentOptions options = new DeploymentOptions()
                .setInstances(2 * Runtime.getRuntime().availableProcessors())
                .setConfig(new io.vertx.core.json.JsonObject().put("port", args[0]));
        vertx.deployVerticle(BareEndpoint.class.getName(), options)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        System.out.println("bare endpoint: listening on 127.0.0.1:" + args[0]);
        new CountDownLatch(1).await();
    }
}
