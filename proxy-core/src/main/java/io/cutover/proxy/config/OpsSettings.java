package io.cutover.proxy.config;

import java.time.Duration;

/**
 * What the operators' side runs beside the request's way: traces, the synthetic click, and how
 * often the retry queue's depth is read from SQS for the metrics.
 *
 * @param queuePollInterval how often the retry queue's and the dead letters' depth is read
 */
public record OpsSettings(TracingSettings tracing, SyntheticSettings synthetic, Duration queuePollInterval) {}
