package io.theeye.client;

/**
 * What {@link EyeClient#flush} and {@link EyeClient#close(java.time.Duration)} achieved in their time.
 *
 * @param completed every event tracked before the call was settled: acknowledged by the server, or
 *     reported to the {@link RejectionListener}
 * @param outstanding how many of those events were still unsettled when the timeout passed
 */
public record FlushResult(boolean completed, int outstanding) {}
