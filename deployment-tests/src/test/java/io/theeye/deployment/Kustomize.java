package io.theeye.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the renderer a deployment uses, so that
 * what is checked is exactly what {@code kubectl apply -k} would send.
 */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {}

    /** The rendered objects of the kustomization in {@code directory}. */
    static List<JsonNode> render(Path directory) {
        return Yaml.documents(renderToString(directory));
    }

    static String renderToString(Path directory) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", directory.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // Deliberately a failure, not a skip: without kubectl nothing below would be checked.
            throw new AssertionError(
                    "kubectl is not installed, so the Kubernetes manifests cannot be rendered and checked. "
                            + "Install kubectl 1.27 or later (its built-in kustomize v5 is needed) "
                            + "and run the build again.",
                    e);
        }
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process, true));
            String stdout = readAll(process, false);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "kubectl kustomize " + directory + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed:\n" + stderr.join());
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(Process process, boolean errorStream) {
        try {
            byte[] bytes = (errorStream ? process.getErrorStream() : process.getInputStream()).readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
