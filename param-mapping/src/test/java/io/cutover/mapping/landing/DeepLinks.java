package io.cutover.mapping.landing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.cutover.mapping.query.PercentEncoder;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Raw {@code urllink} values for generated-input tests, drawn from the fuzzer's data: half built
 * like real deep links (scheme, user info, host tricks, port, path, query, then zero to two layers
 * of encoding or ShareASale's recipe), half chaotic fragments. Merchant 41388 of the sample
 * directory allows example.com.
 */
public final class DeepLinks {

    private static final List<String> SCHEMES = List.of(
            "https://", "http://", "", "//", "HTTPS://", "javascript:", "https:\\\\", "data:text/html,", "https:/");
    private static final List<String> USERINFO =
            List.of("", "", "", "", "user@", "example.com@", "www.example.com:pw@");
    private static final List<String> HOSTS = List.of(
            "www.example.com",
            "example.com",
            "shop.example.com",
            "WWW.Example.COM",
            "www.example.com.",
            "evil.com",
            "example.com.evil.com",
            "notexample.com",
            "exаmple.com",
            "ｅｘａｍｐｌｅ.com",
            "",
            "www.example.com\\@evil.com",
            "evil.com\\@www.example.com");
    private static final List<String> PORTS = List.of("", "", "", ":8080", ":443", ":x", ":");
    private static final String PATH_CHARS = "/abcö %\\@.#\"<>";
    private static final List<String> QUERIES =
            List.of("", "", "?a=1", "?q=a%26b", "?u=https://evil.com", "?x=%0D%0A", "?s=a+b", "#frag", "?a=1#f#g");
    private static final List<UnaryOperator<String>> ENCODINGS = List.of(
            url -> url,
            PercentEncoder::encodeComponent,
            url -> PercentEncoder.encodeComponent(PercentEncoder.encodeComponent(url)),
            url -> url.replace("?", "%3F").replace("=", "%3D").replace("&", "%26"));
    private static final List<String> FRAGMENTS = List.of(
            "https://",
            "http://",
            "//",
            "\\\\",
            "javascript:",
            "data:",
            "https%3A%2F%2F",
            "https%253A%252F%252F",
            "www.example.com",
            "example.com",
            "evil.com",
            "example.com.evil.com",
            "@",
            ":",
            ":443",
            "/",
            "\\",
            "?",
            "#",
            "=",
            "%",
            "%2F",
            "%252F",
            "%40",
            "%5C",
            "%0D%0A",
            "%00",
            " ",
            ".",
            "ö",
            "。",
            "ｅ",
            "%E9",
            "+",
            "[",
            "]");

    private DeepLinks() {}

    public static String any(FuzzedDataProvider data) {
        return data.consumeBoolean() ? structured(data) : chaotic(data);
    }

    static String structured(FuzzedDataProvider data) {
        String url = data.pickValue(SCHEMES)
                + data.pickValue(USERINFO)
                + data.pickValue(HOSTS)
                + data.pickValue(PORTS)
                + "/"
                + text(data, PATH_CHARS, 10)
                + data.pickValue(QUERIES);
        return data.pickValue(ENCODINGS).apply(url);
    }

    static String chaotic(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder();
        int pieces = data.consumeInt(0, 14);
        for (int i = 0; i < pieces; i++) {
            out.append(data.consumeBoolean() ? data.pickValue(FRAGMENTS) : data.consumeString(4));
        }
        return out.toString();
    }

    /** Up to {@code max} characters, each one of {@code alphabet}. */
    public static String text(FuzzedDataProvider data, String alphabet, int max) {
        int n = data.consumeInt(0, max);
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return out.toString();
    }
}
