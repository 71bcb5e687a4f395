package io.cutover.loadtest.load;

/** One request from when it is due to its end; confined to its lane's event loop. */
final class Pending {

    final long sequence;
    final CorpusRequest request;
    final String target;
    final byte[] bytes;
    final long dueNanos;
    final boolean fresh;
    long sentNanos;
    int status;
    String location;
    String eventId;
    boolean keepAlive = true;

    Pending(long sequence, CorpusRequest request, String target, byte[] bytes, long dueNanos, boolean fresh) {
        this.sequence = sequence;
        this.request = request;
        this.target = target;
        this.bytes = bytes;
        this.dueNanos = dueNanos;
        this.fresh = fresh;
    }
}
