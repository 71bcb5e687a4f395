package io.cutover.loadtest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimRequestTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/r.cfm?b=1&u=2                           | /r.cfm   | b=1&u=2",
                "/r.cfm                                   | /r.cfm   | ''",
                "http://www.shareasale.com/r.cfm?b=1      | /r.cfm   | b=1",
                "http://www.shareasale.com?b=1            | /        | b=1",
                "http://www.shareasale.com                | /        | ''",
                "/image/1/a%20b.gif?x=1#frag              | /image/1/a%20b.gif | x=1",
            })
    void splitsTargetIntoPathAndRawQuery(String uri, String path, String rawQuery) {
        SimRequest request = SimRequest.of("GET", uri);

        assertThat(request.uri()).isEqualTo(uri);
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.rawQuery()).isEqualTo(rawQuery);
    }

    @Test
    void takesTheFirstValueOfAParameterByExactName() {
        SimRequest request = SimRequest.of("GET", "/cread.php?awinmid=1&awinmid=2&AWINMID=3");

        assertThat(request.first("awinmid")).isEqualTo("1");
        assertThat(request.first("Awinmid")).isNull();
    }
}
