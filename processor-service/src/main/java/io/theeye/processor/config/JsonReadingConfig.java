package io.theeye.processor.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How the processor reads and writes JSON. Ingest accepts events nested as deep as Jackson's
 * default (1,000 levels) and the envelope adds a level, so the processor must read deeper than
 * that to judge such an event instead of failing on its envelope. Numbers are read exactly
 * (BigDecimal): as doubles, 1e400 would become Infinity, which is not JSON.
 */
@Singleton
public class JsonReadingConfig implements ObjectMapperCustomizer {

    /** Deeper than any event ingest can accept plus the envelope around it. */
    public static final int MAX_READ_DEPTH = 2_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_READ_DEPTH)
                        .build());
        mapper.getFactory()
                .setStreamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_READ_DEPTH)
                        .build());
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
