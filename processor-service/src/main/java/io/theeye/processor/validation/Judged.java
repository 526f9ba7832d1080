package io.theeye.processor.validation;

/** A raw record and the verdict on it: what storage works with, and what it falls back on. */
public record Judged(RawRecord record, ValidationOutcome outcome) {}
