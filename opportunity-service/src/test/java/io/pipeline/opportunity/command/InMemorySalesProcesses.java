package io.pipeline.opportunity.command;

import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.SalesProcessCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The catalog the aggregate sees in fixtures: the shipped processes plus any the test adds. */
record InMemorySalesProcesses(List<SalesProcess> processes) implements SalesProcessCatalog {

    static InMemorySalesProcesses shipped() {
        return new InMemorySalesProcesses(SalesProcess.SHIPPED);
    }

    @Override
    public Optional<SalesProcess> version(String id, int version) {
        return processes.stream().filter(p -> p.id().equals(id) && p.version() == version).findFirst();
    }

    @Override
    public Optional<SalesProcess> latest(String id) {
        return processes.stream().filter(p -> p.id().equals(id)).max(Comparator.comparingInt(SalesProcess::version));
    }
}
