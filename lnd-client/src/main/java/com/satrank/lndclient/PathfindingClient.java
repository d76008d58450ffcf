package com.satrank.lndclient;

import com.satrank.model.Sat;

import com.satrank.model.Msat;

import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.QueryRoutesRequest;
import com.satrank.model.Pubkey;
import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.util.Optional;

/**
 * QueryRoutes from a caller's node to a target (readonly macaroon), for GO/NO-GO answers: does
 * the graph LND knows hold a path from there, how long, at what fee. Empty when there is none;
 * {@link LndUnavailableException} when LND itself failed.
 */
public final class PathfindingClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub lightning;
    private final LndCalls calls;

    /** The best route LND found. */
    public record RouteSummary(int hops, Msat fee) {
    }

    public PathfindingClient(LndEndpoint readonly, LndStatus status) {
        this.calls = new LndCalls(readonly, status);
        this.channel = LndChannels.open(readonly);
        this.lightning = LightningGrpc.newBlockingStub(channel)
                .withCallCredentials(LndChannels.macaroon(readonly.macaroonPath()));
    }

    /** @param source the payer's node, or null for our own node (LND's default source) */
    public Optional<RouteSummary> route(Pubkey source, Pubkey target, Sat amount) {
        QueryRoutesRequest.Builder request = QueryRoutesRequest.newBuilder().setPubKey(target.hex()).setAmt(amount.value());
        if (source != null) {
            request.setSourcePubKey(source.hex());
        }
        return LndRoutes.best(calls, lightning, request.build())
                .map(route -> new RouteSummary(route.getHopsCount(), new Msat(route.getTotalFeesMsat())));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
