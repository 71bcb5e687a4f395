package io.cutover.proxy.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The directory's store, its cache, and how the mapping and directory are reloaded.
 *
 * @param store where the directory lives; {@code FILE} reads {@link CutoverConfig#directoryFile()}
 * @param dynamodbTable the DynamoDB table ({@code DYNAMODB} only)
 * @param dynamodbEndpoint an endpoint other than AWS's regional one, e.g. DynamoDB Local
 * @param dynamodbRegion the AWS region of the table
 * @param scanSegments parallel segments of the preload's scan
 * @param cacheSize entries the cache keeps per kind for keys the preload did not have
 * @param cacheExpiry how long a cached entry (found or not) is kept before it is asked for again
 * @param maxLoadsInFlight single-key loads at once; past it a miss is not loaded
 * @param refresh how often the whole directory is preloaded again and swapped in; empty = never
 *     (a file directory is reloaded when it changes)
 * @param watch whether the mapping files and the directory file are watched and reloaded
 * @param watchInterval how often the watched files are checked; a change is reloaded once the
 *     files have not changed for one interval (editors write in steps)
 */
public record DirectorySettings(
        DirectoryStoreKind store,
        String dynamodbTable,
        Optional<URI> dynamodbEndpoint,
        String dynamodbRegion,
        int scanSegments,
        int cacheSize,
        Duration cacheExpiry,
        int maxLoadsInFlight,
        Optional<Duration> refresh,
        boolean watch,
        Duration watchInterval) {

    /** The file store with the defaults of {@code config/cutover.example.yaml}. */
    public static DirectorySettings defaults() {
        return new DirectorySettings(
                DirectoryStoreKind.FILE,
                null,
                Optional.empty(),
                "eu-west-1",
                8,
                100_000,
                Duration.ofMinutes(5),
                64,
                Optional.empty(),
                true,
                Duration.ofSeconds(1));
    }
}
