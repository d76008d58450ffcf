package com.satrank.lndsim;

import com.satrank.lnd.lnrpc.ChannelEdge;
import com.satrank.lnd.lnrpc.Failure;
import com.satrank.lnd.lnrpc.HTLCAttempt;
import com.satrank.lnd.lnrpc.Hop;
import com.satrank.lnd.lnrpc.Route;
import com.satrank.lnd.lnrpc.RoutingPolicy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pathfinding and payment probes in the sim. A route exists when the target has an enabled
 * channel larger than the amount; a probe over it reaches the target with the hidden
 * {@link SimReliability} probability, drawn from the payment hash so a given probe is repeatable.
 * The final hop then answers INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS (the hash is random, so it never
 * settles); otherwise an intermediate hop fails with TEMPORARY_CHANNEL_FAILURE.
 */
final class SimRouting {
    private final SimGraph graph;
    private final SimReliability reliability;
    private final InstantSource clock;
    private final AtomicLong attempts = new AtomicLong();

    SimRouting(SimGraph graph, SimReliability reliability, InstantSource clock) {
        this.graph = graph;
        this.reliability = reliability;
        this.clock = clock;
    }

    Optional<Route> findRoute(String target, long amountMsat) {
        Optional<SimGraph.Target> t = graph.target(target, clock.instant());
        if (t.isEmpty() || t.get().maxEnabledChannelSat() * 1000 <= amountMsat) {
            return Optional.empty();
        }
        ChannelEdge last = t.get().enabledChannels().stream()
                .filter(e -> e.getCapacity() * 1000 > amountMsat)
                .max((a, b) -> Long.compare(a.getCapacity(), b.getCapacity())).orElseThrow();
        String peer = last.getNode1Pub().equals(target) ? last.getNode2Pub() : last.getNode1Pub();
        RoutingPolicy peerPolicy = last.getNode1Pub().equals(peer) ? last.getNode1Policy() : last.getNode2Policy();
        int extraHops = (int) (reliability.unit(target, 7) * 3);
        List<Hop> hops = new ArrayList<>();
        long fees = 0;
        for (int i = 0; i < extraHops; i++) {
            long fee = 1000 + amountMsat / 1_000_000;
            fees += fee;
            hops.add(Hop.newBuilder().setChanId(last.getChannelId() ^ (i + 1L)).setPubKey(peer)
                    .setAmtToForwardMsat(amountMsat).setFeeMsat(fee).setExpiry(800_040 + 40 * i).build());
        }
        long lastFee = peerPolicy.getFeeBaseMsat() + amountMsat * peerPolicy.getFeeRateMilliMsat() / 1_000_000;
        fees += lastFee;
        hops.add(Hop.newBuilder().setChanId(last.getChannelId()).setPubKey(peer).setAmtToForwardMsat(amountMsat)
                .setFeeMsat(lastFee).setExpiry(800_040).build());
        hops.add(Hop.newBuilder().setChanId(last.getChannelId()).setPubKey(target).setAmtToForwardMsat(amountMsat)
                .setExpiry(800_000).build());
        return Optional.of(Route.newBuilder().setTotalTimeLock(800_000 + 40 * hops.size())
                .setTotalFeesMsat(fees).setTotalAmtMsat(amountMsat + fees).addAllHops(hops).build());
    }

    HTLCAttempt probe(byte[] paymentHash, Route route) {
        Instant now = clock.instant();
        long startNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        HTLCAttempt.Builder attempt = HTLCAttempt.newBuilder().setAttemptId(attempts.incrementAndGet())
                .setStatus(HTLCAttempt.HTLCStatus.FAILED).setRoute(route).setAttemptTimeNs(startNs);
        int hopCount = route.getHopsCount();
        if (hopCount == 0) {
            return attempt.setFailure(Failure.newBuilder().setCode(Failure.FailureCode.UNKNOWN_FAILURE)).build();
        }
        Hop lastHop = route.getHops(hopCount - 1);
        String hashHex = HexFormat.of().formatHex(paymentHash);
        // 300 ms + ~250 ms per hop, with a heavy-ish tail
        long latencyMs = 300 + 250L * hopCount + (long) (-400 * Math.log(1 - reliability.unit(hashHex, 11)));
        attempt.setResolveTimeNs(startNs + latencyMs * 1_000_000L);
        Optional<SimGraph.Target> target = graph.target(lastHop.getPubKey(), now);
        if (target.isEmpty()) {
            return attempt.setFailure(Failure.newBuilder().setCode(Failure.FailureCode.UNKNOWN_NEXT_PEER)
                    .setFailureSourceIndex(hopCount - 1)).build();
        }
        double p = reliability.successProbability(lastHop.getPubKey(), target.get().dead(),
                target.get().maxEnabledChannelSat(), lastHop.getAmtToForwardMsat() / 1000);
        if (reliability.unit(hashHex, 13) < p) {
            return attempt.setFailure(Failure.newBuilder()
                    .setCode(Failure.FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS)
                    .setFailureSourceIndex(hopCount).setHtlcMsat(lastHop.getAmtToForwardMsat())).build();
        }
        int failing = 1 + (int) (reliability.unit(hashHex, 17) * (hopCount - 1));
        return attempt.setFailure(Failure.newBuilder().setCode(Failure.FailureCode.TEMPORARY_CHANNEL_FAILURE)
                .setFailureSourceIndex(Math.min(failing, hopCount - 1))).build();
    }
}
