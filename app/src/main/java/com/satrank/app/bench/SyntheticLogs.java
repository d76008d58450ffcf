package com.satrank.app.bench;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.graph.GraphSnapshot;
import com.satrank.ingest.graph.SnapshotEvents;
import com.satrank.lndsim.SimGraph;
import com.satrank.lndsim.SimGraphGenerator;
import com.satrank.lndsim.SimIdentity;
import com.satrank.lndsim.SimReliability;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic log of {@code days} of history as ingest would have: graph snapshots of an
 * evolving sim graph every crawl interval (a keyframe every keyframe interval, deltas between), and
 * probe results spread evenly in time over the sim's nodes with the sim's reliabilities. Events are
 * stamped with their (synthetic) event time, so queue roll cycles are the days they happened.
 * Deterministic for a given seed.
 */
public final class SyntheticLogs {
    private static final long[] LARGER_TIERS_SAT = {10_000, 100_000};

    public record Shape(Instant start, int days, long probesPerDay, int nodes, int channels, Duration crawlInterval,
                        Duration keyframeEvery, long seed) {
    }

    public record Written(int snapshots, long graphEvents, long probeEvents) {
    }

    private SyntheticLogs() {
    }

    /** @param progress told the number of events written so far, now and then */
    public static Written write(Path dataDir, Shape shape, LongConsumer progress) {
        long[] now = {shape.start().toEpochMilli()};
        InstantSource clock = () -> Instant.ofEpochMilli(now[0]);
        SimGraph sim = new SimGraphGenerator(shape.seed(), shape.start())
                .generate(shape.nodes(), shape.channels(), SimIdentity.fromSeed(shape.seed()).publicKey())
                .evolving(shape.seed());
        long endMs = shape.start().plus(Duration.ofDays(shape.days())).toEpochMilli();
        int snapshots = 0;
        long graphEvents = 0;
        try (ChronicleEventLog graph = ChronicleEventLog.open(dataDir, LogStream.GRAPH, clock)) {
            EventAppender appender = graph.appender("ingest", null);
            GraphSnapshot previous = null;
            long lastKeyframeMs = Long.MIN_VALUE;
            for (long t = shape.start().toEpochMilli(); t < endMs; t += shape.crawlInterval().toMillis()) {
                now[0] = t;
                GraphSnapshot current = sim.describedAt(Instant.ofEpochMilli(t)).toSnapshot();
                long id = snapshots + 1L;
                boolean keyframe = previous == null || t - lastKeyframeMs >= shape.keyframeEvery().toMillis();
                List<Event.Builder> events = keyframe ? SnapshotEvents.keyframe(id, current, t)
                        : SnapshotEvents.delta(id, id - 1, previous, current, t);
                if (keyframe) {
                    lastKeyframeMs = t;
                }
                events.forEach(appender::append);
                graphEvents += events.size();
                previous = current;
                snapshots++;
                progress.accept(graphEvents);
            }
        }
        long probeEvents = writeProbes(dataDir, shape, sim, endMs, now, clock, graphEvents, progress);
        return new Written(snapshots, graphEvents, probeEvents);
    }

    private static long writeProbes(Path dataDir, Shape shape, SimGraph sim, long endMs, long[] now,
                                    InstantSource clock, long before, LongConsumer progress) {
        List<String> pubkeys = sim.pubkeys();
        ByteString[] targets = new ByteString[pubkeys.size()];
        double[] reliability = new double[pubkeys.size()];
        SimReliability reliabilities = new SimReliability(shape.seed());
        for (int i = 0; i < targets.length; i++) {
            targets[i] = ByteString.copyFrom(HexFormat.of().parseHex(pubkeys.get(i)));
            reliability[i] = reliabilities.nodeReliability(pubkeys.get(i), false);
        }
        SplittableRandom random = new SplittableRandom(shape.seed());
        long total = shape.probesPerDay() * shape.days();
        double stepMs = (endMs - shape.start().toEpochMilli()) / (double) total;
        try (ChronicleEventLog probes = ChronicleEventLog.open(dataDir, LogStream.PROBES, clock)) {
            EventAppender appender = probes.appender("ingest", null);
            for (long i = 0; i < total; i++) {
                now[0] = shape.start().toEpochMilli() + (long) (i * stepMs);
                int target = random.nextInt(targets.length);
                appender.append(Event.newBuilder().setProbeCompleted(probe(random, targets[target], reliability[target])));
                if ((i & 0xFFFF) == 0) {
                    progress.accept(before + i);
                }
            }
        }
        return total;
    }

    /** Mostly base-tier payment probes, some route queries, a few larger tiers, as the prober sends. */
    private static ProbeCompleted.Builder probe(SplittableRandom random, ByteString target, double reliability) {
        double kind = random.nextDouble();
        boolean ok = random.nextDouble() < reliability;
        ProbeCompleted.Builder b = ProbeCompleted.newBuilder().setTargetPubkey(target);
        if (kind < 0.25) {
            return b.setAmountSat(1_000).setMethod(ProbeCompleted.Method.QUERY_ROUTES)
                    .setOutcome(ok || random.nextDouble() < 0.7 ? ProbeCompleted.Outcome.SUCCESS
                            : ProbeCompleted.Outcome.NO_ROUTE);
        }
        long amount = kind < 0.85 ? 1_000 : LARGER_TIERS_SAT[random.nextInt(LARGER_TIERS_SAT.length)];
        b.setAmountSat(amount).setMethod(ProbeCompleted.Method.PAYMENT_PROBE)
                .setOutcome(ok ? ProbeCompleted.Outcome.SUCCESS : ProbeCompleted.Outcome.FAILURE);
        if (ok) {
            b.setHops(1 + random.nextInt(6)).setLatencyMs(150 + random.nextInt(1_500))
                    .setFeeMsat(random.nextInt(5_000));
        }
        return b;
    }
}
