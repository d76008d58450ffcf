package com.satrank.ingest.probe;

import com.satrank.model.Sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.satrank.events.v1.ProbeCompleted;
import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.LndUnavailableException;
import com.satrank.lndclient.ProbeClient;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.model.Pubkey;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real probes over gRPC against lnd-sim, into a real probes log; outcomes follow the hidden truth. */
class ProberIT {
    @Test
    void probes_every_planned_target_and_payment_outcomes_track_the_hidden_reliability(@TempDir Path dir)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir.resolve("sim"), 12, 600, 1800, null), clock);
             LndGraphClient graph = new LndGraphClient(endpoint(sim, SimMacaroons.READONLY), new LndStatus(com.satrank.metrics.Metrics.detached()));
             ProbeClient probes = new ProbeClient(endpoint(sim, SimMacaroons.READONLY),
                     sim.macaroonPath(SimMacaroons.PAY), new LndStatus(com.satrank.metrics.Metrics.detached()));
             ChronicleEventLog graphLog = ChronicleEventLog.open(dir.resolve("data"), LogStream.GRAPH, clock);
             ChronicleEventLog probeLog = ChronicleEventLog.open(dir.resolve("data"), LogStream.PROBES, clock)) {
            GraphCrawler crawler = new GraphCrawler(graph, graphLog.appender("ingest", null), clock, Duration.ofDays(1));
            crawler.crawlOnce();
            try (Prober prober = new Prober(probes, probeLog.appender("prober", null), crawler::lastNodePubkeys, Set::of,
                    clock, new ProbeSettings(1000, Duration.ofMinutes(30), 4, Duration.ofMinutes(5)))) {
                for (int round = 0; round < 6; round++) {
                    Prober.CycleResult r = prober.runCycle();
                    assertThat(r.targets()).isEqualTo(601);
                    assertThat(r.lndErrors()).isZero();
                    clock.advance(Duration.ofHours(1));
                }
                prober.runCycle();
                assertThat(prober.runCycle().targets()).as("all probed moments ago: none due").isZero();
            }

            Map<Pubkey, int[]> baseTier = new HashMap<>();
            List<ProbeCompleted> all = new ArrayList<>();
            var tailer = probeLog.tailer().seekAfter(LogPosition.BEFORE_START);
            for (var e = tailer.next(); e.isPresent(); e = tailer.next()) {
                ProbeCompleted p = e.get().event().getProbeCompleted();
                all.add(p);
                if (p.getMethod() == ProbeCompleted.Method.PAYMENT_PROBE && p.getAmountSat() == 1000) {
                    int[] c = baseTier.computeIfAbsent(Pubkey.fromBytes(p.getTargetPubkey().toByteArray()), k -> new int[2]);
                    c[p.getOutcome() == ProbeCompleted.Outcome.SUCCESS ? 0 : 1]++;
                }
            }
            assertThat(all).anyMatch(p -> p.getOutcome() == ProbeCompleted.Outcome.NO_ROUTE);
            assertThat(all).anyMatch(p -> p.getMethod() == ProbeCompleted.Method.PAYMENT_PROBE
                    && p.getOutcome() == ProbeCompleted.Outcome.FAILURE && p.getFailureCode() == 15);
            assertThat(all).filteredOn(p -> p.getAmountSat() == 1_000_000).isNotEmpty();

            double goodRate = rate(baseTier, sim, 0.85, 1.01);
            double badRate = rate(baseTier, sim, 0.0, 0.40);
            assertThat(goodRate).as("success rate of truly good nodes").isGreaterThan(0.8);
            assertThat(badRate).as("success rate of truly bad nodes").isLessThan(0.35);
        }
    }

    @Test
    void the_readonly_macaroon_cannot_send_payment_probes(@TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir, 12, 100, 300, null), clock);
             ProbeClient probes = new ProbeClient(endpoint(sim, SimMacaroons.READONLY),
                     sim.macaroonPath(SimMacaroons.READONLY), new LndStatus(com.satrank.metrics.Metrics.detached()))) {
            String target = sim.graph().pubkeys().get(1);
            var route = probes.queryRoutes(Pubkey.fromHex(target), new Sat(1000));
            assertThat(route).isPresent();
            assertThatThrownBy(() -> probes.sendProbe(route.get())).isInstanceOf(LndUnavailableException.class)
                    .hasMessageContaining("PERMISSION_DENIED");
        }
    }

    private static double rate(Map<Pubkey, int[]> counts, LndSimServer sim, double lo, double hi) {
        int ok = 0;
        int total = 0;
        for (var e : counts.entrySet()) {
            double truth = sim.trueSuccessProbability(e.getKey().hex(), 1000);
            if (truth >= lo && truth < hi) {
                ok += e.getValue()[0];
                total += e.getValue()[0] + e.getValue()[1];
            }
        }
        assertThat(total).as("probes in band [" + lo + ", " + hi + ")").isGreaterThan(30);
        return ok / (double) total;
    }

    private static LndEndpoint endpoint(LndSimServer sim, String macaroon) {
        return new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), sim.macaroonPath(macaroon),
                Duration.ofSeconds(20));
    }
}
