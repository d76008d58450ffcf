package com.satrank.ingest.services;

import com.satrank.events.v1.Event;
import com.satrank.log.ChronicleEventLog;
import com.satrank.model.EndpointUrl;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What ingest knows of the catalogue: the services log folded in memory (read from the start when
 * ingest starts, then kept current by the crawler's own appends). The crawler asks it what changed
 * and the prober what to probe; the tables are the pipeline's business.
 */
public final class ServiceCatalogue {
    /** One URL as the services log describes it. */
    public record Entry(EndpointUrl url, String name, String description, String category, String provider,
                        String method, long advertisedPriceSats, Set<String> registries, String payee,
                        long priceSats, String lastOutcome, int consecutive404, boolean delisted) {
        public boolean discovered() {
            return payee != null && !delisted;
        }

        public String host() {
            return URI.create(url.url()).getHost();
        }
    }

    private final Map<String, Entry> byHash = new HashMap<>();

    /** The catalogue as the whole services log says. */
    public static ServiceCatalogue readFrom(ChronicleEventLog services) {
        ServiceCatalogue catalogue = new ServiceCatalogue();
        services.forEachEvent(logged -> catalogue.apply(logged.event()));
        return catalogue;
    }

    public synchronized void apply(Event event) {
        if (event.hasServiceListed()) {
            var e = event.getServiceListed();
            Entry old = byHash.get(e.getUrlHash());
            Set<String> registries = new TreeSet<>(old == null ? Set.of() : old.registries());
            if (old != null && !com.satrank.services.RegistryRank.setsMetadata(e.getRegistry(), old.registries())) {
                registries.add(e.getRegistry());
                byHash.put(e.getUrlHash(), new Entry(old.url(), old.name(), old.description(), old.category(),
                        old.provider(), old.method(), old.advertisedPriceSats(), Set.copyOf(registries), old.payee(),
                        old.priceSats(), old.lastOutcome(), old.consecutive404(), old.delisted()));
                return;
            }
            registries.add(e.getRegistry());
            byHash.put(e.getUrlHash(), new Entry(EndpointUrl.of(e.getUrl()), e.getName(), e.getDescription(),
                    e.getCategory(), e.getProvider(), e.getHttpMethod(), e.getAdvertisedPriceSats(), Set.copyOf(registries),
                    old == null ? null : old.payee(), old == null ? 0 : old.priceSats(),
                    old == null ? "" : old.lastOutcome(), old == null ? 0 : old.consecutive404(),
                    old != null && old.delisted()));
        } else if (event.hasServiceDiscovered()) {
            var e = event.getServiceDiscovered();
            Entry old = byHash.get(e.getUrlHash());
            if (old == null) {
                return;
            }
            boolean l402 = e.getOutcome().equals("l402");
            byHash.put(e.getUrlHash(), new Entry(old.url(), old.name(), old.description(), old.category(), old.provider(),
                    e.getHttpMethod().isEmpty() ? old.method() : e.getHttpMethod(), old.advertisedPriceSats(),
                    old.registries(), l402 ? HexFormat.of().formatHex(e.getPayeePubkey().toByteArray()) : old.payee(),
                    l402 ? e.getPriceSats() : old.priceSats(), e.getOutcome(),
                    e.getOutcome().equals("http_404") ? old.consecutive404() + 1 : 0, old.delisted()));
        } else if (event.hasServiceDelisted()) {
            Entry old = byHash.get(event.getServiceDelisted().getUrlHash());
            if (old != null) {
                byHash.put(old.url().hash(), new Entry(old.url(), old.name(), old.description(), old.category(),
                        old.provider(), old.method(), old.advertisedPriceSats(), old.registries(), old.payee(),
                        old.priceSats(), old.lastOutcome(), old.consecutive404(), true));
            }
        }
    }

    public synchronized Optional<Entry> get(String urlHash) {
        return Optional.ofNullable(byHash.get(urlHash));
    }

    /**
     * Every listed URL not delisted: what the prober checks. A URL whose discovery found no valid
     * challenge is still checked, so its failures are evidence and a later success is noticed.
     */
    public synchronized List<Entry> probeable() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byHash.values()) {
            if (!e.delisted()) {
                out.add(e);
            }
        }
        out.sort(java.util.Comparator.comparing(e -> e.url().hash()));
        return out;
    }

    /** Listed, not delisted endpoints on {@code host}: the lifetime host cap counts these. */
    public synchronized int activeOnHost(String host) {
        int n = 0;
        for (Entry e : byHash.values()) {
            if (!e.delisted() && host.equalsIgnoreCase(e.host())) {
                n++;
            }
        }
        return n;
    }

    public synchronized int countListedBy(String registry) {
        int n = 0;
        for (Entry e : byHash.values()) {
            if (!e.delisted() && e.registries().contains(registry)) {
                n++;
            }
        }
        return n;
    }

    public synchronized int size() {
        return byHash.size();
    }
}
