package com.satrank.ingest.services;

import com.google.protobuf.ByteString;
import com.satrank.bolt11.Bolt11;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ServiceDelisted;
import com.satrank.events.v1.ServiceDiscovered;
import com.satrank.events.v1.ServiceListed;
import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.log.EventAppender;
import com.satrank.model.EndpointUrl;
import com.satrank.services.L402Challenge;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawls the configured registries into the services log: pages through each, appends a
 * {@code ServiceListed} for every URL new or changed, and sends a discovery request to each URL not
 * yet seen to answer a real L402 challenge (advertised method, the other one on 405), appending what
 * it found. Three 404s in a row delist a URL. New URLs per host are capped in total and per run.
 * Every request goes through {@link SafeHttp}.
 */
public final class RegistryCrawler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryCrawler.class);
    static final int PAGE_SIZE = 100;
    static final int DELIST_AFTER_404S = 3;
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/json, */*;q=0.5");

    private final ServicesConfig config;
    private final SafeHttp http;
    private final EventAppender services;
    private final ServiceCatalogue catalogue;
    private final ServiceMetrics metrics;
    private final Map<String, Long> lastRequestAtHost = new HashMap<>();

    public RegistryCrawler(ServicesConfig config, SafeHttp http, EventAppender services, ServiceCatalogue catalogue,
                           ServiceMetrics metrics) {
        this.config = config;
        this.http = http;
        this.services = services;
        this.catalogue = catalogue;
        this.metrics = metrics;
    }

    /** One run over every registry; returns the delay until the next. */
    public Duration crawlOnce() {
        Map<String, Integer> newThisRun = new HashMap<>();
        for (ServicesConfig.Registry registry : config.registries()) {
            try {
                for (RegistryListing listing : read(registry)) {
                    take(listing, newThisRun);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("registry {} not read: {}", registry.url(), e.getMessage());
                metrics.registryError(registry.kind());
            }
        }
        return config.registryInterval();
    }

    private List<RegistryListing> read(ServicesConfig.Registry registry) throws IOException {
        if (registry.kind().equals("l402directory")) {
            SafeHttp.Answer answer = http.request("GET", registry.url() + "?status=all", ACCEPT, config.discoveryTimeout());
            requireOk(answer, registry);
            return RegistryListing.fromDirectory(answer.body());
        }
        List<RegistryListing> all = new java.util.ArrayList<>();
        for (int offset = 0; offset < 100_000; offset += PAGE_SIZE) {
            SafeHttp.Answer answer = http.request("GET", registry.url() + "?protocol=L402&limit=" + PAGE_SIZE
                    + "&offset=" + offset, ACCEPT, config.discoveryTimeout());
            requireOk(answer, registry);
            RegistryListing.IndexPage page = RegistryListing.fromIndexPage(answer.body());
            all.addAll(page.listings());
            if (page.entries() < PAGE_SIZE) {
                break;
            }
        }
        return all;
    }

    private static void requireOk(SafeHttp.Answer answer, ServicesConfig.Registry registry) throws IOException {
        if (answer.status() != 200) {
            throw new IOException("HTTP " + answer.status() + " " + answer.reason());
        }
    }

    private void take(RegistryListing listing, Map<String, Integer> newThisRun) {
        EndpointUrl url;
        try {
            url = EndpointUrl.of(listing.url());
        } catch (IllegalArgumentException e) {
            metrics.skipped("invalid_url");
            return;
        }
        if (http.safety().refuseUrl(listing.url()) != null) {
            metrics.skipped("unsafe_url");
            return;
        }
        var known = catalogue.get(url.hash());
        if (known.isPresent() && known.get().delisted()) {
            return;
        }
        if (known.isEmpty()) {
            String host = java.net.URI.create(listing.url()).getHost();
            if (catalogue.activeOnHost(host) >= config.hostCapTotal()) {
                metrics.skipped("host_cap_total");
                return;
            }
            if (newThisRun.getOrDefault(host, 0) >= config.hostCapPerCycle()) {
                metrics.skipped("host_cap_cycle");
                return;
            }
            newThisRun.merge(host, 1, Integer::sum);
        }
        if (known.isEmpty() || changed(known.get(), listing)) {
            append(Event.newBuilder().setServiceListed(ServiceListed.newBuilder().setUrl(listing.url())
                    .setUrlHash(url.hash()).setRegistry(listing.registry()).setName(listing.name())
                    .setDescription(listing.description()).setCategory(listing.category())
                    .setProvider(listing.provider()).setHttpMethod(listing.method())
                    .setAdvertisedPriceSats(listing.advertisedPriceSats())));
        }
        var entry = catalogue.get(url.hash()).orElseThrow();
        if (entry.payee() == null) {
            discover(entry);
        }
    }

    private static boolean changed(ServiceCatalogue.Entry e, RegistryListing l) {
        if (!e.registries().contains(l.registry())) {
            return true;
        }
        if (!com.satrank.services.RegistryRank.setsMetadata(l.registry(), e.registries())) {
            return false; // a higher-ranked registry's fields stand
        }
        return !Objects.equals(e.name(), l.name())
                || !Objects.equals(e.description(), l.description()) || !Objects.equals(e.category(), l.category())
                || !Objects.equals(e.provider(), l.provider()) || !Objects.equals(e.method(), l.method())
                || e.advertisedPriceSats() != l.advertisedPriceSats();
    }

    /** The discovery request; appends what it found, and delists after repeated 404s. */
    void discover(ServiceCatalogue.Entry entry) {
        pauseForHost(entry.host());
        String method = entry.method();
        SafeHttp.Answer answer = http.request(method, entry.url().url(), ACCEPT, config.discoveryTimeout());
        if (answer.status() == 405) {
            method = method.equals("GET") ? "POST" : "GET";
            answer = http.request(method, entry.url().url(), ACCEPT, config.discoveryTimeout());
        }
        ServiceDiscovered.Builder found = ServiceDiscovered.newBuilder().setUrl(entry.url().url())
                .setUrlHash(entry.url().hash()).setHttpStatus(answer.status()).setHttpMethod(method)
                .setLatencyMs((int) Math.min(Integer.MAX_VALUE, answer.latencyMs()));
        found.setOutcome(bucket(answer, found));
        metrics.discovered(found.getOutcome());
        append(Event.newBuilder().setServiceDiscovered(found));
        var after = catalogue.get(entry.url().hash()).orElseThrow();
        if (after.consecutive404() >= DELIST_AFTER_404S) {
            append(Event.newBuilder().setServiceDelisted(ServiceDelisted.newBuilder().setUrl(entry.url().url())
                    .setUrlHash(entry.url().hash()).setReason("404_persistent")));
        }
    }

    /** The reference's discovery buckets; fills payee and price for a real challenge. */
    private static String bucket(SafeHttp.Answer answer, ServiceDiscovered.Builder found) {
        if (answer.failure() == SafeHttp.Failure.UNSAFE) {
            return "refused_unsafe";
        }
        if (answer.failure() == SafeHttp.Failure.UNREACHABLE) {
            return "unreachable";
        }
        int s = answer.status();
        if (s == 404 || s == 405 || s == 406) {
            return "http_" + s;
        }
        if (s >= 500) {
            return "http_5xx";
        }
        if (answer.header("payment-required") != null) {
            return "x402";
        }
        if (s != 402) {
            return "not_l402";
        }
        var challenge = L402Challenge.parse(answer.header("www-authenticate"));
        if (challenge.isEmpty()) {
            return "no_invoice";
        }
        try {
            var invoice = Bolt11.decode(challenge.get().invoice());
            found.setPayeePubkey(ByteString.copyFrom(invoice.payee()));
            found.setPriceSats(invoice.amountMsat() == null ? 0 : invoice.amountMsat() / 1000);
            return "l402";
        } catch (RuntimeException e) {
            return "invoice_undecodable";
        }
    }

    private void pauseForHost(String host) {
        long gap = config.hostGap().toMillis();
        if (gap <= 0) {
            return;
        }
        long now = System.currentTimeMillis(); // pacing only, never written
        long wait = lastRequestAtHost.getOrDefault(host, 0L) + gap - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastRequestAtHost.put(host, System.currentTimeMillis());
    }

    private void append(Event.Builder event) {
        services.append(event);
        catalogue.apply(event.build());
    }
}
