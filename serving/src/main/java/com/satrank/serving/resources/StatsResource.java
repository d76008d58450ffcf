package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.satrank.serving.api.Envelope;
import com.satrank.serving.db.NetworkStatsView;
import com.satrank.serving.db.NodeQueries;
import com.satrank.serving.db.ReportQueries;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

/** Network totals as of the last completed graph snapshot, and report statistics. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final Jdbi jdbi;

    public StatsResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Probe and report counts are over the 24 h of event time before the last scoring pass. */
    record Stats(int totalAgents, int activeAgents, int agentsAll, int totalChannels, double networkCapacityBtc,
                 long probes24h, long reports24h, long snapshotId, Long asOf) {
        static Stats from(NetworkStatsView s) {
            return new Stats(s.liveNodeCount(), s.liveNodeCount(), s.nodeCount(), s.channelCount(),
                    Math.round(s.capacitySat() / 1e7) / 10.0, s.probes24h(), s.reports24h(), s.snapshotId(),
                    s.asOfMs() / 1000);
        }

        static Stats empty() {
            return new Stats(0, 0, 0, 0, 0.0, 0, 0, 0, null);
        }
    }

    static final int REPORT_WINDOW_DAYS = 30;
    static final int REPORT_TARGET = 200;

    record ReportStats(Window window, Summary summary, List<Week> weekly) {
        /** One ISO week; {@code weekStart} is its Monday (YYYY-MM-DD). */
        record Week(String weekStart, long submitted, long verified, long distinctReporters) {
            static Week from(ReportQueries.Week w) {
                return new Week(w.weekStart().toString(), w.submitted(), w.verified(), w.distinctReporters());
            }
        }

        /** The 30 days of event time ending at the last scoring pass ({@code generatedAt}, unix seconds). */
        record Window(int sinceDays, Long generatedAt) {
        }

        record Summary(long totalSubmitted, long totalVerified, long distinctReporters, int targetN,
                       double progressPct) {
        }
    }

    /** Reports accepted in the 30 days of event time before the last scoring pass, overall and per ISO week. */
    @GET
    @Path("/reports")
    @Timed(name = "satrank_http_stats_reports", absolute = true)
    public Envelope<ReportStats> reports() {
        return Envelope.of(jdbi.withHandle(h -> {
            Long asOfMs = h.attach(NodeQueries.class).stats().map(NetworkStatsView::asOfMs).orElse(null);
            if (asOfMs == null) {
                return new ReportStats(new ReportStats.Window(REPORT_WINDOW_DAYS, null),
                        new ReportStats.Summary(0, 0, 0, REPORT_TARGET, 0.0), List.of());
            }
            long fromMs = asOfMs - REPORT_WINDOW_DAYS * 86_400_000L;
            ReportQueries q = h.attach(ReportQueries.class);
            ReportQueries.Totals t = q.totals(fromMs, asOfMs);
            double progress = Math.min(100.0, Math.round(t.submitted() * 1000.0 / REPORT_TARGET) / 10.0);
            return new ReportStats(new ReportStats.Window(REPORT_WINDOW_DAYS, asOfMs / 1000),
                    new ReportStats.Summary(t.submitted(), t.verified(), t.distinctReporters(), REPORT_TARGET, progress),
                    q.weekly(fromMs, asOfMs).stream().map(ReportStats.Week::from).toList());
        }));
    }

    @GET
    @Timed(name = "satrank_http_stats", absolute = true)
    public Envelope<Stats> stats() {
        return Envelope.of(jdbi.withExtension(NodeQueries.class, NodeQueries::stats)
                .map(Stats::from).orElseGet(Stats::empty));
    }
}
