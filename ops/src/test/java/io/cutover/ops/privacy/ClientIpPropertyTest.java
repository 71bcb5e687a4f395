package io.cutover.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ClientIpPropertyTest {

    @Property(tries = 3000)
    void neverThrowsAndAnswersOnlyAPrefixOrUnknown(@ForAll("noise") String input) {
        String truncated = ClientIp.truncate(input);

        assertIsPrefixOrUnknown(truncated);
        assertThat(ClientIp.truncate(truncated)).isEqualTo(truncated);
    }

    @Property(tries = 2000)
    void truncatesEveryIpv4LiteralToItsSlash24(@ForAll("ipv4") byte[] bytes) throws UnknownHostException {
        String literal = InetAddress.getByAddress(bytes).getHostAddress();

        String truncated = ClientIp.truncate(literal);

        assertThat(truncated).isEqualTo((bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0");
        assertThat(ClientIp.truncate("::ffff:" + literal)).isEqualTo(truncated);
    }

    @Property(tries = 2000)
    void truncatesEveryIpv6SpellingToTheSameSlash48(@ForAll("ipv6") byte[] bytes) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(bytes);
        String expected = ClientIp.truncate(address);

        assertIsPrefixOrUnknown(expected);
        assertThat(ClientIp.truncate(address.getHostAddress())).isEqualTo(expected);
        assertThat(ClientIp.truncate(fullForm(bytes))).isEqualTo(expected);
        assertThat(ClientIp.truncate(fullForm(bytes).toUpperCase() + "%eth0")).isEqualTo(expected);
        assertThat(ClientIp.truncate(compressedForm(bytes))).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void forwardedClientNeverThrows(@ForAll("noise") String header) {
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

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> addressy =
                Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%[], ").ofMaxLength(50);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
        return Arbitraries.oneOf(addressy, addressy, anything);
    }

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<byte[]> ipv6() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofSize(16);
        // Zero runs are where the compressed forms differ, so generate plenty of them.
        Arbitrary<byte[]> sparse = Combinators.combine(
                        random, Arbitraries.integers().between(0, 0xff))
                .as((bytes, mask) -> {
                    for (int group = 0; group < 8; group++) {
                        if ((mask & (1 << group)) != 0) {
                            bytes[2 * group] = 0;
                            bytes[2 * group + 1] = 0;
                        }
                    }
                    return bytes;
                });
        return Arbitraries.oneOf(random, sparse);
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
