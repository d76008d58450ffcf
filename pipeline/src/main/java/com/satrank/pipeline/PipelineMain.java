package com.satrank.pipeline;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.store.JdbiScoreStore;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * A bare pipeline process without Dropwizard: {@code PipelineMain <dataDir> <jdbcUrl> <user> <password>}
 * drains the graph and probes logs once into an already migrated database and exits. Used by the kill -9
 * tests, which need a separate JVM to kill; operators use the {@code pipeline} command instead.
 */
public final class PipelineMain {
    private PipelineMain() {
    }

    public static void main(String[] args) {
        Jdbi jdbi = Jdbi.create(args[1], args[2], args[3]).installPlugin(new SqlObjectPlugin());
        try (ChronicleEventLog log = ChronicleEventLog.open(Path.of(args[0]), LogStream.GRAPH, Clock.systemUTC());
             ChronicleEventLog probes = ChronicleEventLog.open(Path.of(args[0]), LogStream.PROBES, Clock.systemUTC())) {
            ScoringPipeline pipeline = ScoringPipeline.live(log, probes, null, new JdbiScoreStore(jdbi), Clock.systemUTC(),
                    ScoringPipeline.LIVE_HOLD_BACK);
            int wrote = pipeline.drain();
            System.out.println("wrote " + wrote);
        }
    }
}
