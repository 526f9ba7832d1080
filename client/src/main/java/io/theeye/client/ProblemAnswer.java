package io.theeye.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Ingest's answer about a whole request ({@code application/problem+json}), such as an unknown key
 * or a body too large.
 *
 * @param title a short summary of the kind of problem
 * @param detail what went wrong with this request
 * @param code a stable machine-readable code
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ProblemAnswer(String title, String detail, String code) {}
