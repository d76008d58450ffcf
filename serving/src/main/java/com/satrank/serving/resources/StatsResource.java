package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.db.NetworkStatsView;
import com.satrank.serving.db.NodeQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

/** Network totals as of the last completed graph snapshot. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final Jdbi jdbi;

    public StatsResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    record Stats(int totalAgents, int activeAgents, int agentsAll, int totalChannels, double networkCapacityBtc,
                 long snapshotId, Long asOf) {
        static Stats from(NetworkStatsView s) {
            return new Stats(s.liveNodeCount(), s.liveNodeCount(), s.nodeCount(), s.channelCount(),
                    Math.round(s.capacitySat() / 1e7) / 10.0, s.snapshotId(), s.asOfMs() / 1000);
        }

        static Stats empty() {
            return new Stats(0, 0, 0, 0, 0.0, 0, null);
        }
    }

    @GET
    @Timed(name = "satrank_http_stats", absolute = true)
    public Envelope<Stats> stats() {
        return Envelope.of(jdbi.withExtension(NodeQueries.class, NodeQueries::stats)
                .map(Stats::from).orElseGet(Stats::empty));
    }
}
