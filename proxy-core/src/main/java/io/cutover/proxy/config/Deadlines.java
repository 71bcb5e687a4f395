package io.cutover.proxy.config;

import java.time.Duration;

/**
 * End-to-end budgets per kind of request. The primary and legacy attempts share the budget; the
 * local answer is always given within it.
 */
public record Deadlines(Duration click, Duration conversion, Duration passThrough) {}
