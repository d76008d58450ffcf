package com.satrank.pipeline;

import com.google.protobuf.ByteString;
import com.satrank.log.LoggedEvent;
import com.satrank.model.Pubkey;
import com.satrank.pipeline.evidence.NodeEvidence;
import com.satrank.pipeline.evidence.ProbeEvidence;
import com.satrank.pipeline.evidence.RecentCounts;
import com.satrank.pipeline.evidence.ReportEvidence;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.scoring.ReportRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state the logs fold into, in merged event-time order: the graph, per-node evidence from
 * probes and reports, network-wide recent counts, and the reports read since the last full pass.
 * Knows nothing of logs, passes or the database, so it is tested with plain events.
 */
public final class ScoringFold {
    private final GraphState state = new GraphState();
    private final Map<ByteString, NodeEvidence> evidence = new HashMap<>();
    private final RecentCounts recentProbes = new RecentCounts();
    private final RecentCounts recentReports = new RecentCounts();
    private final List<ReportRow> pendingReports = new ArrayList<>();
    private final com.satrank.pipeline.services.ServiceFold services = new com.satrank.pipeline.services.ServiceFold();
    private long probesApplied;

    /** Applies one event; true when it completed a graph snapshot, after which a pass is due as of its time. */
    public boolean apply(LoggedEvent logged) {
        var event = logged.event();
        long at = event.getEventTimeMs();
        if (event.hasProbeCompleted()) {
            ProbeEvidence.apply(event.getProbeCompleted(), at, evidenceOf(event.getProbeCompleted().getTargetPubkey()));
            probesApplied++;
            recentProbes.add(at);
            return false;
        }
        if (event.hasPaymentReported() && !event.getPaymentReported().getTargetUrlHash().isEmpty()) {
            services.applyReport(event.getPaymentReported(), at);
            recentReports.add(at);
            return false;
        }
        if (event.hasPaymentReported()) {
            var report = event.getPaymentReported();
            ReportEvidence.apply(report, at, evidenceOf(report.getTargetPubkey()));
            recentReports.add(at);
            pendingReports.add(new ReportRow(logged.position().index(), at, report.getReporter(),
                    Pubkey.fromBytes(report.getTargetPubkey().toByteArray()).nodeId().hex(),
                    report.getOutcome().name(), report.getProven()));
            return false;
        }
        if (services.apply(event)) {
            return false;
        }
        return state.apply(event);
    }

    /** The services and endpoints logs' fold. */
    public com.satrank.pipeline.services.ServiceFold services() {
        return services;
    }

    /** Applies every event in order; the number of snapshots they completed. */
    public int applyAll(Iterable<LoggedEvent> events) {
        int completed = 0;
        for (LoggedEvent e : events) {
            if (apply(e)) {
                completed++;
            }
        }
        return completed;
    }

    private NodeEvidence evidenceOf(ByteString pubkey) {
        return evidence.computeIfAbsent(pubkey, k -> new NodeEvidence());
    }

    /** Whether a graph snapshot has applied: passes need one. */
    public boolean hasGraph() {
        return state.appliedSnapshotId() >= 0;
    }

    public GraphState state() {
        return state;
    }

    public Map<ByteString, NodeEvidence> evidence() {
        return evidence;
    }

    public long probesApplied() {
        return probesApplied;
    }

    public long probesLastDay(long asOfMs) {
        return recentProbes.lastDay(asOfMs);
    }

    public long reportsLastDay(long asOfMs) {
        return recentReports.lastDay(asOfMs);
    }

    /** Reports read since they were last taken by a written pass. */
    public List<ReportRow> pendingReports() {
        return List.copyOf(pendingReports);
    }

    /** The pending reports were written (or an earlier run wrote them). */
    public void clearPendingReports() {
        pendingReports.clear();
    }
}
