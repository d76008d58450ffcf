package com.satrank.ingest.services;

import com.satrank.metrics.Metrics;
import io.prometheus.metrics.core.metrics.Counter;

/** Service discovery's Prometheus series (see docs/operations.md for the list). */
public final class ServiceMetrics {
    private final Counter registryErrors;
    private final Counter skipped;
    private final Counter discovered;
    private final Counter probes;
    private final Counter satsSpent;
    private final Counter budgetRefusals;

    public ServiceMetrics(Metrics metrics) {
        registryErrors = metrics.counter("satrank_registry_errors_total", "Registry reads that failed", "registry");
        skipped = metrics.counter("satrank_services_skipped_total",
                "Registry entries not taken (invalid_url, unsafe_url, host_cap_total, host_cap_cycle)", "reason");
        discovered = metrics.counter("satrank_services_discovered_total", "Discovery requests by outcome", "outcome");
        probes = metrics.counter("satrank_endpoint_probes_total", "Endpoint stage outcomes appended", "stage", "outcome");
        satsSpent = metrics.counter("satrank_endpoint_sats_spent_total", "Sats paid by paid endpoint probes, fees included");
        budgetRefusals = metrics.counter("satrank_endpoint_budget_refusals_total",
                "Paid probes not made because a budget would be exceeded", "budget");
    }

    public static ServiceMetrics detached() {
        return new ServiceMetrics(Metrics.detached());
    }

    void registryError(String registry) {
        registryErrors.labelValues(registry).inc();
    }

    void skipped(String reason) {
        skipped.labelValues(reason).inc();
    }

    void discovered(String outcome) {
        discovered.labelValues(outcome).inc();
    }

    void probed(String stage, String outcome) {
        probes.labelValues(stage, outcome).inc();
    }

    void spent(long sats) {
        satsSpent.inc(sats);
    }

    void refused(String budget) {
        budgetRefusals.labelValues(budget).inc();
    }

    /** Catalogue entries by registry, read at scrape time. */
    public static void catalogueGauge(Metrics metrics, ServiceCatalogue catalogue) {
        java.util.Map<String, java.util.function.DoubleSupplier> byRegistry = new java.util.LinkedHashMap<>();
        for (String registry : new String[] {"402index", "l402directory"}) {
            byRegistry.put(registry, () -> catalogue.countListedBy(registry));
        }
        metrics.gauge("satrank_services_catalogue", "Catalogue URLs (not delisted) by the registry that lists them",
                "registry", byRegistry);
    }
}
