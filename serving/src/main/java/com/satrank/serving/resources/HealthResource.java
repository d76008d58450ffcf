package com.satrank.serving.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.satrank.lndclient.LndInfo;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.db.NetworkStatsView;
import com.satrank.serving.db.NodeQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * 200 when the database answers at the expected schema version, scores are fresher than
 * {@link #STALE_AFTER} and LND (where this process uses it) is not degraded; 503 with the same body
 * and the reasons otherwise. A process without a database (ingest) reports {@code dbStatus:
 * "disabled"} and is judged on LND alone.
 */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    static final Duration STALE_AFTER = Duration.ofHours(2);

    private final Jdbi jdbi;
    private final String expectedSchemaVersion;
    private final LndView lnd;
    private final java.util.Map<com.satrank.log.LogStream, ChronicleEventLog> logs;
    private final InstantSource clock;
    private final long startedAtMs;

    public HealthResource(Jdbi jdbi, String expectedSchemaVersion, LndView lnd,
                          java.util.Map<com.satrank.log.LogStream, ChronicleEventLog> logs, InstantSource clock) {
        this.jdbi = jdbi;
        this.expectedSchemaVersion = expectedSchemaVersion;
        this.lnd = lnd;
        this.logs = logs;
        this.clock = clock;
        this.startedAtMs = clock.millis();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, List<String> problems, String dbStatus, String schemaVersion,
                  String expectedSchemaVersion, String lndStatus, Map<String, Object> lnd, Long lastUpdate,
                  Long scoringAgeSec, boolean scoringStale, Integer agentsIndexed, Integer channels,
                  Map<String, Object> pipeline, long uptime) {
    }

    @GET
    public Response health() {
        List<String> problems = new ArrayList<>();
        String dbStatus = jdbi == null ? "disabled" : "ok";
        String schemaVersion = null;
        Optional<NetworkStatsView> stats = Optional.empty();
        java.util.Map<String, Long> checkpoints = new java.util.HashMap<>();
        if (jdbi != null) {
            try {
            var snapshot = jdbi.withExtension(NodeQueries.class,
                    q -> new Object[] {q.schemaVersion(), q.stats(), q.checkpoints()});
            @SuppressWarnings("unchecked") Optional<String> version = (Optional<String>) snapshot[0];
            schemaVersion = version.orElse(null);
            @SuppressWarnings("unchecked") Optional<NetworkStatsView> s = (Optional<NetworkStatsView>) snapshot[1];
            stats = s;
            @SuppressWarnings("unchecked") var c = (java.util.List<NodeQueries.Checkpoint>) snapshot[2];
            c.forEach(cp -> checkpoints.put(cp.stream(), cp.logIndex()));
            } catch (RuntimeException e) {
                dbStatus = "error";
                problems.add("database unreachable");
            }
        }
        if ("ok".equals(dbStatus) && !java.util.Objects.equals(expectedSchemaVersion, schemaVersion)) {
            problems.add("schema version " + schemaVersion + ", expected " + expectedSchemaVersion);
        }
        Long lastUpdate = stats.map(s -> s.asOfMs() / 1000).orElse(null);
        Long ageSec = stats.map(s -> Math.max(0, (clock.millis() - s.asOfMs()) / 1000)).orElse(null);
        boolean stale = ageSec == null || ageSec > STALE_AFTER.toSeconds();
        if ("ok".equals(dbStatus) && stale) {
            problems.add(ageSec == null ? "no scores yet" : "scores are " + ageSec + " s old");
        }
        if ("degraded".equals(lnd.state())) {
            problems.add("LND degraded: " + lnd.status().lastError());
        }
        Map<String, Object> pipeline = null;
        if (jdbi != null) {
            pipeline = new LinkedHashMap<>();
            for (var entry : logs.entrySet()) {
                Long index = checkpoints.get(entry.getKey().dirName());
                LogPosition at = index == null ? LogPosition.BEFORE_START : new LogPosition(index);
                ChronicleEventLog log = entry.getValue();
                pipeline.put(entry.getKey().dirName(), Map.of("checkpointIndex", at.index(),
                        "lastIndex", log.lastPosition().index(), "eventsBehind", log.eventsAfter(at)));
            }
        }
        String status = problems.isEmpty() ? "ok" : "error";
        Health body = new Health(status, problems, dbStatus, schemaVersion, expectedSchemaVersion, lnd.state(),
                lndInfo(), lastUpdate, ageSec, stale, stats.map(NetworkStatsView::liveNodeCount).orElse(null),
                stats.map(NetworkStatsView::channelCount).orElse(null), pipeline,
                (clock.millis() - startedAtMs) / 1000);
        return Response.status(problems.isEmpty() ? 200 : 503).entity(Envelope.of(body)).build();
    }

    private Map<String, Object> lndInfo() {
        Optional<LndInfo> info = lnd.info().get();
        if (info.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pubkey", info.get().identity().hex());
        out.put("alias", info.get().alias());
        out.put("version", info.get().version());
        out.put("blockHeight", info.get().blockHeight());
        out.put("activeChannels", info.get().activeChannels());
        out.put("syncedToGraph", info.get().syncedToGraph());
        return out;
    }
}
