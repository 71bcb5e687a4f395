package io.cutover.proxy.reload;

import io.cutover.mapping.Translator;
import io.cutover.mapping.directory.CachedDirectory;
import io.cutover.mapping.directory.Directory;
import io.cutover.mapping.directory.FileDirectory;
import io.cutover.ops.health.CheckResult;

/** What readiness and metrics say about the serving snapshot. */
public final class Snapshots {

    private Snapshots() {}

    /** Up once a mapping table serves, with its endpoints. */
    public static CheckResult mappingCheck(Translator serving) {
        if (serving == null) {
            return CheckResult.down("mapping table not loaded yet");
        }
        return CheckResult.up(serving.table().endpoints().size() + " endpoints from "
                + serving.table().sources());
    }

    /** Up once a directory serves (preloaded whole), with its size. */
    public static CheckResult directoryCheck(Translator serving) {
        if (serving == null) {
            return CheckResult.down("directory not loaded yet");
        }
        FileDirectory preloaded = preloaded(serving.directory());
        return CheckResult.up(
                preloaded == null
                        ? "directory given at start"
                        : preloaded.merchantCount() + " merchants and " + preloaded.affiliateCount()
                                + " affiliates preloaded");
    }

    /** The serving directory's preloaded merchants; 0 before one serves. */
    public static long merchants(Translator serving) {
        FileDirectory preloaded = serving == null ? null : preloaded(serving.directory());
        return preloaded == null ? 0 : preloaded.merchantCount();
    }

    /** The serving directory's preloaded affiliates; 0 before one serves. */
    public static long affiliates(Translator serving) {
        FileDirectory preloaded = serving == null ? null : preloaded(serving.directory());
        return preloaded == null ? 0 : preloaded.affiliateCount();
    }

    private static FileDirectory preloaded(Directory directory) {
        if (directory instanceof CachedDirectory cached) {
            return cached.preloaded();
        }
        return directory instanceof FileDirectory file ? file : null;
    }
}
