package com.satrank.lndclient;

import com.satrank.model.Sat;

import com.satrank.model.Msat;

import com.google.protobuf.ByteString;
import com.satrank.lnd.lnrpc.Failure;
import com.satrank.lnd.lnrpc.HTLCAttempt;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.QueryRoutesRequest;
import com.satrank.lnd.lnrpc.Route;
import com.satrank.lnd.routerrpc.RouterGrpc;
import com.satrank.lnd.routerrpc.SendToRouteRequest;
import com.satrank.model.Pubkey;
import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The two probe calls: QueryRoutes (readonly macaroon: does LND's graph have a path?) and
 * SendToRouteV2 with a random payment hash (pay macaroon, used nowhere else: does liquidity reach
 * the target?). The hash can never settle, so a final-hop INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
 * means the HTLC arrived: a success. LND's route stays inside {@link ProbeRoute}.
 */
public final class ProbeClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub lightning;
    private final RouterGrpc.RouterBlockingStub router;
    private final LndCalls calls;
    private final SecureRandom random = new SecureRandom();

    public ProbeClient(LndEndpoint readonly, java.nio.file.Path payMacaroon, LndStatus status) {
        this.calls = new LndCalls(readonly, status);
        this.channel = LndChannels.open(readonly);
        this.lightning = LightningGrpc.newBlockingStub(channel)
                .withCallCredentials(LndChannels.macaroon(readonly.macaroonPath()));
        this.router = RouterGrpc.newBlockingStub(channel).withCallCredentials(LndChannels.macaroon(payMacaroon));
    }

    /** A route LND found, opaque outside this adapter. */
    public static final class ProbeRoute {
        private final Route route;

        ProbeRoute(Route route) {
            this.route = route;
        }

        public int hops() {
            return route.getHopsCount();
        }

        public Msat fee() {
            return new Msat(route.getTotalFeesMsat());
        }
    }

    /** What one payment probe showed. */
    public record ProbeResult(boolean reachedTarget, int failureCode, int failureHop, long latencyMs) {
    }

    /** Empty when LND has no path; {@link LndUnavailableException} when LND itself failed. */
    public Optional<ProbeRoute> queryRoutes(Pubkey target, Sat amount) {
        return LndRoutes.best(calls, lightning, QueryRoutesRequest.newBuilder().setPubKey(target.hex())
                .setAmt(amount.value()).setUseMissionControl(true).build()).map(ProbeRoute::new);
    }

    public ProbeResult sendProbe(ProbeRoute route) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        long start = System.nanoTime();
        HTLCAttempt attempt = calls.call("SendToRouteV2", () -> calls.deadlined(router).sendToRouteV2(
                SendToRouteRequest.newBuilder().setPaymentHash(ByteString.copyFrom(hash)).setRoute(route.route).build()));
        long latencyMs = attempt.getResolveTimeNs() > attempt.getAttemptTimeNs()
                ? (attempt.getResolveTimeNs() - attempt.getAttemptTimeNs()) / 1_000_000
                : (System.nanoTime() - start) / 1_000_000;
        Failure f = attempt.getFailure();
        boolean reached = attempt.getStatus() == HTLCAttempt.HTLCStatus.FAILED
                && f.getCode() == Failure.FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
                && f.getFailureSourceIndex() == route.hops();
        return new ProbeResult(reached, f.getCodeValue(), f.getFailureSourceIndex(), latencyMs);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
