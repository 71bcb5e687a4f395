package io.cutover.ops.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class AccessLineTest {

    static AccessRecord record(String eventId) {
        return new AccessRecord(
                Instant.parse("2026-11-22T10:15:30.123Z"),
                eventId,
                "r.cfm",
                "37723",
                "275332",
                "primary",
                302,
                12_345_678,
                "203.0.113.0",
                "primary:connect,legacy:ok",
                "/r.cfm?b=366125&u=275332&m=37723&urllink=&afftrack=");
    }

    private static String line(AccessRecord record) {
        return new AccessLine().append(new StringBuilder(), record).toString();
    }

    @Test
    void writesOneJsonObjectOnOneLineInFixedKeyOrder() {
        assertThat(line(record("0190f1c2-7a3b-7cde-8f01-23456789abcd")))
                .isEqualTo("{\"ts\":\"2026-11-22T10:15:30.123Z\",\"event_id\":\"0190f1c2-7a3b-7cde-8f01-23456789abcd\","
                        + "\"endpoint\":\"r.cfm\",\"merchant\":\"37723\",\"affiliate\":\"275332\",\"fate\":\"primary\","
                        + "\"route\":\"primary\",\"status\":302,\"duration_ms\":12.345,\"client_ip\":\"203.0.113.0\","
                        + "\"attempts\":\"primary:connect,legacy:ok\","
                        + "\"uri\":\"/r.cfm?b=366125&u=275332&m=37723&urllink=&afftrack=\"}\n");
    }

    @Test
    void writesTimestampsExactlyAsIsoInstantWhetherTheSecondIsRememberedOrNot() {
        AccessLine line = new AccessLine();
        long[] seconds = {
            1_764_000_000L,
            1_764_000_000L,
            1_764_000_001L,
            0,
            -1,
            1,
            253_402_300_799L,
            253_402_300_800L,
            Instant.MIN.getEpochSecond(),
            Instant.MAX.getEpochSecond(),
            1_764_000_000L
        };
        int[] nanos = {0, 1, 9, 10, 99, 100, 999, 1_000, 1_000_000, 120_000_000, 123_400_000, 500_000_000, 999_999_999};
        for (long second : seconds) {
            for (int nano : nanos) {
                Instant instant = Instant.ofEpochSecond(second, nano);
                StringBuilder out = new StringBuilder();
                line.appendInstant(out, instant);
                assertThat(out.toString())
                        .as(instant.toString())
                        .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
            }
        }
    }

    @Test
    void truncatesEachRecordsOwnClientIpWhenConsecutiveOnesDiffer() {
        AccessLine line = new AccessLine();
        String[] ips = {"203.0.113.77", "203.0.113.77", "198.51.100.9", "2001:db8:85a3:8d3::7348", "203.0.113.77", "-"};
        String[] truncated = {"203.0.113.0", "203.0.113.0", "198.51.100.0", "2001:db8:85a3::", "203.0.113.0", "-"};
        for (int i = 0; i < ips.length; i++) {
            AccessRecord record =
                    new AccessRecord(Instant.EPOCH, "e", "r.cfm", "1", "2", "primary", 302, 0, ips[i], "", "/r.cfm");
            assertThat(line.append(new StringBuilder(), record).toString())
                    .as(ips[i])
                    .contains("\"client_ip\":\"" + truncated[i] + "\"");
        }
    }

    @Test
    void writesMissingIdsAsNull() {
        AccessRecord record =
                new AccessRecord(Instant.EPOCH, "e", "sale.cfm", null, null, "queued", 200, 0, "-", "", "/sale.cfm");

        assertThat(line(record))
                .contains("\"merchant\":null,\"affiliate\":null")
                .contains("\"duration_ms\":0.000")
                .contains("\"ts\":\"1970-01-01T00:00:00Z\"");
    }

    @Test
    void writesDurationInMillisecondsWithMicrosecondPrecision() {
        assertThat(line(withDuration(1_000))).contains("\"duration_ms\":0.001,");
        assertThat(line(withDuration(45_000))).contains("\"duration_ms\":0.045,");
        assertThat(line(withDuration(999_999))).contains("\"duration_ms\":0.999,");
        assertThat(line(withDuration(2_000_000_000L))).contains("\"duration_ms\":2000.000,");
        assertThat(line(withDuration(-1))).contains("\"duration_ms\":0.000,");
    }

    @Test
    void escapesTheUriSoThatARecordStaysOnOneLine() {
        AccessRecord record = new AccessRecord(
                Instant.EPOCH,
                "e",
                "r.cfm",
                "1\"2",
                "a\\b",
                "queued",
                302,
                0,
                "-",
                "",
                "/r.cfm?u=1\r\nX-Injected: 1&urllink=\u0000é");

        String line = line(record);

        assertThat(line).containsOnlyOnce("\n").endsWith("}\n");
        assertThat(line)
                .contains("\"merchant\":\"1\\\"2\",\"affiliate\":\"a\\\\b\"")
                .contains("\"uri\":\"/r.cfm?u=1\\r\\nX-Injected: 1&urllink=\\u0000é\"");
    }

    @Test
    void truncatesAClientIpThatSlippedThroughWhole() {
        AccessRecord full = new AccessRecord(
                Instant.EPOCH,
                "e",
                "r.cfm",
                null,
                null,
                "primary",
                302,
                0,
                "2001:db8:85a3:8d3:1319:8a2e:370:7348",
                "primary:ok",
                "/r.cfm");

        assertThat(line(full)).contains("\"client_ip\":\"2001:db8:85a3::\"").doesNotContain("7348");
    }

    @Test
    void saysWhoAnsweredForEveryFate() {
        assertThat(AccessLine.route("primary")).isEqualTo("primary");
        assertThat(AccessLine.route("legacy")).isEqualTo("legacy");
        assertThat(AccessLine.route("queued")).isEqualTo("local");
        assertThat(AccessLine.route("spooled")).isEqualTo("local");
        assertThat(AccessLine.route("overflow")).isEqualTo("local");
        assertThat(AccessLine.route("rejected")).isEqualTo("none");
        assertThat(AccessLine.route("replayed")).isEqualTo("replay");
        assertThat(AccessLine.route("dead")).isEqualTo("replay");
    }

    @Test
    void redactsCredentialLikeQueryParametersAndKeepsTheTrackingOnes() {
        AccessRecord record = new AccessRecord(
                Instant.EPOCH,
                "e",
                "r.cfm",
                null,
                null,
                "rejected",
                400,
                0,
                "-",
                "",
                "/r.cfm?b=1&u=abc&access_token=eyJhbGc.secret&m=41388&Session_Id=s3cr3t&sig=deadbeef&urllink=x");

        String line = line(record);

        assertThat(line)
                .contains("\"uri\":\"/r.cfm?b=1&u=abc&access_token=[redacted]&m=41388&Session_Id=[redacted]"
                        + "&sig=[redacted]&urllink=x\"")
                .doesNotContain("eyJhbGc")
                .doesNotContain("s3cr3t")
                .doesNotContain("deadbeef");
    }

    @Test
    void leavesAUriWithoutSecretsAsItIs() {
        String uri = "/r.cfm?b=366125&u=275332&m=37723&urllink=www.example.com%2Fp%3Fkey%3D1&afftrack=";
        assertThat(QueryRedaction.redact(uri)).isSameAs(uri);
        assertThat(QueryRedaction.redact("/r.cfm")).isEqualTo("/r.cfm");
        assertThat(QueryRedaction.redact("/x?token")).isEqualTo("/x?token");
        assertThat(QueryRedaction.redact("/x?token=&a=1")).isEqualTo("/x?token=[redacted]&a=1");
        assertThat(QueryRedaction.redact("/x?a=1&&password=p")).isEqualTo("/x?a=1&&password=[redacted]");
    }

    private static AccessRecord withDuration(long nanos) {
        return new AccessRecord(Instant.EPOCH, "e", "r.cfm", null, null, "primary", 302, nanos, "-", "", "/");
    }
}
