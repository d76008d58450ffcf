package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.ingest.graph.GraphCrawler;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndclient.ProbeClient;
import com.satrank.ingest.probe.ProbeSettings;
import com.satrank.ingest.probe.Prober;
import com.satrank.lndsim.LndSimServer;
import com.satrank.lndsim.LndSimSettings;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.MutableClock;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables do not depend on how reading interleaves with writing: pipelines that drain after
 * every graph snapshot, after every probe cycle, at random moments, or only once at the end (a
 * replay from zero) end with byte-identical tables.
 */
class ScoringDeterminismIT {
    @Test
    void live_tailing_in_any_rhythm_equals_a_replay_from_zero(@TempDir Path dir) throws Exception {
        // Five hours across midnight: two days of history rows.
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T21:40:00Z"));
        Path data = dir.resolve("data");
        List<PostgresFixture.Db> dbs = List.of(PostgresFixture.freshDatabase(), PostgresFixture.freshDatabase(),
                PostgresFixture.freshDatabase(), PostgresFixture.freshDatabase(), PostgresFixture.freshDatabase());
        List<ScoringPipeline> live = new ArrayList<>();
        List<ChronicleEventLog> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, clock);
            ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, clock);
            ChronicleEventLog sv = ChronicleEventLog.open(data, LogStream.SERVICES, clock);
            ChronicleEventLog ep = ChronicleEventLog.open(data, LogStream.ENDPOINTS, clock);
            readers.addAll(List.of(g, p, sv, ep));
            live.add(ScoringPipeline.live(g, p, null, new JdbiScoreStore(jdbi(dbs.get(i))), clock, Duration.ofSeconds(2))
                    .withServices(sv, ep));
        }
        Random random = new Random(11);
        try (LndSimServer sim = LndSimServer.start(
                new LndSimSettings("127.0.0.1", 0, dir.resolve("sim"), 77, 800, 2400, null).withMerchants(20), clock);
             com.satrank.l402sim.L402SimServer economy = com.satrank.l402sim.L402SimServer.start(
                     new com.satrank.l402sim.L402SimSettings("127.0.0.1", 0, 3, 80, 77, 0),
                     new com.satrank.l402sim.MerchantClient(new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(),
                             sim.macaroonPath(SimMacaroons.ADMIN), Duration.ofSeconds(30))), clock);
             LndGraphClient graph = new LndGraphClient(endpoint(sim), new LndStatus(com.satrank.metrics.Metrics.detached()));
             ProbeClient probes = new ProbeClient(endpoint(sim), sim.macaroonPath(SimMacaroons.PAY),
                     new LndStatus(com.satrank.metrics.Metrics.detached()));
             ChronicleEventLog graphLog = ChronicleEventLog.open(data, LogStream.GRAPH, clock);
             ChronicleEventLog probeLog = ChronicleEventLog.open(data, LogStream.PROBES, clock);
             ChronicleEventLog servicesLog = ChronicleEventLog.open(data, LogStream.SERVICES, clock);
             ChronicleEventLog endpointsLog = ChronicleEventLog.open(data, LogStream.ENDPOINTS, clock);
             ChronicleEventLog queriesLog = ChronicleEventLog.open(data, LogStream.QUERIES, clock);
             var http = new com.satrank.ingest.http.SafeHttp(new com.satrank.ingest.http.UrlSafety(true),
                     Duration.ofSeconds(2), 8);
             var payments = new com.satrank.lndclient.PaymentClient(endpoint(sim), sim.macaroonPath(SimMacaroons.PAY),
                     new LndStatus(com.satrank.metrics.Metrics.detached()))) {
            var services = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(java.util.Map.of(
                    "enabled", true, "allowLoopback", true, "invoiceNetwork", "sb", "hostGap", "0ms", "checkGap", "0ms",
                    "coldRecheck", "25m", "maxSatsPerProbe", 200, "cycleBudgetSats", 100000,
                    "registries", List.of(java.util.Map.of("kind", "402index", "url", economy.registryUrl()))),
                    com.satrank.ingest.config.ServicesConfig.class);
            var catalogue = new com.satrank.ingest.services.ServiceCatalogue();
            var serviceMetrics = com.satrank.ingest.services.ServiceMetrics.detached();
            var registry = new com.satrank.ingest.services.RegistryCrawler(services, http,
                    servicesLog.appender("registry", null), catalogue, serviceMetrics);
            var endpointProber = new com.satrank.ingest.services.EndpointProber(services, catalogue, http,
                    endpointsLog.appender("endpoint-prober", null),
                    new com.satrank.ingest.services.EndpointDemand(queriesLog), payments, () -> new byte[33],
                    new com.satrank.ingest.services.SpendingBudget(210, 100_000, 100_000, clock), serviceMetrics, clock);
            GraphCrawler crawler = new GraphCrawler(graph, graphLog.appender("ingest", null), clock, Duration.ofHours(6));
            try (Prober prober = new Prober(probes, probeLog.appender("prober", null), crawler::lastNodePubkeys, Set::of,
                    clock, new ProbeSettings(300, Duration.ofMinutes(20), 3, Duration.ofMinutes(5)))) {
                for (int round = 0; round < 10; round++) {
                    crawler.crawlOnce();
                    if (round % 5 == 0) {
                        registry.crawlOnce();
                    }
                    endpointProber.checkOnce(() -> false);
                    endpointProber.paidOnce(() -> false);
                    clock.advance(Duration.ofMinutes(10));
                    live.get(0).drain();                       // after every snapshot
                    prober.runCycle();
                    clock.advance(Duration.ofMinutes(10));
                    live.get(1).drain();                       // after every probe cycle
                    if (random.nextBoolean()) {
                        live.get(2).drain();                   // now and then
                    }
                    clock.advance(Duration.ofMinutes(10));
                }
            }
            clock.advance(Duration.ofMinutes(1));
            live.forEach(ScoringPipeline::drain);
        } finally {
            readers.forEach(ChronicleEventLog::close);
        }
        try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC());
             ChronicleEventLog sv = ChronicleEventLog.open(data, LogStream.SERVICES, Clock.systemUTC());
             ChronicleEventLog ep = ChronicleEventLog.open(data, LogStream.ENDPOINTS, Clock.systemUTC())) {
            ScoringPipeline.everyPass(g, p, null, new JdbiScoreStore(jdbi(dbs.get(3)))).withServices(sv, ep).drain();
            ScoringPipeline skipping = ScoringPipeline.replay(g, p, null, new JdbiScoreStore(jdbi(dbs.get(4))))
                    .withServices(sv, ep);
            skipping.drain();
            assertThat(skipping.passesSkipped()).as("the operator's replay skips superseded passes").isGreaterThan(10);
        }
        PostgresFixture.Db replay = dbs.get(3);
        assertThat(replay.count("node_scores")).isGreaterThan(700);
        long withEvidence = jdbi(replay).withHandle(h -> h.createQuery(
                "SELECT count(*) FROM node_scores WHERE n_obs > 0").mapTo(Long.class).one());
        assertThat(withEvidence).as("nodes scored from probe evidence").isGreaterThan(700);
        assertThat(replay.count("node_score_history")).as("two days of history").isGreaterThan(2 * 700);
        assertThat(replay.count("service_endpoints")).as("the 402index part of the economy").isBetween(55L, 80L);
        long paidStages = jdbi(replay).withHandle(h -> h.createQuery(
                "SELECT count(*) FROM endpoint_stage_posteriors WHERE stage >= 3 AND observations > 0")
                .mapTo(Long.class).one());
        assertThat(paidStages).as("paid stages observed").isGreaterThan(50);
        for (int i : new int[] {0, 1, 2, 4}) {
            for (String table : List.of("nodes", "node_scores", "node_score_history", "network_stats",
                    "pipeline_checkpoint", "service_endpoints", "endpoint_stage_posteriors")) {
                assertThat(dbs.get(i).dump(table)).as("pipeline %d, table %s", i, table).isEqualTo(replay.dump(table));
            }
        }
    }

    private static Jdbi jdbi(PostgresFixture.Db db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }

    private static LndEndpoint endpoint(LndSimServer sim) {
        return new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), sim.macaroonPath(SimMacaroons.READONLY),
                Duration.ofSeconds(30));
    }
}
