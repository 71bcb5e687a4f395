package io.cutover.proxy.config;

/**
 * The operators' listener: metrics, health and readiness. Bound to loopback by default: it is not
 * for the internet.
 */
public record AdminSettings(boolean enabled, String host, int port) {}
