package com.satrank.lndsim;

import com.satrank.lnd.lnrpc.ChannelGraph;
import com.satrank.lnd.lnrpc.ChannelGraphRequest;
import com.satrank.lnd.lnrpc.GetInfoRequest;
import com.satrank.lnd.lnrpc.GetInfoResponse;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.NodeInfo;
import com.satrank.lnd.lnrpc.NodeInfoRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.InstantSource;
import java.util.HexFormat;

/** The Lightning service of the simulated LND: answers from {@link SimGraph} at the clock's time. */
final class SimLightningService extends LightningGrpc.LightningImplBase {
    private final SimGraph graph;
    private final SimIdentity identity;
    private final InstantSource clock;
    private final int genesisBlockHeight;

    SimLightningService(SimGraph graph, SimIdentity identity, InstantSource clock, int blockHeight) {
        this.graph = graph;
        this.identity = identity;
        this.clock = clock;
        this.genesisBlockHeight = blockHeight;
    }

    @Override
    public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
        String pubkey = HexFormat.of().formatHex(identity.publicKey());
        // A block every ten minutes of simulated time.
        int height = genesisBlockHeight + (int) (clock.instant().getEpochSecond() / 600 % 100_000);
        response.onNext(GetInfoResponse.newBuilder()
                .setVersion("0.19.0-beta commit=lnd-sim")
                .setCommitHash("lnd-sim")
                .setIdentityPubkey(pubkey)
                .setAlias("satrank-sim-lnd")
                .setColor("#f7931a")
                .setNumActiveChannels(graph.channelCountOf(pubkey))
                .setNumPeers(graph.channelCountOf(pubkey))
                .setBlockHeight(height)
                .setSyncedToChain(true)
                .setSyncedToGraph(true)
                .addChains(com.satrank.lnd.lnrpc.Chain.newBuilder().setChain("bitcoin").setNetwork("simnet"))
                .build());
        response.onCompleted();
    }

    @Override
    public void describeGraph(ChannelGraphRequest request, StreamObserver<ChannelGraph> response) {
        response.onNext(graph.describe(clock.instant()));
        response.onCompleted();
    }

    @Override
    public void getNodeInfo(NodeInfoRequest request, StreamObserver<NodeInfo> response) {
        graph.nodeInfo(request.getPubKey(), request.getIncludeChannels(), clock.instant()).ifPresentOrElse(
                info -> {
                    response.onNext(info);
                    response.onCompleted();
                },
                () -> response.onError(Status.NOT_FOUND.withDescription("unable to find node").asRuntimeException()));
    }
}
