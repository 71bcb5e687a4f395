package io.cutover.loadtest.load;

/**
 * Told of every answer with its fate, e.g. to collect event IDs and order references for a
 * ledger. Called on the generator's event loop: it must be quick and must not block.
 */
@FunctionalInterface
public interface AnswerListener {

    void answered(Answer answer, String fate);

    static AnswerListener none() {
        return (answer, fate) -> {};
    }
}
