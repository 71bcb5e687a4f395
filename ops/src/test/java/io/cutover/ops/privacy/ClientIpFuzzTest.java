package io.cutover.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Client addresses are truncated before they are logged or stored, whatever the peer or a
 * forwarding header claims. Text seeds read as the addresses they are; the byte-built addresses
 * take their 4 or 16 bytes (and a mask of zero groups) from the fuzzer.
 */
class ClientIpFuzzTest {

    @FuzzTest
    @DictionaryEntries({"::", "::ffff:", ":", ".", "%", "[", "]", ",", "0000", "255", "%eth0"})
    void neverThrowsAndAnswersOnlyAPrefixOrUnknown(FuzzedDataProvider data) {
        String input = data.consumeRemainingAsString();
        String truncated = ClientIp.truncate(input);

        assertIsPrefixOrUnknown(truncated);
        assertThat(ClientIp.truncate(truncated)).isEqualTo(truncated);
    }

    @FuzzTest
    void truncatesEveryIpv4LiteralToItsSlash24(FuzzedDataProvider data) throws UnknownHostException {
        byte[] bytes = exactly(data, 4);
        String literal = InetAddress.getByAddress(bytes).getHostAddress();

        String truncated = ClientIp.truncate(literal);

        assertThat(truncated).isEqualTo((bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0");
        assertThat(ClientIp.truncate("::ffff:" + literal)).isEqualTo(truncated);
    }

    @FuzzTest
    void truncatesEveryIpv6SpellingToTheSameSlash48(FuzzedDataProvider data) throws UnknownHostException {
        byte[] bytes = ipv6(data);
        InetAddress address = InetAddress.getByAddress(bytes);
        String expected = ClientIp.truncate(address);

        assertIsPrefixOrUnknown(expected);
        assertThat(ClientIp.truncate(address.getHostAddress())).isEqualTo(expected);
        assertThat(ClientIp.truncate(fullForm(bytes))).isEqualTo(expected);
        assertThat(ClientIp.truncate(fullForm(bytes).toUpperCase() + "%eth0")).isEqualTo(expected);
        assertThat(ClientIp.truncate(compressedForm(bytes))).isEqualTo(expected);
    }

    @FuzzTest
    @DictionaryEntries({"::", "::ffff:", ", ", "unknown", "for=", "[", "]", ":443", "%"})
    void forwardedClientNeverThrows(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        ClientIp.forwardedClient(header).ifPresent(client -> assertIsPrefixOrUnknown(ClientIp.truncate(client)));
    }

    private static void assertIsPrefixOrUnknown(String truncated) {
        if (truncated.equals(ClientIp.UNKNOWN)) {
            return;
        }
        if (truncated.contains(":")) {
            assertThat(truncated).endsWith("::");
            String head = truncated.substring(0, truncated.length() - 2);
            String[] groups = head.isEmpty() ? new String[0] : head.split(":");
            assertThat(groups.length).isLessThanOrEqualTo(3);
            for (String group : groups) {
                assertThat(group).matches("[0-9a-f]{1,4}");
            }
        } else {
            assertThat(truncated).matches("(\\d{1,3}\\.){3}0");
        }
    }

    private static byte[] exactly(FuzzedDataProvider data, int n) {
        byte[] bytes = new byte[n];
        byte[] given = data.consumeBytes(n);
        System.arraycopy(given, 0, bytes, 0, given.length);
        return bytes;
    }

    /** Random groups, half the time with a mask of zero groups: where the compressed forms differ. */
    private static byte[] ipv6(FuzzedDataProvider data) {
        boolean sparse = data.consumeBoolean();
        int mask = data.consumeInt(0, 0xff);
        byte[] bytes = exactly(data, 16);
        if (sparse) {
            for (int group = 0; group < 8; group++) {
                if ((mask & (1 << group)) != 0) {
                    bytes[2 * group] = 0;
                    bytes[2 * group + 1] = 0;
                }
            }
        }
        return bytes;
    }

    private static String fullForm(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int group = 0; group < 8; group++) {
            if (group > 0) {
                out.append(':');
            }
            out.append(String.format("%04x", ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)));
        }
        return out.toString();
    }

    /** Compresses the first run of zero groups, whatever its length, as a sloppy writer might. */
    private static String compressedForm(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int start = -1;
        int end = -1;
        for (int i = 0; i < 8; i++) {
            if (groups[i] == 0) {
                start = i;
                end = i;
                while (end + 1 < 8 && groups[end + 1] == 0) {
                    end++;
                }
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == start) {
                out.append("::");
                i = end;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
