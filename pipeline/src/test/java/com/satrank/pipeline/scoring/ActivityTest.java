package com.satrank.pipeline.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.pipeline.evidence.EvidenceSource;
import com.satrank.pipeline.evidence.NodeEvidence;
import org.junit.jupiter.api.Test;

class ActivityTest {
    private static final long HOUR = NodeEvidence.HOUR_MS;
    private static final long NOW = 1000 * 24 * HOUR;

    @Test
    void windows_count_every_source_without_decay() {
        NodeEvidence e = new NodeEvidence();
        e.add(EvidenceSource.PROBE, NOW - HOUR, true);          // 24 h
        e.add(EvidenceSource.ROUTE, NOW - 3 * 24 * HOUR, true); // 7 d
        e.add(EvidenceSource.REPORT_UNVERIFIED, NOW - 20 * 24 * HOUR, false); // 30 d
        e.add(EvidenceSource.PROBE, NOW - 40 * 24 * HOUR, false); // outside
        Activity a = Activity.of(e, NOW);
        assertThat(a.last24h()).isEqualTo(1);
        assertThat(a.last7d()).isEqualTo(2);
        assertThat(a.last30d()).isEqualTo(3);
        assertThat(a.reachability()).isEqualTo(1.0);
    }

    @Test
    void evidence_after_the_pass_is_not_counted() {
        NodeEvidence e = new NodeEvidence();
        e.add(EvidenceSource.PROBE, NOW + 2 * HOUR, true);
        assertThat(Activity.of(e, NOW).last24h()).isZero();
        assertThat(Activity.of(e, NOW).reachability()).isNull();
    }

    @Test
    void a_node_failing_lately_is_high_risk() {
        NodeEvidence e = new NodeEvidence();
        for (int i = 0; i < 10; i++) {
            e.add(EvidenceSource.PROBE, NOW - (10 + i) * 24 * HOUR, true); // before: all delivered
            e.add(EvidenceSource.PROBE, NOW - i * HOUR, i < 3);            // last week: 30 %
        }
        Activity a = Activity.of(e, NOW);
        assertThat(a.riskProfile()).isEqualTo("high");
        assertThat(a.reachability()).isEqualTo(0.3);
    }

    @Test
    void risk_profile_thresholds() {
        assertThat(Activity.riskProfile(new long[] {8, 2}, new long[] {10, 0})).isEqualTo("medium"); // −0.20
        assertThat(Activity.riskProfile(new long[] {9, 1}, new long[] {10, 0})).isEqualTo("low");    // −0.10
        assertThat(Activity.riskProfile(new long[] {2, 0}, new long[] {2, 0})).isEqualTo("unknown"); // n < 5
        assertThat(Activity.riskProfile(new long[] {0, 0}, new long[] {9, 0})).isEqualTo("unknown"); // empty window
    }
}
