package com.satrank.lndclient;

import com.google.protobuf.ByteString;
import com.satrank.lnd.lnrpc.Failure;
import com.satrank.lnd.lnrpc.HTLCAttempt;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.QueryRoutesRequest;
import com.satrank.lnd.lnrpc.QueryRoutesResponse;
import com.satrank.lnd.lnrpc.Route;
import com.satrank.lnd.routerrpc.RouterGrpc;
import com.satrank.lnd.routerrpc.SendToRouteRequest;
import com.satrank.model.Pubkey;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.Closeable;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
    private final LndEndpoint endpoint;
    private final LndStatus status;
    private final SecureRandom random = new SecureRandom();

    public ProbeClient(LndEndpoint readonly, java.nio.file.Path payMacaroon, LndStatus status) {
        this.endpoint = readonly;
        this.status = status;
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

        public long feeMsat() {
            return route.getTotalFeesMsat();
        }
    }

    /** What one payment probe showed. */
    public record ProbeResult(boolean reachedTarget, int failureCode, int failureHop, long latencyMs) {
    }

    /** Empty when LND has no path; {@link LndUnavailableException} when LND itself failed. */
    public Optional<ProbeRoute> queryRoutes(Pubkey target, long amountSat) {
        long start = System.nanoTime();
        try {
            QueryRoutesResponse r = lightning.withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .queryRoutes(QueryRoutesRequest.newBuilder().setPubKey(target.hex()).setAmt(amountSat)
                            .setUseMissionControl(true).build());
            status.recordSuccess("QueryRoutes", System.nanoTime() - start);
            return r.getRoutesCount() == 0 ? Optional.empty() : Optional.of(new ProbeRoute(r.getRoutes(0)));
        } catch (StatusRuntimeException e) {
            if (isNoPath(e)) {
                status.recordSuccess("QueryRoutes", System.nanoTime() - start);
                return Optional.empty();
            }
            status.recordFailure("QueryRoutes", e.getStatus().getCode().name());
            throw new LndUnavailableException("LND QueryRoutes failed: " + e.getStatus(), e);
        }
    }

    public ProbeResult sendProbe(ProbeRoute route) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        long start = System.nanoTime();
        try {
            HTLCAttempt attempt = router.withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .sendToRouteV2(SendToRouteRequest.newBuilder().setPaymentHash(ByteString.copyFrom(hash))
                            .setRoute(route.route).build());
            status.recordSuccess("SendToRouteV2", System.nanoTime() - start);
            long latencyMs = attempt.getResolveTimeNs() > attempt.getAttemptTimeNs()
                    ? (attempt.getResolveTimeNs() - attempt.getAttemptTimeNs()) / 1_000_000
                    : (System.nanoTime() - start) / 1_000_000;
            Failure f = attempt.getFailure();
            boolean reached = attempt.getStatus() == HTLCAttempt.HTLCStatus.FAILED
                    && f.getCode() == Failure.FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
                    && f.getFailureSourceIndex() == route.hops();
            return new ProbeResult(reached, f.getCodeValue(), f.getFailureSourceIndex(), latencyMs);
        } catch (StatusRuntimeException e) {
            status.recordFailure("SendToRouteV2", e.getStatus().getCode().name());
            throw new LndUnavailableException("LND SendToRouteV2 failed: " + e.getStatus(), e);
        }
    }

    static boolean isNoPath(StatusRuntimeException e) {
        String d = e.getStatus().getDescription();
        return e.getStatus().getCode() != Status.Code.UNAVAILABLE && d != null
                && (d.contains("unable to find a path") || d.contains("FAILURE_REASON_NO_ROUTE"));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
