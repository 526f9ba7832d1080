package io.theeye.query.storage;

import java.util.UUID;

/** A registered application as the overview names it. */
public record RegisteredApplication(UUID id, String name, boolean disabled) {}
