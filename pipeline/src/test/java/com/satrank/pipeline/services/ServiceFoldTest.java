package com.satrank.pipeline.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.EndpointPaymentSpent;
import com.satrank.events.v1.EndpointProbed;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ServiceDelisted;
import com.satrank.events.v1.ServiceDiscovered;
import com.satrank.events.v1.ServiceListed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service fold and scorer on plain events: no logs, no database. */
class ServiceFoldTest {
    private static final long T0 = 1_779_998_400_000L; // on an hour boundary
    private static final double TAU = 7 * 86_400_000.0;
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static Event listed(String hash, String registry, String name, long at) {
        return Event.newBuilder().setEventTimeMs(at).setServiceListed(ServiceListed.newBuilder().setUrl("https://" + hash
                .charAt(0) + ".example/x").setUrlHash(hash).setRegistry(registry).setName(name).setCategory("data/weather")
                .setHttpMethod("GET").setAdvertisedPriceSats(3)).build();
    }

    private static Event probed(String hash, EndpointProbed.Stage stage, boolean ok, long at) {
        return Event.newBuilder().setEventTimeMs(at).setEndpointProbed(EndpointProbed.newBuilder().setUrlHash(hash)
                .setUrl("https://x.example/x").setStage(stage).setSuccess(ok).setOutcome(ok ? "ok" : "bad")
                .setHttpStatus(stage == EndpointProbed.Stage.CHALLENGE ? (ok ? 402 : 503) : 0).setLatencyMs(40)).build();
    }

    @Test
    void the_highest_ranked_registry_sets_metadata_and_the_others_join_the_sources() {
        ServiceFold fold = new ServiceFold();
        fold.apply(listed(A, "l402directory", "from directory", T0));
        fold.apply(listed(A, "402index", "from index", T0 + 1));
        fold.apply(listed(A, "l402directory", "directory again", T0 + 2));
        EndpointRow row = EndpointScorer.score(fold, T0 + 3, TAU).endpoints().get(0);
        assertThat(row.name()).isEqualTo("from index");
        assertThat(row.sources()).isEqualTo("402index,l402directory");
        assertThat(row.firstListedMs()).isEqualTo(T0);
    }

    @Test
    void stage_posteriors_use_the_pooled_prior_and_decay_in_event_time() {
        ServiceFold fold = new ServiceFold();
        fold.apply(listed(A, "402index", "a", T0));
        fold.apply(listed(B, "402index", "b", T0));
        for (int i = 0; i < 8; i++) {
            fold.apply(probed(A, EndpointProbed.Stage.CHALLENGE, true, T0 + i * 60_000));
            fold.apply(probed(B, EndpointProbed.Stage.CHALLENGE, i < 2, T0 + i * 60_000));
        }
        var scored = EndpointScorer.score(fold, T0 + 3_600_000, TAU);
        StageRow a1 = scored.stages().stream().filter(s -> s.urlHash().equals(A) && s.stage() == 1).findFirst().orElseThrow();
        StageRow a3 = scored.stages().stream().filter(s -> s.urlHash().equals(A) && s.stage() == 3).findFirst().orElseThrow();
        // every check fell in the first hour bucket, weighed at its midpoint; pooled stage-1 rate
        // (10 decayed successes + 1) / (16 decayed checks + 2); A has 8 successes
        double decay = Math.exp(-(3_600_000 - 1_800_000) / TAU);
        double m = (10 * decay + 1) / (16 * decay + 2);
        assertThat(a1.alpha()).isCloseTo(2 * m + 8 * decay, within(1e-9));
        assertThat(a1.beta()).isCloseTo(2 * (1 - m), within(1e-9));
        assertThat(a1.ci95Low()).isLessThan(a1.pSuccess()).isGreaterThan(0.5);
        // no stage-3 evidence anywhere: the prior mean is 1/2 with strength 2, n_obs 0
        assertThat(a3.pSuccess()).isCloseTo(0.5, within(1e-12));
        assertThat(a3.nObs()).isZero();
        EndpointRow rowA = scored.endpoints().stream().filter(r -> r.urlHash().equals(A)).findFirst().orElseThrow();
        double product = scored.stages().stream().filter(s -> s.urlHash().equals(A)).mapToDouble(StageRow::pSuccess)
                .reduce(1, (x, y) -> x * y);
        assertThat(rowA.pE2e()).isCloseTo(product, within(1e-12));
        assertThat(rowA.meaningfulStages()).isEqualTo(1);
        assertThat(rowA.uptime7d()).isEqualTo(1.0);
        assertThat(rowA.medianLatency7dMs()).isEqualTo(40);
        // a week later the same evidence weighs e^-1 as much
        var later = EndpointScorer.score(fold, T0 + 3_600_000 + (long) TAU, TAU);
        StageRow a1Later = later.stages().stream().filter(s -> s.urlHash().equals(A) && s.stage() == 1).findFirst().orElseThrow();
        assertThat(a1Later.nObs()).isCloseTo(a1.nObs() / Math.E, within(1e-9));
    }

    @Test
    void discovery_is_a_challenge_check_and_spending_and_delisting_are_kept() {
        ServiceFold fold = new ServiceFold();
        fold.apply(listed(A, "402index", "a", T0));
        fold.apply(Event.newBuilder().setEventTimeMs(T0 + 1).setServiceDiscovered(ServiceDiscovered.newBuilder()
                .setUrlHash(A).setOutcome("l402").setPayeePubkey(ByteString.copyFrom(new byte[33])).setPriceSats(4)
                .setHttpMethod("POST")).build());
        fold.apply(Event.newBuilder().setEventTimeMs(T0 + 2).setEndpointPaymentSpent(EndpointPaymentSpent.newBuilder()
                .setUrlHash(A).setAmountSats(4).setFeeMsat(1_500)).build());
        fold.apply(Event.newBuilder().setEventTimeMs(T0 + 3).setServiceDelisted(ServiceDelisted.newBuilder()
                .setUrlHash(A).setReason("404_persistent")).build());
        EndpointRow row = EndpointScorer.score(fold, T0 + 4, TAU).endpoints().get(0);
        assertThat(row.priceSats()).isEqualTo(4);
        assertThat(row.httpMethod()).isEqualTo("POST");
        assertThat(row.payeePubkey()).isEqualTo("00".repeat(33));
        assertThat(row.satsSpent()).isEqualTo(6);
        assertThat(row.deprecated()).isTrue();
        assertThat(row.deprecatedReason()).isEqualTo("404_persistent");
        StageRow challenge = EndpointScorer.score(fold, T0 + 4, TAU).stages().stream().filter(s -> s.stage() == 1)
                .findFirst().orElseThrow();
        assertThat(challenge.observations()).isEqualTo(1);
        assertThat(challenge.lastOutcome()).isEqualTo("discovery_l402");
    }

    @Test
    void unknown_payloads_are_not_the_folds_business() {
        assertThat(new ServiceFold().apply(Event.newBuilder().setEventTimeMs(T0).build())).isFalse();
        assertThat(List.of()).isEmpty();
    }

    private static com.satrank.events.v1.PaymentReported report(String hash, com.satrank.events.v1.PaymentReported.Outcome o,
                                                               boolean proven) {
        return com.satrank.events.v1.PaymentReported.newBuilder().setTargetUrlHash(hash).setReporter("r").setOutcome(o)
                .setProven(proven).build();
    }

    @Test
    void endpoint_reports_feed_payment_and_delivery_with_their_weights() {
        ServiceFold fold = new ServiceFold();
        fold.apply(listed(A, "402index", "a", T0));
        long at = T0 + 1_800_000;
        var success = com.satrank.events.v1.PaymentReported.Outcome.SUCCESS;
        var failure = com.satrank.events.v1.PaymentReported.Outcome.FAILURE;
        fold.applyReport(report(A, success, true), at);      // payment ✓ delivery ✓, weight 1
        fold.applyReport(report(A, failure, true), at);      // paid, nothing delivered: payment ✓ delivery ✗
        fold.applyReport(report(A, failure, false), at);     // unproven failure: payment ✗, weight 0.3
        fold.applyReport(report(B, success, true), at);      // not in the catalogue: ignored
        var scored = EndpointScorer.score(fold, at, TAU);
        java.util.function.IntFunction<StageRow> stage = n -> scored.stages().stream()
                .filter(s -> s.urlHash().equals(A) && s.stage() == n).findFirst().orElseThrow();
        double decay = Math.exp(-(at - (T0 + 1_800_000)) / TAU);
        assertThat(stage.apply(3).nObs()).isCloseTo((1 + 1 + 0.3) * decay, within(1e-9));
        assertThat(stage.apply(4).nObs()).isCloseTo(2 * decay, within(1e-9));
        assertThat(stage.apply(5).nObs()).isZero();
        assertThat(stage.apply(3).observations()).as("probe counts only").isZero();
        assertThat(scored.endpoints()).hasSize(1);
    }
}
