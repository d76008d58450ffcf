package com.satrank.pipeline.scoring;

import com.satrank.model.ScoringParams;

import com.satrank.model.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.satrank.pipeline.evidence.EvidenceSource;
import com.satrank.pipeline.evidence.NodeEvidence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BayesianScorerTest {
    static final long T = 1_800_000_000_000L;
    static final long HOUR = NodeEvidence.HOUR_MS;

    static NodeEvidence evidence(int probeOk, int probeFail, int routeOk, int routeFail) {
        NodeEvidence e = new NodeEvidence();
        for (int i = 0; i < probeOk; i++) {
            e.add(EvidenceSource.PROBE, T - HOUR / 2, true);
        }
        for (int i = 0; i < probeFail; i++) {
            e.add(EvidenceSource.PROBE, T - HOUR / 2, false);
        }
        for (int i = 0; i < routeOk; i++) {
            e.add(EvidenceSource.ROUTE, T - HOUR / 2, true);
        }
        for (int i = 0; i < routeFail; i++) {
            e.add(EvidenceSource.ROUTE, T - HOUR / 2, false);
        }
        return e;
    }

    @Test
    void no_evidence_is_the_prior_and_insufficient() {
        BayesianScore s = BayesianScorer.score(null, T);
        assertThat(s.pSuccess()).isEqualTo(0.5);
        assertThat(s.nObs()).isZero();
        assertThat(s.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(s.ci95Low()).isLessThan(0.1);
        assertThat(s.ci95High()).isGreaterThan(0.9);
    }

    @Test
    void ci95_is_the_exact_beta_quantile() {
        // Beta(1.5 + 8, 1.5 + 2): quantiles computed independently by midpoint-rule integration of the
        // density on 200 000 points (0.47081, 0.92406)
        BayesianScore.SourcePosterior p = BayesianScorer.posterior(8, 2, ScoringParams.DEFAULT.prior());
        assertThat(p.pSuccess()).isCloseTo(9.5 / 13.0, within(1e-12));
        assertThat(p.ci95Low()).isCloseTo(0.47081, within(2e-4));
        assertThat(p.ci95High()).isCloseTo(0.92406, within(2e-4));
    }

    @Test
    void two_converging_sources_make_safe_one_source_cannot() {
        assertThat(BayesianScorer.score(evidence(40, 2, 42, 0), T).verdict()).isEqualTo(Verdict.SAFE);
        BayesianScore probeOnly = BayesianScorer.score(evidence(40, 2, 0, 0), T);
        assertThat(probeOnly.converged()).isFalse();
        assertThat(probeOnly.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void mostly_failing_payments_are_risky_even_when_paths_exist() {
        BayesianScore s = BayesianScorer.score(evidence(3, 30, 33, 0), T);
        assertThat(s.verdict()).isEqualTo(Verdict.RISKY);
        assertThat(s.pSuccess()).as("pathfinding does not lift p_success").isLessThan(0.2);
        assertThat(s.sources().get("route").pSuccess()).isGreaterThan(0.9);
    }

    @Test
    void evidence_decays_with_a_seven_day_time_constant_in_event_time() {
        NodeEvidence e = new NodeEvidence();
        for (int i = 0; i < 10; i++) {
            e.add(EvidenceSource.PROBE, T - HOUR / 2, true);
        }
        double now = BayesianScorer.score(e, T).nObs();
        double weekLater = BayesianScorer.score(e, T + 7L * 24 * HOUR).nObs();
        // bucket midpoint is half an hour before T
        assertThat(now).isCloseTo(10 * Math.exp(-(HOUR / 2.0) / ScoringParams.DEFAULT.tauMs()), within(1e-9));
        assertThat(weekLater / now).isCloseTo(Math.exp(-1), within(1e-3));
    }

    @Test
    void proven_reports_count_fully_unverified_ones_at_three_tenths_and_form_one_report_source() {
        NodeEvidence proven = new NodeEvidence();
        NodeEvidence unverified = new NodeEvidence();
        for (int i = 0; i < 10; i++) {
            com.satrank.pipeline.evidence.ReportEvidence.apply(report(true, true), T - HOUR / 2, proven);
            com.satrank.pipeline.evidence.ReportEvidence.apply(report(true, false), T - HOUR / 2, unverified);
        }
        double decay = Math.exp(-(HOUR / 2.0) / ScoringParams.DEFAULT.tauMs());
        assertThat(BayesianScorer.score(proven, T).sources().get("report").nObs()).isCloseTo(10 * decay, within(1e-9));
        assertThat(BayesianScorer.score(unverified, T).sources().get("report").nObs()).isCloseTo(3 * decay, within(1e-9));
        assertThat(BayesianScorer.score(proven, T).nObs()).as("reports observe payments").isCloseTo(10 * decay, within(1e-9));
    }

    @Test
    void a_failed_or_timed_out_report_is_a_failure_and_never_proven() {
        NodeEvidence e = new NodeEvidence();
        var failed = com.satrank.events.v1.PaymentReported.newBuilder()
                .setOutcome(com.satrank.events.v1.PaymentReported.Outcome.TIMEOUT).setProven(true).build();
        com.satrank.pipeline.evidence.ReportEvidence.apply(failed, T - HOUR / 2, e);
        long hour = Math.floorDiv(T - HOUR / 2, HOUR);
        assertThat(e.counts(EvidenceSource.REPORT_UNVERIFIED, hour, hour)).containsExactly(0, 1);
        assertThat(e.isEmpty(EvidenceSource.REPORT_PROVEN)).isTrue();
    }

    static com.satrank.events.v1.PaymentReported report(boolean success, boolean proven) {
        return com.satrank.events.v1.PaymentReported.newBuilder()
                .setOutcome(success ? com.satrank.events.v1.PaymentReported.Outcome.SUCCESS
                        : com.satrank.events.v1.PaymentReported.Outcome.FAILURE)
                .setProven(proven).build();
    }

    @Test
    void evidence_after_the_as_of_time_is_not_seen() {
        NodeEvidence e = new NodeEvidence();
        e.add(EvidenceSource.PROBE, T + 2 * HOUR, false);
        assertThat(BayesianScorer.score(e, T).nObs()).isZero();
    }

    @Test
    void the_score_is_bit_identical_whatever_order_observations_arrive_in() {
        List<long[]> obs = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 500; i++) {
            obs.add(new long[] {T - r.nextInt(20 * 24) * HOUR - r.nextInt((int) HOUR), r.nextInt(2), r.nextInt(2)});
        }
        BayesianScore first = null;
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(obs, new Random(round));
            NodeEvidence e = new NodeEvidence();
            obs.forEach(o -> e.add(o[2] == 0 ? EvidenceSource.PROBE : EvidenceSource.ROUTE, o[0], o[1] == 1));
            BayesianScore s = BayesianScorer.score(e, T);
            if (first == null) {
                first = s;
            }
            assertThat(s).isEqualTo(first);
        }
    }
}
