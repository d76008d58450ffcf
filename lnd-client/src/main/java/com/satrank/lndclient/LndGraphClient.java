package com.satrank.lndclient;

import com.satrank.graph.GraphSnapshot;
import com.satrank.lnd.lnrpc.ChannelGraphRequest;
import com.satrank.lnd.lnrpc.GetInfoRequest;
import com.satrank.lnd.lnrpc.GetInfoResponse;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.model.Pubkey;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.Closeable;
import java.util.concurrent.TimeUnit;

/**
 * Graph reads over LND's Lightning service with the readonly macaroon. Each call has its own
 * deadline; every failure surfaces as {@link LndUnavailableException} and is recorded in
 * {@link LndStatus}.
 */
public final class LndGraphClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub stub;
    private final LndEndpoint endpoint;
    private final LndStatus status;

    public LndGraphClient(LndEndpoint endpoint, LndStatus status) {
        this.endpoint = endpoint;
        this.status = status;
        this.channel = LndChannels.open(endpoint);
        this.stub = LightningGrpc.newBlockingStub(channel)
                .withCallCredentials(LndChannels.macaroon(endpoint.macaroonPath()));
    }

    public LndInfo getInfo() {
        GetInfoResponse info = call("GetInfo", () -> deadlined().getInfo(GetInfoRequest.getDefaultInstance()));
        return new LndInfo(Pubkey.fromHex(info.getIdentityPubkey()), info.getAlias(), info.getVersion(),
                info.getBlockHeight(), info.getSyncedToGraph(), info.getNumActiveChannels());
    }

    /** The public graph (unannounced channels excluded), already mapped to our types. */
    public GraphSnapshot describeGraph() {
        var graph = call("DescribeGraph", () -> deadlined().describeGraph(
                ChannelGraphRequest.newBuilder().setIncludeUnannounced(false).build()));
        return new LndGraphMapper().toSnapshot(graph);
    }

    private LightningGrpc.LightningBlockingStub deadlined() {
        return stub.withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(String method, java.util.function.Supplier<T> rpc) {
        long start = System.nanoTime();
        try {
            T result = rpc.get();
            status.recordSuccess(method, System.nanoTime() - start);
            return result;
        } catch (StatusRuntimeException e) {
            status.recordFailure(method, e.getStatus().getCode().name());
            throw new LndUnavailableException("LND " + method + " failed: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : " (" + e.getStatus().getDescription() + ")"), e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
