package io.cutover.mapping.landing;

import io.cutover.mapping.query.PercentEncoder;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Raw {@code urllink} values for property tests: half built like real deep links (scheme, user
 * info, host tricks, port, path, query, then zero to two layers of encoding or ShareASale's
 * recipe), half chaotic fragments. Merchant 41388 of the sample directory allows example.com.
 */
public final class DeepLinks {

    private DeepLinks() {}

    public static Arbitrary<String> any() {
        return Arbitraries.oneOf(structured(), chaotic());
    }

    static Arbitrary<String> structured() {
        Arbitrary<String> scheme = Arbitraries.of(
                "https://", "http://", "", "//", "HTTPS://", "javascript:", "https:\\\\", "data:text/html,", "https:/");
        Arbitrary<String> userinfo = Arbitraries.of("", "", "", "", "user@", "example.com@", "www.example.com:pw@");
        Arbitrary<String> host = Arbitraries.of(
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
        Arbitrary<String> port = Arbitraries.of("", "", "", ":8080", ":443", ":x", ":");
        Arbitrary<String> path = Arbitraries.strings()
                .withChars("/abcö %\\@.#\"<>")
                .ofMaxLength(10)
                .map(p -> "/" + p);
        Arbitrary<String> query = Arbitraries.of(
                "", "", "?a=1", "?q=a%26b", "?u=https://evil.com", "?x=%0D%0A", "?s=a+b", "#frag", "?a=1#f#g");
        Arbitrary<Function<String, String>> encoding = Arbitraries.of(
                Function.identity(),
                PercentEncoder::encodeComponent,
                url -> PercentEncoder.encodeComponent(PercentEncoder.encodeComponent(url)),
                url -> url.replace("?", "%3F").replace("=", "%3D").replace("&", "%26"));
        return Combinators.combine(scheme, userinfo, host, port, path, query, encoding)
                .as((s, u, h, p, pa, q, e) -> e.apply(s + u + h + p + pa + q));
    }

    static Arbitrary<String> chaotic() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
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
                        "]"),
                Arbitraries.strings().ofMaxLength(4));
        return pieces.list().ofMaxSize(14).map(list -> String.join("", list));
    }
}
