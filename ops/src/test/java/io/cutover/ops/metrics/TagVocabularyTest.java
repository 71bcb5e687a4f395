package io.cutover.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagVocabularyTest {

    private static final List<String> ONE = List.of("a");

    @Test
    void standardVocabularyHasTheDesignedTags() {
        TagVocabulary standard = TagVocabulary.STANDARD;

        assertThat(standard.kinds()).containsExactly("r.cfm", "u.cfm", "m-pr.cfm", "sale.cfm");
        assertThat(standard.fates()).containsExactly("primary", "legacy", "queued", "spooled", "overflow", "rejected");
        assertThat(standard.backends()).containsExactly("primary", "legacy");
        assertThat(standard.attemptOutcomes())
                .contains("ok", "connect", "read_timeout", "deadline")
                .hasSize(9);
        assertThat(standard.rejectionReasons())
                .contains("bad_request", "unmapped_rejected")
                .hasSize(6);
    }

    @Test
    void copiesTheListsItIsGiven() {
        List<String> kinds = new ArrayList<>(List.of("r.cfm"));
        TagVocabulary vocabulary = new TagVocabulary(kinds, ONE, ONE, ONE, ONE);

        kinds.add("u.cfm");

        assertThat(vocabulary.kinds()).containsExactly("r.cfm");
    }

    @Test
    void rejectsAnEmptyList() {
        assertThatThrownBy(() -> new TagVocabulary(ONE, List.of(), ONE, ONE, ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fates: [] (expected: at least one value)");
    }

    @Test
    void rejectsDuplicates() {
        assertThatThrownBy(() -> new TagVocabulary(ONE, ONE, List.of("primary", "primary"), ONE, ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backends: [primary, primary] (expected: no duplicates, 'primary' twice)");
    }

    @Test
    void rejectsBlankValues() {
        assertThatThrownBy(() -> new TagVocabulary(ONE, ONE, ONE, List.of("ok", " "), ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attemptOutcomes: [ok,  ] (expected: no blank values)");
    }
}
