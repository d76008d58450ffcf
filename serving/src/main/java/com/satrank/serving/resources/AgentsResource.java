package com.satrank.serving.resources;

import com.satrank.serving.api.Ids;

import com.codahale.metrics.annotation.Timed;
import com.satrank.model.NodeRef;
import com.satrank.serving.api.Amounts;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.db.NodeQueries;
import com.satrank.db.ScoreRow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Free node look-ups: the leaderboard and a single node by pubkey or node id. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentsResource {
    private static final List<String> SORTS = List.of("pagerank");

    private final java.time.InstantSource clock;
    private final Jdbi jdbi;
    private final java.util.function.Consumer<com.satrank.model.Pubkey> queried;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * {@code queried} hears of every known node an agent looks up (the prober visits those first);
     * {@code json} is the application's mapper, used to serialise cached answers once.
     */
    public AgentsResource(Jdbi jdbi, java.util.function.Consumer<com.satrank.model.Pubkey> queried,
                          com.fasterxml.jackson.databind.ObjectMapper json, java.time.InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.queried = queried;
        this.json = json;
    }

    @GET
    @Path("/agents/top")
    @Timed(name = "satrank_http_agents_top", absolute = true)
    public Envelope<List<AgentJson.TopEntry>> top(@QueryParam("limit") String limit,
                                                  @QueryParam("offset") String offset,
                                                  @QueryParam("sort_by") String sortBy) {
        Paging paging = Paging.parse(limit, offset, 20);
        String sort = sortBy == null || sortBy.isEmpty() ? SORTS.get(0) : sortBy;
        if (!SORTS.contains(sort)) {
            throw ApiException.validation("sort_by must be one of: " + String.join(", ", SORTS) + ", got \""
                    + (sort.length() > 20 ? sort.substring(0, 20) : sort) + "\"");
        }
        return jdbi.withExtension(NodeQueries.class, q -> {
            var rows = q.top(paging.limit(), paging.offset()).stream().map(AgentJson.TopEntry::from).toList();
            int total = q.stats().map(s -> s.liveNodeCount()).orElse(0);
            return Envelope.of(rows, Map.of("total", total, "limit", paging.limit(), "offset", paging.offset(),
                    "sort_by", sort));
        });
    }

    @GET
    @Path("/agents/search")
    @Timed(name = "satrank_http_agents_search", absolute = true)
    public Envelope<List<AgentJson.TopEntry>> search(@QueryParam("alias") String alias,
                                                     @QueryParam("limit") String limit,
                                                     @QueryParam("offset") String offset) {
        if (alias == null || alias.isEmpty() || alias.length() > 100) {
            throw ApiException.validation("alias is required, 1 to 100 chars");
        }
        Paging paging = Paging.parse(limit, offset, 20);
        // the alias is matched literally: LIKE's wildcards and the escape char are escaped
        String pattern = "%" + alias.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbi.withExtension(NodeQueries.class, q -> Envelope.of(
                q.searchByAlias(pattern, paging.limit(), paging.offset()).stream().map(AgentJson.TopEntry::from).toList(),
                Map.of("total", q.countByAlias(pattern), "limit", paging.limit(), "offset", paging.offset())));
    }

    @GET
    @Path("/agents/movers")
    @Timed(name = "satrank_http_movers", absolute = true)
    public Envelope<Map<String, List<NodeQueries.Mover>>> movers(@QueryParam("window") String window,
                                                              @QueryParam("limit") String limit) {
        int days = window == null || window.isEmpty() ? 7 : switch (window) {
            case "1", "1d" -> 1;
            case "7", "7d" -> 7;
            case "30", "30d" -> 30;
            default -> throw ApiException.validation("window must be one of: 1d, 7d, 30d, got \""
                    + (window.length() > 10 ? window.substring(0, 10) : window) + "\"");
        };
        Paging paging = Paging.parse(limit, null, 10);
        return jdbi.withExtension(NodeQueries.class, q -> Envelope.of(
                Map.of("gainers", q.gainers(days, paging.limit()), "losers", q.losers(days, paging.limit())),
                Map.of("windowDays", days, "limit", paging.limit(),
                        "note", "p_success change between the newest history day and the day " + days
                                + " day(s) before; nodes with n_obs >= 5 on both days")));
    }

    /**
     * Scores change once per pass (15 minutes of event time at most, one graph snapshot at least),
     * so a lookup may be up to {@link #DETAIL_TTL} old; this takes five statements off most requests.
     * Unknown nodes are not cached (a node may appear with the next snapshot).
     */
    static final java.time.Duration DETAIL_TTL = java.time.Duration.ofSeconds(5);
    private final com.github.benmanes.caffeine.cache.Cache<String, CachedDetail> details =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(DETAIL_TTL)
                    .build();

    @GET
    @Path("/agent/{id}")
    @Timed(name = "satrank_http_agent", absolute = true)
    public jakarta.ws.rs.core.Response agent(@PathParam("id") String id, @QueryParam("amountSats") String amount) {
        NodeRef ref = Ids.nodeRef(id);
        long amountSats = Amounts.query(amount);
        String nodeId = ref.nodeId().hex();
        String key = nodeId + ":" + amountSats;
        CachedDetail cached = details.getIfPresent(key);
        if (cached == null) {
            var detail = jdbi.withExtension(NodeQueries.class, q -> q.byId(nodeId)
                            .map(n -> {
                                // the trend compares the base amount's history: history rows are for it
                                var base = q.score(n.nodeId());
                                return AgentJson.AgentDetail.from(n, q.atAmount(base, amountSats), amountSats,
                                        trend(q, n.nodeId(), base), clock.millis());
                            }))
                    .orElseThrow(() -> ApiException.notFound("Agent not found: " + nodeId));
            cached = new CachedDetail(serialise(Envelope.of(detail)),
                    com.satrank.model.Pubkey.fromHex(detail.agent().publicKey()));
            details.put(key, cached);
        }
        queried.accept(cached.pubkey());
        return jakarta.ws.rs.core.Response.ok(cached.json(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A cached answer, already serialised: most lookups then cost no database and no Jackson. */
    private record CachedDetail(byte[] json, com.satrank.model.Pubkey pubkey) {
    }

    private byte[] serialise(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an answer that cannot be serialised is a bug", e);
        }
    }

    @GET
    @Path("/agent/{id}/verdict")
    @Timed(name = "satrank_http_verdict", absolute = true)
    public Envelope<AgentJson.VerdictJson> verdict(@PathParam("id") String id, @QueryParam("amountSats") String amount) {
        NodeRef ref = Ids.nodeRef(id);
        long amountSats = Amounts.query(amount);
        String nodeId = ref.nodeId().hex();
        var node = jdbi.withExtension(NodeQueries.class, q -> q.byId(nodeId));
        var verdict = jdbi.withExtension(NodeQueries.class, q -> AgentJson.VerdictJson.from(q.scoreAt(nodeId, amountSats),
                node.isPresent(), amountSats, clock.millis()));
        node.ifPresent(n -> queried.accept(com.satrank.model.Pubkey.fromHex(n.pubkey())));
        return Envelope.of(verdict);
    }

    /** One day of history, with the reference's field names. */
    record HistoryEntry(String day, @com.fasterxml.jackson.annotation.JsonProperty("p_success") double pSuccess,
                        @com.fasterxml.jackson.annotation.JsonProperty("ci95_low") double ci95Low,
                        @com.fasterxml.jackson.annotation.JsonProperty("ci95_high") double ci95High,
                        @com.fasterxml.jackson.annotation.JsonProperty("n_obs") double nObs, com.satrank.model.Verdict verdict,
                        double pagerankPercentile, double score) {
    }

    @GET
    @Path("/agent/{id}/history")
    @Timed(name = "satrank_http_history", absolute = true)
    public Envelope<List<HistoryEntry>> history(@PathParam("id") String id, @QueryParam("limit") String limit,
                                                @QueryParam("offset") String offset) {
        NodeRef ref = Ids.nodeRef(id);
        Paging paging = Paging.parse(limit, offset, 30);
        String nodeId = ref.nodeId().hex();
        return jdbi.withExtension(NodeQueries.class, q -> {
            if (q.byId(nodeId).isEmpty()) {
                throw ApiException.notFound("Agent not found: " + nodeId);
            }
            var rows = q.history(nodeId, paging.limit(), paging.offset()).stream()
                    .map(h -> new HistoryEntry(h.day().toString(), BayesianJson.r3(h.pSuccess()), BayesianJson.r3(h.ci95Low()),
                            BayesianJson.r3(h.ci95High()), BayesianJson.r3(h.nObs()), h.verdict(),
                            BayesianJson.r3(h.pagerankPercentile()), h.score()))
                    .toList();
            return Envelope.of(rows, Map.of("total", q.historyCount(nodeId), "limit", paging.limit(),
                    "offset", paging.offset(), "note", "one row per UTC day: the scores at that day's first pass"));
        });
    }

    private static AgentJson.Trend trend(NodeQueries q, String nodeId, java.util.Optional<ScoreRow> now) {
        if (now.isEmpty()) {
            return null;
        }
        var day = q.daysBack(nodeId, 1);
        var week = q.daysBack(nodeId, 7);
        var month = q.daysBack(nodeId, 30);
        double p = now.get().pSuccess();
        double score = now.get().score();
        return new AgentJson.Trend(day.map(t -> BayesianJson.r3(p - t.pSuccess())).orElse(null),
                week.map(t -> BayesianJson.r3(p - t.pSuccess())).orElse(null),
                month.map(t -> BayesianJson.r3(p - t.pSuccess())).orElse(null),
                day.map(t -> round2(score - t.score())).orElse(null),
                week.map(t -> round2(score - t.score())).orElse(null),
                month.map(t -> round2(score - t.score())).orElse(null));
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
