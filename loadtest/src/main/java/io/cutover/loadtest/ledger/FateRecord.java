package io.cutover.loadtest.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fate recorded for one event, as the access log writes it ({@code event_id}, {@code fate}).
 *
 * @param eventId the event ID
 * @param fate the fate's tag: {@code primary}, {@code legacy}, {@code queued}, {@code spooled},
 *     {@code rejected}, then {@code replayed} or {@code dead}
 */
public record FateRecord(String eventId, String fate) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FateRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(fate, "fate");
    }

    /**
     * Every fate in an access-log file, in order. A line that is not a JSON object with both
     * fields is refused with its line number: a ledger must not balance by skipping evidence.
     */
    public static List<FateRecord> readAccessLog(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("access log " + file + ": unreadable", e);
        }
        List<FateRecord> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not JSON (expected: an access-log line)");
            }
            JsonNode id = node == null ? null : node.get("event_id");
            JsonNode fate = node == null ? null : node.get("fate");
            if (id == null || !id.isTextual() || fate == null || !fate.isTextual()) {
                throw new IllegalArgumentException(
                        file + ":" + (i + 1) + ": no event_id or fate (expected: an access-log line)");
            }
            out.add(new FateRecord(id.textValue(), fate.textValue()));
        }
        return out;
    }
}
