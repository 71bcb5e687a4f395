package io.cutover.proxy.cli;

/** A command line that cannot be run as written; the launcher prints it with the usage and exits 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
