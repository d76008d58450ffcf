package com.satrank.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * One process's Prometheus metrics, registered by name once however many parts ask for them (the
 * demo runs ingest, pipeline and API in one JVM, and each LND client asks for the same call
 * metrics). Names follow Prometheus conventions: {@code satrank_} prefix, snake case, a unit
 * suffix ({@code _seconds}, {@code _bytes}, {@code _total}), labels instead of names per route,
 * method or stream. Counters are created with their known label values so they read 0 from the
 * start, not only after the first event.
 */
public final class Metrics {
    /** Buckets for request and call latencies: fine below 10 ms, where the targets are. */
    public static final double[] LATENCY_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30};
    /** Buckets for pipeline passes (hundreds of milliseconds to a minute). */
    public static final double[] PASS_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120};

    private final PrometheusRegistry registry;
    private final Map<String, Object> families = new ConcurrentHashMap<>();

    public Metrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** A registry of its own, for tools and tests that export nothing. */
    public static Metrics detached() {
        return new Metrics(new PrometheusRegistry());
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** A counter (name ending in {@code _total}). */
    public Counter counter(String name, String help, String... labels) {
        return family(name, n -> Counter.builder().name(n).help(help).labelNames(labels).register(registry));
    }

    public Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return family(name, n -> Histogram.builder().name(n).help(help).labelNames(labels).classicOnly()
                .classicUpperBounds(buckets).register(registry));
    }

    /** A gauge read at scrape time; the last registration of a name wins nothing, the first stays. */
    public void gauge(String name, String help, DoubleSupplier value) {
        family(name, n -> GaugeWithCallback.builder().name(n).help(help)
                .callback(cb -> cb.call(value.getAsDouble())).register(registry));
    }

    /** A gauge with one series per label value, read at scrape time. */
    public void gauge(String name, String help, String label, Map<String, DoubleSupplier> values) {
        family(name, n -> GaugeWithCallback.builder().name(n).help(help).labelNames(label)
                .callback(cb -> values.forEach((v, s) -> cb.call(s.getAsDouble(), v))).register(registry));
    }

    /** A counter kept elsewhere (a monotone count), read at scrape time, one series per label value. */
    public void counter(String name, String help, String label, Map<String, DoubleSupplier> values) {
        family(name, n -> CounterWithCallback.builder().name(n).help(help).labelNames(label)
                .callback(cb -> values.forEach((v, s) -> cb.call(s.getAsDouble(), v))).register(registry));
    }

    /** A counter kept elsewhere, without labels. */
    public void counter(String name, String help, DoubleSupplier value) {
        family(name, n -> CounterWithCallback.builder().name(n).help(help)
                .callback(cb -> cb.call(value.getAsDouble())).register(registry));
    }

    @SuppressWarnings("unchecked")
    private <T> T family(String name, Function<String, T> create) {
        return (T) families.computeIfAbsent(name, create::apply);
    }
}
