package com.satrank.serving.resources;

import com.satrank.serving.api.Ids;

import com.satrank.model.Verdict;

import com.codahale.metrics.annotation.Timed;
import com.satrank.decision.IntentDecision;
import com.satrank.model.NodeRef;
import com.satrank.model.Pubkey;
import com.satrank.serving.api.Amounts;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.billing.BillingDao;
import com.satrank.serving.billing.L402Gate;
import com.satrank.serving.api.Paid;
import com.satrank.serving.api.PaidRoute;
import com.satrank.serving.db.NodeQueries;
import com.satrank.serving.db.ReportQueries;
import com.satrank.db.ScoreRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.satrank.model.Sat;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The routes SatRank sells (L402, see {@link L402Gate}): a node's full profile, batch verdicts and
 * a GO/NO-GO decision. Every target a token paid to ask about is remembered, so that token may
 * later report on it.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public final class PaidResource {
    static final int MAX_BATCH = 100;

    private final Jdbi jdbi;
    /** Caller → target pathfinding for an amount, or null when LND is not available to this process. */
    private final Pathfinding pathfinding;
    private final InstantSource clock;

    /** A route from caller to target able to carry the amount; empty when LND could not be asked. */
    @FunctionalInterface
    public interface Pathfinding {
        Optional<IntentDecision.Path> route(Pubkey caller, Pubkey target, Sat amount);
    }

    private final ServiceIntent serviceIntent;
    private final com.satrank.services.catalog.EndpointProbes probes;
    private final int freshPriceSats;
    private final int probePriceSats;

    public PaidResource(Jdbi jdbi, Pathfinding pathfinding, com.satrank.serving.api.QueryRecorder recorder,
                        com.satrank.services.catalog.EndpointProbes probes, int freshPriceSats, int probePriceSats,
                        InstantSource clock) {
        this.jdbi = jdbi;
        this.pathfinding = pathfinding;
        this.clock = clock;
        this.serviceIntent = new ServiceIntent(jdbi, recorder);
        this.probes = probes;
        this.freshPriceSats = freshPriceSats;
        this.probePriceSats = probePriceSats;
    }

    record Reports(long total, long successes, long failures, long timeouts, long proven, Double successRate) {
        static Reports from(ReportQueries.NodeReports r) {
            return new Reports(r.total(), r.successes(), r.failures(), r.timeouts(), r.proven(),
                    r.total() == 0 ? null : BayesianJson.r3((double) r.successes() / r.total()));
        }
    }

    record Profile(@com.fasterxml.jackson.annotation.JsonUnwrapped AgentJson.AgentDetail detail, Reports reports) {
    }

    @GET
    @Path("/profile/{id}")
    @Paid(PaidRoute.PROFILE)
    @Timed(name = "satrank_http_profile", absolute = true)
    public Envelope<Profile> profile(@PathParam("id") String id, @Context ContainerRequestContext request) {
        String nodeId = Ids.nodeRef(id).nodeId().hex();
        Profile profile = jdbi.withHandle(h -> {
            NodeQueries q = h.attach(NodeQueries.class);
            return q.byId(nodeId).map(n -> {
                Optional<ScoreRow> score = q.score(nodeId);
                return new Profile(AgentJson.AgentDetail.from(n, score, null, clock.millis()),
                        Reports.from(h.attach(ReportQueries.class).forNode(nodeId)));
            });
        }).orElseThrow(() -> ApiException.notFound("Agent not found: " + nodeId));
        remember(request, List.of(nodeId));
        return Envelope.of(profile);
    }

    /** {@code ids}: up to 100 pubkeys or node ids; {@code amountSats}: the payment they are judged for (1 000). */
    public record VerdictsRequest(List<String> ids, Long amountSats) {
    }

    record BatchVerdict(String id, String publicKeyHash,
                        @com.fasterxml.jackson.annotation.JsonUnwrapped AgentJson.VerdictJson verdict) {
    }

    @POST
    @Path("/verdicts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Paid(PaidRoute.VERDICTS)
    @Timed(name = "satrank_http_verdicts", absolute = true)
    public Envelope<List<BatchVerdict>> verdicts(VerdictsRequest body, @Context ContainerRequestContext request) {
        if (body == null || body.ids() == null || body.ids().isEmpty() || body.ids().size() > MAX_BATCH) {
            throw ApiException.validation("ids must be a list of 1 to " + MAX_BATCH + " pubkeys or node ids");
        }
        List<NodeRef> refs = new ArrayList<>();
        for (String id : body.ids()) {
            refs.add(Ids.nodeRef(id));
        }
        long amountSats = Amounts.body(body.amountSats());
        List<BatchVerdict> out = jdbi.withExtension(NodeQueries.class, q -> {
            var curve = q.liquidityCurve();
            List<BatchVerdict> verdicts = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                String nodeId = refs.get(i).nodeId().hex();
                verdicts.add(new BatchVerdict(body.ids().get(i), nodeId,
                        AgentJson.VerdictJson.from(q.score(nodeId).map(r -> r.atAmount(amountSats, curve)),
                                q.byId(nodeId).isPresent(), amountSats, clock.millis())));
            }
            return verdicts;
        });
        remember(request, out.stream().map(BatchVerdict::publicKeyHash).toList());
        return Envelope.of(out);
    }

    /**
     * Either form of POST /api/intent. The node form (GO/NO-GO): the node to pay, the payer's own
     * node, and the amount (sats, default 1 000). The service form, chosen by {@code category}:
     * the reference's fields (keywords, budget_sats, max_latency_ms, limit, optimize, fresh).
     */
    public record IntentRequest(String target, String caller, Long amountSats, String category, List<String> keywords,
                                @com.fasterxml.jackson.annotation.JsonProperty("budget_sats") Long budgetSats,
                                @com.fasterxml.jackson.annotation.JsonProperty("max_latency_ms") Long maxLatencyMs,
                                Long limit, String optimize, Boolean fresh) {
    }

    record PathJson(boolean reachable, Integer hops, Long feeMsat, boolean fromCaller) {
    }

    record Intent(String decision, double successRate, double pSuccess, Verdict verdict, Double reachability,
                  PathJson pathfinding, List<String> reasons, long amountSats) {
    }

    @POST
    @Path("/intent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Paid(PaidRoute.INTENT)
    @Timed(name = "satrank_http_intent", absolute = true)
    public Object intent(IntentRequest body, @QueryParam("fresh") String freshQuery,
                         @Context ContainerRequestContext request) {
        if (body != null && body.category() != null) {
            var query = ServiceIntent.query(body, "true".equals(freshQuery));
            return serviceIntent.resolve(query, clock, query.fresh() ? probes : null, freshPriceSats);
        }
        return nodeIntent(body, request);
    }

    private Envelope<Intent> nodeIntent(IntentRequest body, ContainerRequestContext request) {
        if (body == null || body.target() == null || body.caller() == null) {
            throw ApiException.validation("target and caller (66-hex pubkeys) are required");
        }
        long amountSats = Amounts.body(body.amountSats());
        Pubkey target = Ids.pubkey(body.target(), "target");
        Pubkey caller = Ids.pubkey(body.caller(), "caller");
        String nodeId = target.nodeId().hex();
        var known = jdbi.withExtension(NodeQueries.class, q -> q.byId(caller.nodeId().hex()).isPresent());
        Optional<ScoreRow> score = jdbi.withExtension(NodeQueries.class, q -> q.scoreAt(nodeId, amountSats));
        IntentDecision.Path path = known && pathfinding != null ? pathfinding.route(caller, target,
                new Sat(amountSats)).orElse(null) : null;
        double p = score.map(ScoreRow::pSuccess).orElse(0.5);
        Verdict verdict = score.map(ScoreRow::verdict).orElse(Verdict.INSUFFICIENT);
        Double reachability = score.map(ScoreRow::reachability).orElse(null);
        IntentDecision.Result r = IntentDecision.decide(p, verdict, reachability, path, amountSats);
        remember(request, List.of(nodeId));
        return Envelope.of(new Intent(r.go() ? "GO" : "NO_GO", r.successRate(), BayesianJson.r3(p), verdict,
                reachability == null ? null : BayesianJson.r3(reachability),
                path == null ? null : new PathJson(path.reachable(), path.reachable() ? path.hops() : null,
                        path.reachable() ? path.feeMsat() : null, true), r.reasons(), amountSats));
    }

    /** {@code url}: the endpoint to probe through all five stages. */
    public record ProbeRequest(String url) {
    }

    record Cost(int creditsDeducted) {
    }

    record Probe(@com.fasterxml.jackson.annotation.JsonUnwrapped com.satrank.services.catalog.EndpointProbes.ProbeReport report,
                 Cost cost) {
    }

    /**
     * A full five-stage probe of one URL, paid (PROBE): a challenge, SatRank's node pays its invoice
     * (within the probe budgets), the preimage is checked and the body fetched with the credential.
     * Failures of the endpoint are answers (200, and paid for); refusals are not: a URL that is not
     * public is a 400, and without a pay macaroon the route answers 503, both free.
     */
    @POST
    @Path("/probe")
    @Consumes(MediaType.APPLICATION_JSON)
    @Paid(PaidRoute.PROBE)
    @Timed(name = "satrank_http_probe", absolute = true)
    public Envelope<Probe> probe(ProbeRequest body) {
        if (body == null || body.url() == null || body.url().isBlank() || body.url().length() > 2048) {
            throw ApiException.validation("url must be an absolute http(s) URL of at most 2048 characters");
        }
        try {
            com.satrank.model.EndpointUrl.of(body.url());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
        if (probes == null || !probes.canPay()) {
            throw new ApiException(503, "PROBE_UNAVAILABLE", "Paid probes are unavailable: no pay macaroon is configured");
        }
        probes.refuse(body.url()).ifPresent(reason -> {
            throw new ApiException(400, "URL_NOT_ALLOWED", "URL_NOT_ALLOWED: " + reason);
        });
        return Envelope.of(new Probe(probes.probe(body.url()), new Cost(probePriceSats)));
    }

    private void remember(ContainerRequestContext request, List<String> nodeIds) {
        if (request.getProperty(L402Gate.TOKEN) instanceof String token) {
            jdbi.useExtension(BillingDao.class, dao -> nodeIds.forEach(id -> dao.recordTarget(token, id)));
        }
    }
}
