package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.satrank.decision.IntentDecision;
import com.satrank.model.Pubkey;
import com.satrank.model.Sat;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.api.Ids;
import com.satrank.serving.db.NodeQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * GET /api/ping/{pubkey}?from= (reference §1.8): can a payment of 1 000 sats reach an indexed node
 * now, from our node or from the caller's? One LND QueryRoutes within the LND deadline; LND's
 * failures are answers ({@code reachable: null} with an error), never 5xx.
 */
@Path("/api/ping")
@Produces(MediaType.APPLICATION_JSON)
public final class PingResource {
    static final Sat AMOUNT = new Sat(1000);

    private final Jdbi jdbi;
    private final PaidResource.Pathfinding pathfinding;
    private final InstantSource clock;

    /** @param pathfinding null when this process has no LND */
    public PingResource(Jdbi jdbi, PaidResource.Pathfinding pathfinding, InstantSource clock) {
        this.jdbi = jdbi;
        this.pathfinding = pathfinding;
        this.clock = clock;
    }

    record Ping(String pubkey, Boolean reachable, Integer hops, Long totalFeeMsat, boolean routeFound, boolean fromCaller,
                long checkedAt, long latencyMs, Long lastProbeAgeMs, String error) {
    }

    @GET
    @Path("/{pubkey}")
    @Timed(name = "satrank_http_ping", absolute = true)
    public Envelope<Ping> ping(@PathParam("pubkey") String raw, @QueryParam("from") String from) {
        Pubkey target = Ids.pubkey(raw, "pubkey");
        Pubkey caller = from == null || from.isEmpty() ? null : Ids.pubkey(from, "from");
        String nodeId = target.nodeId().hex();
        Optional<Long> lastEvidence = jdbi.withExtension(NodeQueries.class, q -> {
            if (q.byId(nodeId).isEmpty()) {
                throw ApiException.notFound("Node not indexed. Only indexed Lightning nodes can be pinged.");
            }
            return q.score(nodeId).map(s -> s.lastEvidenceMs());
        });
        long now = clock.millis();
        Long probeAge = lastEvidence.filter(ms -> ms > 0).map(ms -> Math.max(0, now - ms)).orElse(null);
        if (pathfinding == null) {
            return Envelope.of(new Ping(target.hex(), null, null, null, false, caller != null, now / 1000, 0, probeAge,
                    "lnd_not_configured"));
        }
        long started = System.nanoTime();
        Optional<IntentDecision.Path> path = pathfinding.route(caller, target, AMOUNT);
        long took = (System.nanoTime() - started) / 1_000_000;
        if (path.isEmpty()) {
            return Envelope.of(new Ping(target.hex(), null, null, null, false, caller != null, now / 1000, took, probeAge,
                    "timeout"));
        }
        IntentDecision.Path p = path.get();
        return Envelope.of(new Ping(target.hex(), p.reachable(), p.reachable() ? p.hops() : null,
                p.reachable() ? p.feeMsat() : null, p.reachable(), caller != null, now / 1000, took, probeAge,
                p.reachable() ? null : "no_route"));
    }
}
