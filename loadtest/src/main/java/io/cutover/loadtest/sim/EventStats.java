package io.cutover.loadtest.sim;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a simulated platform counted, the way the real one de-duplicates: by {@code
 * X-Cutover-Event-Id}. Only tracking requests it answered with a 2xx or 3xx count; the first of
 * an event ID is an event, every later one a duplicate, dropped.
 *
 * @param requests every tracking request that reached it, whatever it answered
 * @param events distinct event IDs counted
 * @param duplicates counted requests whose event ID was already counted
 * @param replays requests marked {@code X-Cutover-Replay: 1}, duplicates included
 * @param withoutEventId counted requests that carried no event ID (each counts as an event)
 */
@JsonPropertyOrder({"requests", "events", "duplicates", "replays", "withoutEventId"})
public record EventStats(long requests, long events, long duplicates, long replays, long withoutEventId) {}
