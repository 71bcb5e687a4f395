package io.cutover.failover.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one wire form of a {@link QueuedEvent}: a JSON object, version 1, used for SQS message
 * bodies, spool records and dead letters alike. {@link #decode} names the first field that does
 * not fit, so a poison message is dead-lettered with a reason rather than retried for ever.
 */
public final class QueuedEventCodec {

    /** The format version written into every message; a reader refuses others. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueuedEventCodec() {}

    /** The event as one line of JSON (no line breaks: spool records are line-safe). */
    public static String encode(QueuedEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("eventId", event.eventId());
        node.put("endpoint", event.endpoint());
        node.put("kind", event.kind().name());
        node.put("target", event.target().name());
        node.put("uri", event.uri());
        ObjectNode headers = node.putObject("headers");
        event.headers().forEach(headers::put);
        node.put("receivedAt", event.receivedAtMillis());
        node.put("reason", event.reason());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /**
     * Reads an event back.
     *
     * @throws IllegalArgumentException naming what does not fit, e.g. {@code kind: "BANNER"
     *     (expected: CLICK or CONVERSION)}
     */
    public static QueuedEvent decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object (expected: a queued event)");
        }
        JsonNode version = node.get("v");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException("v: " + version + " (expected: " + VERSION + ")");
        }
        JsonNode headerNode = node.get("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        if (headerNode != null) {
            if (!headerNode.isObject()) {
                throw new IllegalArgumentException("headers: " + headerNode + " (expected: an object of strings)");
            }
            for (Map.Entry<String, JsonNode> header : headerNode.properties()) {
                if (!header.getValue().isTextual()) {
                    throw new IllegalArgumentException(
                            "headers." + header.getKey() + ": " + header.getValue() + " (expected: a string)");
                }
                headers.put(header.getKey(), header.getValue().textValue());
            }
        }
        JsonNode received = node.get("receivedAt");
        if (received == null || !received.canConvertToLong() || !received.isIntegralNumber()) {
            throw new IllegalArgumentException("receivedAt: " + received + " (expected: epoch milliseconds)");
        }
        return new QueuedEvent(
                text(node, "eventId"),
                text(node, "endpoint"),
                choice(node, "kind", QueuedEvent.Kind.class, "CLICK or CONVERSION"),
                choice(node, "target", QueuedEvent.Target.class, "PRIMARY or LEGACY"),
                text(node, "uri"),
                headers,
                received.longValue(),
                text(node, "reason"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty() && !field.equals("reason")) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a non-empty string)");
        }
        return value.textValue();
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String field, Class<E> type, String expected) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.textValue())) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
    }
}
