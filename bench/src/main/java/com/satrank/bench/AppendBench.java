package com.satrank.bench;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.NodeQueried;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends with real encoding (protobuf, stamped with schema version, event time and source) to a
 * real Chronicle queue in a temporary directory: a ProbeCompleted (about 60 bytes) and a NodeQueried.
 * Throughput in events per second, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"})
public class AppendBench {
    private Path dir;
    private ChronicleEventLog probes;
    private ChronicleEventLog queries;
    private EventAppender probeAppender;
    private EventAppender queryAppender;
    private Event.Builder probe;
    private Event.Builder queried;

    @Setup
    public void open() throws IOException {
        dir = Files.createTempDirectory("satrank-append-bench");
        probes = ChronicleEventLog.open(dir, LogStream.PROBES, Clock.systemUTC());
        queries = ChronicleEventLog.open(dir, LogStream.QUERIES, Clock.systemUTC());
        byte[] pk = new byte[33];
        pk[0] = 2;
        probeAppender = probes.appender("bench", pk);
        queryAppender = queries.appender("bench", pk);
        probe = Event.newBuilder().setProbeCompleted(ProbeCompleted.newBuilder()
                .setTargetPubkey(ByteString.copyFrom(pk)).setAmountSat(1000)
                .setMethod(ProbeCompleted.Method.PAYMENT_PROBE).setOutcome(ProbeCompleted.Outcome.SUCCESS)
                .setHops(3).setLatencyMs(420).setFeeMsat(1200));
        queried = Event.newBuilder().setNodeQueried(NodeQueried.newBuilder().setPubkey(ByteString.copyFrom(pk)));
    }

    @Benchmark
    public LogPosition appendProbeCompleted() {
        return probeAppender.append(probe);
    }

    @Benchmark
    public LogPosition appendNodeQueried() {
        return queryAppender.append(queried);
    }

    @TearDown
    public void close() throws IOException {
        probes.close();
        queries.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
