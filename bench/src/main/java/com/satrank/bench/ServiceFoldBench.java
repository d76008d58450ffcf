package com.satrank.bench;

import com.satrank.events.v1.EndpointProbed;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ServiceListed;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.services.EndpointScorer;
import com.satrank.pipeline.services.ServiceFold;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's service fold over 1 M endpoint events: 2 000 listed endpoints, 1 M stage outcomes
 * spread over 30 days of event time (the decoded events, as the merged tailer hands them over), then
 * one scoring pass (stage posteriors with exact Beta quantiles, p_e2e) as of the last event. One
 * shot per iteration: a fresh fold each time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ServiceFoldBench {
    static final int ENDPOINTS = 2_000;
    static final int EVENTS = 1_000_000;
    private final List<Event> events = new ArrayList<>(EVENTS + ENDPOINTS);
    private long lastMs;

    @Setup
    public void generate() {
        SplittableRandom random = new SplittableRandom(12);
        long start = 1_780_000_000_000L;
        String[] hashes = new String[ENDPOINTS];
        for (int i = 0; i < ENDPOINTS; i++) {
            byte[] h = new byte[32];
            random.nextBytes(h);
            hashes[i] = HexFormat.of().formatHex(h);
            events.add(Event.newBuilder().setEventTimeMs(start).setServiceListed(ServiceListed.newBuilder()
                    .setUrl("https://svc" + i + ".example/api").setUrlHash(hashes[i]).setRegistry("402index")
                    .setCategory("data/weather").setHttpMethod("GET").setAdvertisedPriceSats(3)).build());
        }
        long span = 30L * 86_400_000L;
        for (int i = 0; i < EVENTS; i++) {
            long at = start + span * i / EVENTS;
            int e = random.nextInt(ENDPOINTS);
            int stage = 1 + random.nextInt(5);
            events.add(Event.newBuilder().setEventTimeMs(at).setEndpointProbed(EndpointProbed.newBuilder()
                    .setUrl("https://svc" + e + ".example/api").setUrlHash(hashes[e])
                    .setStage(EndpointProbed.Stage.forNumber(stage)).setSuccess(random.nextDouble() < 0.8)
                    .setOutcome("ok").setLatencyMs(random.nextInt(500)).setHttpStatus(stage == 1 ? 402 : 0)
                    .setTier("cold")).build());
            lastMs = at;
        }
    }

    @Benchmark
    public int foldAndScore() {
        ServiceFold fold = new ServiceFold();
        for (Event e : events) {
            fold.apply(e);
        }
        fold.prune(lastMs, ScoringParams.DEFAULT.evidenceHorizonMs());
        return EndpointScorer.score(fold, lastMs, ScoringParams.DEFAULT.tauMs()).stages().size();
    }
}
