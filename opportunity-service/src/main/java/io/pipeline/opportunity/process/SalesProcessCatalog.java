package io.pipeline.opportunity.process;

import java.util.Optional;

/** Where the aggregate finds the (immutable) process version a deal was opened with. */
public interface SalesProcessCatalog {

    Optional<SalesProcess> version(String id, int version);

    Optional<SalesProcess> latest(String id);

    default SalesProcess requireVersion(String id, int version) {
        return version(id, version).orElseThrow(() -> new IllegalStateException(
                "Sales process " + id + " v" + version + " is referenced by a deal but not stored"));
    }
}
