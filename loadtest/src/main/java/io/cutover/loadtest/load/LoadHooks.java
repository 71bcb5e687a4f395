package io.cutover.loadtest.load;

import java.io.PrintStream;
import java.util.Objects;

/**
 * What a run tells its caller as it goes: the fate of each answer, each answer itself, and a live
 * progress line (once a second) on {@code progress}, or none when it is {@code null}.
 *
 * @param overwrite whether the progress line rewrites itself ({@code \r}, on a terminal) or prints
 *     a line every second (in a log)
 */
public record LoadHooks(FateClassifier classifier, AnswerListener listener, PrintStream progress, boolean overwrite) {

    public LoadHooks {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(listener, "listener");
    }

    /** Fates by status class, no listener, no progress line. */
    public static LoadHooks quiet() {
        return new LoadHooks(FateClassifier.byStatus(), AnswerListener.none(), null, false);
    }

    public LoadHooks withClassifier(FateClassifier other) {
        return new LoadHooks(other, listener, progress, overwrite);
    }

    public LoadHooks withListener(AnswerListener other) {
        return new LoadHooks(classifier, other, progress, overwrite);
    }

    /** A progress line on {@code out}, rewritten in place when {@code out} is a terminal. */
    public LoadHooks withProgress(PrintStream out, boolean rewriteInPlace) {
        return new LoadHooks(classifier, listener, out, rewriteInPlace);
    }
}
