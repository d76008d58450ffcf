package com.satrank.bench;

import com.satrank.lndsim.SimGraph;
import com.satrank.lndsim.SimGraphGenerator;
import com.satrank.lndsim.SimIdentity;
import com.satrank.pipeline.graph.GraphState;
import com.satrank.pipeline.scoring.Betweenness;
import com.satrank.pipeline.scoring.GraphMetrics;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** PageRank and 512-pivot betweenness on a sim graph of mainnet's size, as one scoring pass runs them. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class GraphScoringBench {
    @Param({"15000"})
    int nodes;

    @Param({"50000"})
    int channels;

    private GraphMetrics.Adjacency adjacency;

    @Setup
    public void graph() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SimGraph sim = new SimGraphGenerator(21, t0).generate(nodes, channels, SimIdentity.fromSeed(21).publicKey());
        GraphState state = new GraphState();
        com.satrank.ingest.graph.SnapshotEvents.keyframe(1, sim.describedAt(t0).toSnapshot(), 0)
                .forEach(e -> state.apply(e.setEventTimeMs(t0.toEpochMilli()).build()));
        if (state.appliedSnapshotId() != 1) {
            throw new IllegalStateException("the bench graph did not apply");
        }
        adjacency = GraphMetrics.adjacency(state);
    }

    @Benchmark
    public Object pageRank() {
        return adjacency.pageRank();
    }

    @Benchmark
    public Object betweenness512Pivots() {
        return adjacency.betweenness(Betweenness.DEFAULT_PIVOTS);
    }
}
