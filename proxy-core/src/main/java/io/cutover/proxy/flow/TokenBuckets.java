package io.cutover.proxy.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cutover.ops.privacy.ClientIp;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, keyed by the truncated client address (IPv4 /24, IPv6 /48: the
 * privacy rule, and a block a single abuser tends to hold anyway). Each client may send {@code
 * burst} requests at once and {@code perSecond} on average. The buckets live in a bounded cache
 * (least recently seen clients forgotten first, which only ever lets a forgotten client start
 * with a full bucket); shared by all event loops, each bucket locked only for its own update.
 */
public final class TokenBuckets implements ClientRateLimit {

    private final double perNano;
    private final double burst;
    private final long nanosPerToken;
    private final LongSupplier ticker;
    private final Cache<String, Bucket> buckets;

    public TokenBuckets(double perSecond, int burst, int maxClients, LongSupplier ticker) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanosPerToken = (long) Math.ceil(1e9 / perSecond);
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().maximumSize(maxClients).build();
    }

    @Override
    public long admit(String clientIp) {
        String key = ClientIp.truncate(clientIp);
        long now = ticker.getAsLong();
        Bucket bucket = buckets.get(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * perNano);
            bucket.at = Math.max(bucket.at, now);
            if (tokens >= 1) {
                bucket.tokens = tokens - 1;
                return 0;
            }
            bucket.tokens = tokens;
            return Math.max(1, (long) ((1 - tokens) * nanosPerToken));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
