package com.satrank.lndclient;

import com.satrank.graph.GraphSnapshot;
import com.satrank.lnd.lnrpc.ChannelGraphRequest;
import com.satrank.lnd.lnrpc.GetInfoRequest;
import com.satrank.lnd.lnrpc.GetInfoResponse;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.model.Pubkey;
import io.grpc.ManagedChannel;
import java.io.Closeable;

/**
 * Graph reads over LND's Lightning service with the readonly macaroon. Each call has its own
 * deadline; every failure surfaces as {@link LndUnavailableException} and is recorded in
 * {@link LndStatus}.
 */
public final class LndGraphClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub stub;
    private final LndCalls calls;

    public LndGraphClient(LndEndpoint endpoint, LndStatus status) {
        this.calls = new LndCalls(endpoint, status);
        this.channel = LndChannels.open(endpoint);
        this.stub = LightningGrpc.newBlockingStub(channel)
                .withCallCredentials(LndChannels.macaroon(endpoint.macaroonPath()));
    }

    public LndInfo getInfo() {
        GetInfoResponse info = calls.call("GetInfo", () -> calls.deadlined(stub).getInfo(GetInfoRequest.getDefaultInstance()));
        return new LndInfo(Pubkey.fromHex(info.getIdentityPubkey()), info.getAlias(), info.getVersion(),
                info.getBlockHeight(), info.getSyncedToGraph(), info.getNumActiveChannels());
    }

    /** The public graph (unannounced channels excluded), already mapped to our types. */
    public GraphSnapshot describeGraph() {
        var graph = calls.call("DescribeGraph", () -> calls.deadlined(stub).describeGraph(
                ChannelGraphRequest.newBuilder().setIncludeUnannounced(false).build()));
        return new LndGraphMapper().toSnapshot(graph);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
