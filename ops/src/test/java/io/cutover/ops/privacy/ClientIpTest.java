package io.cutover.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIpTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.77, 203.0.113.0",
        "10.0.0.1, 10.0.0.0",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.0",
        "192.168.001.010, 192.168.1.0",
    })
    void truncatesIpv4ToItsSlash24(String literal, String expected) {
        assertThat(ClientIp.truncate(literal)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 2001:db8:85a3::",
        "2001:0DB8:85A3:08D3:1319:8A2E:0370:7348, 2001:db8:85a3::",
        "2001:db8::1, 2001:db8::",
        "2001:db8:0:1::, 2001:db8::",
        "2001::85a3:0:0:0:1, 2001::",
        "2001:0:85a3::1, 2001:0:85a3::",
        "0:0:1::, 0:0:1::",
        "::1, ::",
        "::, ::",
        "fe80::1%eth0, fe80::",
        "fe80::1%25, fe80::",
        "2001:db8:85a3::%, 2001:db8:85a3::",
        "64:ff9b::192.0.2.33, 64:ff9b::",
        "::192.0.2.33, ::",
        "1:2:3:4:5:6:7:8, 1:2:3::",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3::",
    })
    void truncatesIpv6ToItsSlash48InCanonicalForm(String literal, String expected) {
        assertThat(ClientIp.truncate(literal)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "::ffff:203.0.113.77, 203.0.113.0",
        "::FFFF:203.0.113.77, 203.0.113.0",
        "::ffff:cb00:714d, 203.0.113.0",
        "0:0:0:0:0:ffff:203.0.113.77, 203.0.113.0",
        "::ffff:203.0.113.77%eth0, 203.0.113.0",
    })
    void treatsIpv4MappedIpv6AsIpv4(String literal, String expected) {
        assertThat(ClientIp.truncate(literal)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "unknown",
                "localhost",
                "example.com",
                "203.0.113",
                "203.0.113.77.1",
                "203.0.113.256",
                "203.0.113.-1",
                "203.0.113.1234",
                "203..113.77",
                ".203.0.113.77",
                "203.0.113.77.",
                " 203.0.113.77",
                "203.0.113.77 ",
                "203.0.113.77%eth0",
                "203.0.113.77:8080",
                "[2001:db8::1]",
                "2001:db8::1::2",
                ":::",
                ":1::",
                "1::2:",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7::8",
                "12345::",
                "g::",
                "::ffff:1.2.3",
                "1.2.3.4::",
                "::1.2.3.4:5",
                "1:2:3:4:5:6:7:1.2.3.4",
                "%eth0",
                "\u0661.2.3.4",
                "\uff11::",
                "-",
                "0x7f.0.0.1",
                "2001:db8:85a3:8d3:1319:8a2e:370:7348:2001:db8:85a3:8d3:1319:8a2e:370",
            })
    void answersUnknownForAnythingThatIsNotAnAddressLiteral(String literal) {
        assertThat(ClientIp.truncate(literal)).isEqualTo(ClientIp.UNKNOWN);
    }

    @Test
    void truncatesResolvedAddressesFromTheirBytes() throws UnknownHostException {
        InetAddress v4 = InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 77});
        InetAddress v6 = InetAddress.getByAddress(new byte[] {
            0x20,
            0x01,
            0x0d,
            (byte) 0xb8,
            (byte) 0x85,
            (byte) 0xa3,
            0x08,
            (byte) 0xd3,
            0x13,
            0x19,
            (byte) 0x8a,
            0x2e,
            0x03,
            0x70,
            0x73,
            0x48
        });

        assertThat(ClientIp.truncate(v4)).isEqualTo("203.0.113.0");
        assertThat(ClientIp.truncate(v6)).isEqualTo("2001:db8:85a3::");
        assertThat(ClientIp.truncate((InetAddress) null)).isEqualTo(ClientIp.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "203.0.113.77|203.0.113.77",
                "203.0.113.77, 10.0.0.1, 10.0.0.2|203.0.113.77",
                "  203.0.113.77 ,10.0.0.1|203.0.113.77",
                "\t2001:db8::1,10.0.0.1|2001:db8::1",
                "[2001:db8::1]:4711, 10.0.0.1|2001:db8::1",
                "[2001:db8::1]|2001:db8::1",
                "203.0.113.77:4711|203.0.113.77",
                "\"203.0.113.77\"|203.0.113.77",
                "unknown, 10.0.0.1|unknown",
                "fe80::1%eth0|fe80::1%eth0",
            })
    void takesTheLeftmostForwardedAddress(String header, String expected) {
        assertThat(ClientIp.forwardedClient(header)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ", 10.0.0.1", " ,203.0.113.77", "[]", "\"\""})
    void findsNoForwardedClientWhenTheFirstElementIsBlank(String header) {
        assertThat(ClientIp.forwardedClient(header)).isEmpty();
    }

    @Test
    void forwardedClientFeedsTruncation() {
        String client = ClientIp.forwardedClient("[2001:db8:85a3:8d3::7348]:443, 198.51.100.1")
                .orElseThrow();

        assertThat(ClientIp.truncate(client)).isEqualTo("2001:db8:85a3::");
    }
}
