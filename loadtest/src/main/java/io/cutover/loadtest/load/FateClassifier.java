package io.cutover.loadtest.load;

/**
 * Sorts each answer into a fate for the counts and plots, e.g. {@code primary}, {@code legacy},
 * {@code local} from its Location and event ID. It runs on the generator's event loop for every
 * answer: it must be quick and must not block.
 */
@FunctionalInterface
public interface FateClassifier {

    String classify(Answer answer);

    /** The status class ({@code 2xx} … {@code 5xx}), or the failure ({@code timeout}, {@code reset}, …). */
    static FateClassifier byStatus() {
        return answer -> {
            if (answer.failure() != null) {
                return answer.failure().tag();
            }
            int status = answer.status();
            return status >= 200 && status < 600 ? (status / 100) + "xx" : "other";
        };
    }
}
