package com.satrank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.PaymentReported;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogStream;
import com.satrank.model.Pubkey;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.testing.MutableClock;
import com.satrank.testing.PostgresFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports reach the reports table, the report posterior and the 24 h counts, composite columns are
 * filled, and the tables are a function of the logs: a restarted pipeline (re-folding from index 0)
 * adds nothing twice, and a second database built from the same logs is identical.
 */
class ScoringReportsIT {
    @Test
    void reports_are_written_once_and_the_tables_are_a_function_of_the_logs(@TempDir Path data) {
        GraphLogFixtures.writeLog(data, 300, 900, 4, Duration.ofHours(2), 100);
        ByteString target;
        try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC())) {
            ScoringPipeline scratch = ScoringPipeline.everyPass(g, p, null, new JdbiScoreStore(jdbi(PostgresFixture.freshDatabase())));
            scratch.drain();
            target = scratch.state().nodes().keySet().stream().sorted(com.satrank.graph.GraphDigest.PUBKEY_ORDER)
                    .findFirst().orElseThrow();
        }
        MutableClock clock = new MutableClock(GraphLogFixtures.T0.plus(Duration.ofMinutes(30)));
        try (ChronicleEventLog reports = ChronicleEventLog.open(data, LogStream.REPORTS, clock)) {
            EventAppender appender = reports.appender("api", null);
            appender.append(report(target, "agent-a", PaymentReported.Outcome.SUCCESS, true));
            clock.advance(Duration.ofMinutes(70));
            appender.append(report(target, "agent-b", PaymentReported.Outcome.FAILURE, false));
            clock.advance(Duration.ofMinutes(70));
            appender.append(report(target, "agent-a", PaymentReported.Outcome.TIMEOUT, false));
        }
        PostgresFixture.Db live = PostgresFixture.freshDatabase();
        PostgresFixture.Db replay = PostgresFixture.freshDatabase();
        for (PostgresFixture.Db db : List.of(live, live, replay)) { // the second run on `live` is a restart
            try (ChronicleEventLog g = ChronicleEventLog.open(data, LogStream.GRAPH, Clock.systemUTC());
                 ChronicleEventLog p = ChronicleEventLog.open(data, LogStream.PROBES, Clock.systemUTC());
                 ChronicleEventLog r = ChronicleEventLog.open(data, LogStream.REPORTS, Clock.systemUTC())) {
                ScoringPipeline.replay(g, p, r, new JdbiScoreStore(jdbi(db))).drain();
            }
        }
        String nodeId = Pubkey.fromBytes(target.toByteArray()).nodeId().hex();
        Jdbi jdbi = jdbi(live);
        List<String> rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT reporter || ':' || outcome || ':' || proven FROM reports WHERE node_id = :id ORDER BY log_index")
                .bind("id", nodeId).mapTo(String.class).list());
        assertThat(rows)
                .containsExactly("agent-a:SUCCESS:true", "agent-b:FAILURE:false", "agent-a:TIMEOUT:false");
        double reportObs = jdbi.withHandle(h -> h.createQuery("SELECT report_n_obs FROM node_scores WHERE node_id = :id")
                .bind("id", nodeId).mapTo(Double.class).one());
        assertThat(reportObs).as("1.0 proven + 2 × 0.3 unverified, decayed a little").isBetween(1.4, 1.6);
        long composite = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM node_scores WHERE score > 0 AND volume > 0")
                .mapTo(Long.class).one());
        assertThat(composite).isGreaterThan(200);
        long probes24h = jdbi.withHandle(h -> h.createQuery("SELECT probes_24h FROM network_stats").mapTo(Long.class).one());
        assertThat(probes24h).isPositive();
        for (String table : List.of("reports", "nodes", "node_scores", "node_score_history", "network_stats")) {
            assertThat(live.dump(table)).as(table).isEqualTo(replay.dump(table));
        }
    }

    private static Event.Builder report(ByteString target, String reporter, PaymentReported.Outcome outcome,
                                        boolean proven) {
        return Event.newBuilder().setPaymentReported(PaymentReported.newBuilder().setTargetPubkey(target)
                .setReporter(reporter).setOutcome(outcome).setProven(proven));
    }

    private static Jdbi jdbi(PostgresFixture.Db db) {
        return Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
    }
}
