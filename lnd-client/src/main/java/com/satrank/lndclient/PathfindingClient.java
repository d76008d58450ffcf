package com.satrank.lndclient;

import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.QueryRoutesRequest;
import com.satrank.lnd.lnrpc.QueryRoutesResponse;
import com.satrank.model.Pubkey;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.Closeable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * QueryRoutes from a caller's node to a target (readonly macaroon), for GO/NO-GO answers: does
 * the graph LND knows hold a path from there, how long, at what fee. Empty when there is none;
 * {@link LndUnavailableException} when LND itself failed.
 */
public final class PathfindingClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub lightning;
    private final LndEndpoint endpoint;
    private final LndStatus status;

    /** The best route LND found. */
    public record RouteSummary(int hops, long feeMsat) {
    }

    public PathfindingClient(LndEndpoint readonly, LndStatus status) {
        this.endpoint = readonly;
        this.status = status;
        this.channel = LndChannels.open(readonly);
        this.lightning = LightningGrpc.newBlockingStub(channel)
                .withCallCredentials(LndChannels.macaroon(readonly.macaroonPath()));
    }

    public Optional<RouteSummary> route(Pubkey source, Pubkey target, long amountSat) {
        long start = System.nanoTime();
        try {
            QueryRoutesResponse r = lightning.withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .queryRoutes(QueryRoutesRequest.newBuilder().setPubKey(target.hex()).setSourcePubKey(source.hex())
                            .setAmt(amountSat).build());
            status.recordSuccess("QueryRoutes", System.nanoTime() - start);
            return r.getRoutesCount() == 0 ? Optional.empty()
                    : Optional.of(new RouteSummary(r.getRoutes(0).getHopsCount(), r.getRoutes(0).getTotalFeesMsat()));
        } catch (StatusRuntimeException e) {
            if (ProbeClient.isNoPath(e)) {
                status.recordSuccess("QueryRoutes", System.nanoTime() - start);
                return Optional.empty();
            }
            status.recordFailure("QueryRoutes", e.getStatus().getCode().name());
            throw new LndUnavailableException("LND QueryRoutes failed: " + e.getStatus(), e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
