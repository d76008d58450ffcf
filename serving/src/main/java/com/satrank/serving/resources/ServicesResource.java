package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.satrank.db.EndpointQueries;
import com.satrank.model.EndpointUrl;
import com.satrank.model.Verdict;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.api.QueryRecorder;
import com.satrank.serving.db.NodeQueries;
import com.satrank.services.catalog.Categories;
import com.satrank.services.catalog.EndpointAdvisory;
import com.satrank.services.catalog.EndpointJudgement;
import com.satrank.services.catalog.EndpointScore;
import com.satrank.services.catalog.IntentResolver;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The free service-catalogue routes (reference §1.9): search, best picks, categories, one endpoint.
 * Answers come from the tables the pipeline writes; looking at endpoints is demand, recorded on
 * the queries log so the prober checks them sooner. Fixed quirk: {@code meta.total} is the number
 * of matching rows, not the page size.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public final class ServicesResource {
    static final int DEFAULT_LIMIT = 20;
    static final int BEST_POOL = 100;
    static final long STALE_HEALTH_SEC = 300;

    private final Jdbi jdbi;
    private final QueryRecorder recorder;
    private final InstantSource clock;

    public ServicesResource(Jdbi jdbi, QueryRecorder recorder, InstantSource clock) {
        this.jdbi = jdbi;
        this.recorder = recorder;
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceRow(String name, String description, String category, String provider, String url, String urlHash,
                      String httpMethod, Long priceSats, String httpHealth, Double uptimeRatio, Integer latencyMs,
                      Integer medianLatencyMs, Long lastCheckedAt, Long lastProbeAgeSec, List<String> sources,
                      EndpointJson.Bayesian bayesian, EndpointJson.Node node) {
    }

    record SearchMeta(long total, int limit, int offset) {
    }

    @GET
    @Path("/services")
    @Timed(name = "satrank_http_services", absolute = true)
    public Envelope<List<ServiceRow>> search(@QueryParam("q") String q, @QueryParam("category") String category,
                                             @QueryParam("minPSuccess") String minPSuccess,
                                             @QueryParam("minUptime") String minUptime, @QueryParam("sort") String sort,
                                             @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.parse(limit, offset, DEFAULT_LIMIT);
        EndpointQueries.Search search = search(q, category, minPSuccess, minUptime, sort, paging.limit(), paging.offset());
        long now = clock.millis();
        return jdbi.withHandle(h -> {
            EndpointQueries.Page page = EndpointQueries.search(h, search);
            var nodes = EndpointJson.nodes(h.attach(NodeQueries.class), page.rows(), now);
            List<ServiceRow> rows = new ArrayList<>();
            for (EndpointScore e : page.rows()) {
                rows.add(row(e, nodes, now));
            }
            return Envelope.of(rows, new SearchMeta(page.total(), paging.limit(), paging.offset()));
        });
    }

    private ServiceRow row(EndpointScore e, java.util.Map<String, EndpointJson.Node> nodes, long now) {
        recorder.endpoint(e.urlHash());
        var c = IntentResolver.candidate(e, now);
        return new ServiceRow(e.name(), e.description(), e.category(), e.provider(), e.url(), e.urlHash(),
                e.httpMethod(), e.priceSats(), EndpointJson.httpHealth(e), EndpointJson.r3(e.uptimeRatio()),
                e.lastLatencyMs(), e.medianLatencyMs(), e.lastCheckedMs() == null ? null : e.lastCheckedMs() / 1000,
                EndpointJson.ageSec(e.lastCheckedMs(), now), e.sources(),
                EndpointJson.Bayesian.of(c.judgement(), e.lastEvidenceMs(), c.meaningful()),
                e.payeePubkey() == null ? null : nodes.get(e.payeePubkey()));
    }

    static EndpointQueries.Search search(String q, String category, String minPSuccess, String minUptime, String sort,
                                         int limit, int offset) {
        if (q != null && q.length() > 100) {
            throw ApiException.validation("q must be at most 100 characters");
        }
        String normalised = null;
        if (category != null && !category.isEmpty()) {
            if (category.length() > 50) {
                throw ApiException.validation("category must be at most 50 characters");
            }
            normalised = Categories.normalise(category).orElseThrow(() -> ApiException.validation(
                    "category must match ^[a-z][a-z0-9/_-]{1,31}$"));
        }
        return new EndpointQueries.Search(q == null || q.isEmpty() ? null : q, normalised,
                fraction("minPSuccess", minPSuccess), fraction("minUptime", minUptime), sort(sort), limit, offset);
    }

    private static EndpointQueries.Sort sort(String raw) {
        if (raw == null || raw.isEmpty()) {
            return EndpointQueries.Sort.CHECKS;
        }
        for (EndpointQueries.Sort s : EndpointQueries.Sort.values()) {
            if (s != EndpointQueries.Sort.CHECKS && s.name().toLowerCase(Locale.ROOT).equals(raw)) {
                return s;
            }
        }
        throw ApiException.validation("sort must be one of p_success, price, uptime, latency, reliability, cost");
    }

    static Double fraction(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        double v;
        try {
            if (!raw.matches("[0-9.eE+-]{1,20}")) {
                throw new NumberFormatException();
            }
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw ApiException.validation(name + " must be a number between 0 and 1");
        }
        if (!(v >= 0 && v <= 1)) {
            throw ApiException.validation(name + " must be a number between 0 and 1");
        }
        return v;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pick(String name, String category, String provider, String url, String urlHash, Long priceSats,
                Double uptimeRatio, String httpHealth, Long lastHealthCheckedAt, boolean stale,
                EndpointJson.Bayesian bayesian, EndpointJson.Node node, List<String> warnings) {
    }

    record Best(Pick bestQuality, Pick bestValue, Pick cheapest) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BestMeta(int candidates, Integer strictPoolSize, Integer relaxedPoolSize, String strictness,
                    Boolean usedDegradedFallback, String formula, String message) {
    }

    private record Scored(EndpointScore e, EndpointJudgement j, double uptime, long price) {
        double quality() {
            return j.pSuccess() * uptime;
        }

        double value() {
            return quality() / Math.sqrt(price);
        }
    }

    @GET
    @Path("/services/best")
    @Timed(name = "satrank_http_services_best", absolute = true)
    public Envelope<Best> best(@QueryParam("q") String q, @QueryParam("category") String category,
                               @QueryParam("minPSuccess") String minPSuccess, @QueryParam("minUptime") String minUptime,
                               @QueryParam("sort") String sort, @QueryParam("limit") String limit,
                               @QueryParam("offset") String offset) {
        Paging.parse(limit, offset, DEFAULT_LIMIT);
        EndpointQueries.Search asked = search(q, category, minPSuccess, minUptime, sort, BEST_POOL, 0);
        double minUp = asked.minUptime() == null ? 0 : asked.minUptime();
        long now = clock.millis();
        EndpointQueries.Search pool = new EndpointQueries.Search(asked.q(), asked.category(), asked.minPSuccess(), null,
                EndpointQueries.Sort.UPTIME, BEST_POOL, 0);
        return jdbi.withHandle(h -> {
            List<Scored> usable = new ArrayList<>();
            for (EndpointScore e : EndpointQueries.search(h, pool).rows()) {
                Long price = e.priceSats();
                double uptime = e.uptime7d() == null ? 0 : e.uptime7d();
                if (uptime > 0 && price != null && price > 0 && uptime >= minUp
                        && e.httpHealth() != EndpointScore.HttpHealth.DOWN) {
                    usable.add(new Scored(e, EndpointJudgement.of(e), uptime, price));
                }
            }
            Predicate<Scored> healthyOrUnknown = s -> s.e().httpHealth() == null
                    || s.e().httpHealth() == EndpointScore.HttpHealth.HEALTHY;
            List<Scored> strict = usable.stream().filter(healthyOrUnknown.and(s -> s.j().verdict() == Verdict.SAFE)).toList();
            List<Scored> relaxed = usable.stream().filter(healthyOrUnknown.and(s -> s.j().verdict() == Verdict.SAFE
                    || s.j().verdict() == Verdict.UNKNOWN)).toList();
            List<Scored> degraded = usable.stream().filter(s -> s.j().verdict() != Verdict.RISKY).toList();
            String strictness = !strict.isEmpty() ? "strict" : !relaxed.isEmpty() ? "relaxed" : "degraded";
            List<Scored> chosen = !strict.isEmpty() ? strict : !relaxed.isEmpty() ? relaxed : degraded;
            if (chosen.isEmpty()) {
                return Envelope.of(new Best(null, null, null), new BestMeta(0, null, null, strictness, null, null,
                        "No candidate services found with positive uptime and price"));
            }
            Comparator<Scored> ties = Comparator.comparingLong(Scored::price)
                    .thenComparing(s -> -s.j().nObs()).thenComparing(s -> s.e().urlHash());
            Scored quality = chosen.stream().min(Comparator.comparing((Scored s) -> -s.quality()).thenComparing(ties))
                    .orElseThrow();
            Scored value = chosen.stream().filter(s -> chosen.size() == 1 || s != quality)
                    .min(Comparator.comparing((Scored s) -> -s.value()).thenComparing(ties)).orElseThrow();
            Scored cheapest = chosen.stream().filter(s -> chosen.size() <= 2 || (s != quality && s != value))
                    .min(ties.thenComparing(s -> -s.quality())).orElseThrow();
            NodeQueries nodes = h.attach(NodeQueries.class);
            for (Scored s : List.of(quality, value, cheapest)) {
                recorder.endpoint(s.e().urlHash());
            }
            return Envelope.of(new Best(pick(quality, nodes, now), pick(value, nodes, now), pick(cheapest, nodes, now)),
                    new BestMeta(chosen.size(), strict.size(), relaxed.size(), strictness, degraded == chosen, 
                            "bestValue = (p_success × uptime) / sqrt(priceSats)", null));
        });
    }

    private static Pick pick(Scored s, NodeQueries nodes, long now) {
        EndpointScore e = s.e();
        Long age = EndpointJson.ageSec(e.lastCheckedMs(), now);
        List<String> warnings = new ArrayList<>();
        if (s.uptime() < 0.20) {
            warnings.add("LOW_UPTIME");
        }
        if (e.httpHealth() == EndpointScore.HttpHealth.DEGRADED) {
            warnings.add("DEGRADED_HTTP");
        }
        boolean stale = age == null || age > STALE_HEALTH_SEC;
        if (stale) {
            warnings.add("STALE_HEALTH");
        }
        var c = IntentResolver.candidate(e, now);
        return new Pick(e.name(), e.category(), e.provider(), e.url(), e.urlHash(), e.priceSats(),
                EndpointJson.r3(e.uptimeRatio()), EndpointJson.httpHealth(e),
                e.lastCheckedMs() == null ? null : e.lastCheckedMs() / 1000, stale,
                EndpointJson.Bayesian.of(s.j(), e.lastEvidenceMs(), c.meaningful()),
                EndpointJson.node(nodes, e.payeePubkey(), now), warnings);
    }

    record CategoryRow(String category, long count) {
    }

    @GET
    @Path("/services/categories")
    @Timed(name = "satrank_http_services_categories", absolute = true)
    public Envelope<List<CategoryRow>> categories() {
        long now = clock.millis();
        return Envelope.of(jdbi.withHandle(h -> EndpointQueries.categories(h, now)).stream()
                .map(c -> new CategoryRow(c.category(), c.endpoints())).toList());
    }

    record IntentCategory(String name, @JsonProperty("endpoint_count") long endpointCount,
                          @JsonProperty("active_count") long activeCount) {
    }

    record IntentCategories(List<IntentCategory> categories) {
    }

    /** The reference answers this one without the {@code data} envelope, and so do we. */
    @GET
    @Path("/intent/categories")
    @Timed(name = "satrank_http_intent_categories", absolute = true)
    public IntentCategories intentCategories() {
        long now = clock.millis();
        return new IntentCategories(jdbi.withHandle(h -> EndpointQueries.categories(h, now)).stream()
                .map(c -> new IntentCategory(c.category(), c.endpoints(), c.active())).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Metadata(String url, String name, String description, String category, String provider, Long priceSats,
                    String httpMethod, String source, List<String> sources, Boolean deprecated) {
    }

    record Http(Integer status, Integer latencyMs, Integer medianLatencyMs, Double uptimeRatio, long checkCount,
                Long lastCheckedAt, Long lastProbeAgeSec) {
    }

    record NodeRef(String publicKeyHash, String pubkey, String alias) {
    }

    record Endpoint(String urlHash, EndpointJson.Bayesian bayesian, EndpointJson.Advisory advisory, Metadata metadata,
                    Http http, NodeRef node, @JsonProperty("operator_id") String operatorId,
                    @JsonProperty("stage_posteriors") EndpointJson.StagePosteriors stagePosteriors) {
    }

    record ComputedAt(long computedAt) {
    }

    @GET
    @Path("/services/{url_hash}")
    @Timed(name = "satrank_http_service", absolute = true)
    public Envelope<Endpoint> service(@PathParam("url_hash") String urlHash) {
        return endpoint(urlHash);
    }

    /** Never 404: an endpoint nobody scored answers the neutral block with no metadata. */
    @GET
    @Path("/endpoint/{url_hash}")
    @Timed(name = "satrank_http_endpoint", absolute = true)
    public Envelope<Endpoint> endpoint(@PathParam("url_hash") String urlHash) {
        if (!EndpointUrl.isHash(urlHash)) {
            throw ApiException.validation("url_hash must be 64 lower-case hex characters (sha256 of the canonical URL)");
        }
        long now = clock.millis();
        return jdbi.withHandle(h -> {
            Optional<EndpointScore> found = EndpointQueries.byHash(h, urlHash);
            if (found.isEmpty()) {
                EndpointAdvisory none = EndpointAdvisory.of(new EndpointJudgement(Verdict.UNKNOWN, 0.5, 0.025, 0.975, 0, 0),
                        null, null);
                return Envelope.of(new Endpoint(urlHash, EndpointJson.Bayesian.neutral(), EndpointJson.Advisory.of(none, false),
                        null, null, null, null, null), (Object) new ComputedAt(now / 1000));
            }
            EndpointScore e = found.get();
            recorder.endpoint(e.urlHash());
            var c = IntentResolver.candidate(e, now);
            var node = EndpointJson.node(h.attach(NodeQueries.class), e.payeePubkey(), now);
            Metadata metadata = new Metadata(e.url(), e.name(), e.description(), e.category(), e.provider(), e.priceSats(),
                    e.httpMethod(), e.sources().isEmpty() ? null : e.sources().get(0),
                    e.sources().size() > 1 ? e.sources() : null, e.deprecated() ? Boolean.TRUE : null);
            Http http = e.checkCount() == 0 && e.lastHttpStatus() == null ? null : new Http(e.lastHttpStatus(),
                    e.lastLatencyMs(), e.medianLatencyMs(), EndpointJson.r3(e.uptimeRatio()), e.checkCount(),
                    e.lastCheckedMs() == null ? null : e.lastCheckedMs() / 1000, EndpointJson.ageSec(e.lastCheckedMs(), now));
            return Envelope.of(new Endpoint(e.urlHash(), EndpointJson.Bayesian.of(c.judgement(), e.lastEvidenceMs(),
                    c.meaningful()), EndpointJson.Advisory.of(c.advisory(), false), metadata, http,
                    node == null ? null : new NodeRef(node.publicKeyHash(), node.pubkey(), node.alias()), e.operatorId(),
                    EndpointJson.StagePosteriors.of(e)), (Object) new ComputedAt(now / 1000));
        });
    }
}
