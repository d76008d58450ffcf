package com.satrank.lndsim;

import com.google.protobuf.ByteString;
import com.satrank.lnd.lnrpc.AddInvoiceResponse;
import com.satrank.lnd.lnrpc.ChannelGraph;
import com.satrank.lnd.lnrpc.ChannelGraphRequest;
import com.satrank.lnd.lnrpc.GetInfoRequest;
import com.satrank.lnd.lnrpc.GetInfoResponse;
import com.satrank.lnd.lnrpc.Invoice;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.NodeInfo;
import com.satrank.lnd.lnrpc.NodeInfoRequest;
import com.satrank.lnd.lnrpc.PaymentHash;
import com.satrank.lnd.lnrpc.QueryRoutesRequest;
import com.satrank.lnd.lnrpc.QueryRoutesResponse;
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
    private final SimInvoices invoices;
    private final SimRouting routing;
    private final SimPayments payments;

    SimLightningService(SimGraph graph, SimIdentity identity, InstantSource clock, int blockHeight,
                        SimInvoices invoices, SimRouting routing, SimPayments payments) {
        this.payments = payments;
        this.invoices = invoices;
        this.routing = routing;
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

    @Override
    public void queryRoutes(QueryRoutesRequest request, StreamObserver<QueryRoutesResponse> response) {
        long msat = request.getAmtMsat() != 0 ? request.getAmtMsat() : request.getAmt() * 1000L;
        if (msat <= 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("amount must be positive").asRuntimeException());
            return;
        }
        routing.findRoute(request.getPubKey(), msat).ifPresentOrElse(route -> {
            response.onNext(QueryRoutesResponse.newBuilder().addRoutes(route).setSuccessProb(0.5).build());
            response.onCompleted();
        }, () -> response.onError(Status.UNKNOWN.withDescription("unable to find a path to destination")
                .asRuntimeException()));
    }

    @Override
    public void addInvoice(Invoice request, StreamObserver<AddInvoiceResponse> response) {
        long msat = request.getValueMsat() != 0 ? request.getValueMsat() : request.getValue() * 1000L;
        if (request.getValue() != 0 && request.getValueMsat() != 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("value and value_msat are mutually exclusive")
                    .asRuntimeException());
            return;
        }
        try {
            var entry = invoices.add(msat, request.getMemo(), request.getExpiry(),
                    request.getRPreimage().isEmpty() ? null : request.getRPreimage().toByteArray());
            response.onNext(AddInvoiceResponse.newBuilder()
                    .setRHash(ByteString.copyFrom(entry.paymentHash()))
                    .setPaymentRequest(entry.paymentRequest())
                    .setAddIndex(entry.addIndex())
                    .setPaymentAddr(ByteString.copyFrom(entry.paymentAddr()))
                    .build());
            response.onCompleted();
        } catch (IllegalArgumentException | IllegalStateException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void lookupInvoice(PaymentHash request, StreamObserver<Invoice> response) {
        byte[] hash = request.getRHash().isEmpty() && !request.getRHashStr().isEmpty()
                ? parseHex(request.getRHashStr()) : request.getRHash().toByteArray();
        if (hash == null || hash.length != 32) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("payment hash must be 32 bytes")
                    .asRuntimeException());
            return;
        }
        invoices.lookup(hash).ifPresentOrElse(e -> {
            response.onNext(Invoice.newBuilder()
                    .setMemo(e.memo())
                    .setRPreimage(ByteString.copyFrom(e.preimage()))
                    .setRHash(ByteString.copyFrom(e.paymentHash()))
                    .setValue(e.valueMsat() / 1000)
                    .setValueMsat(e.valueMsat())
                    .setSettled(e.settled())
                    .setCreationDate(e.createdAt())
                    .setSettleDate(e.settledAt())
                    .setPaymentRequest(e.paymentRequest())
                    .setExpiry(e.expirySeconds())
                    .setCltvExpiry(40)
                    .setAddIndex(e.addIndex())
                    .setSettleIndex(e.settleIndex())
                    .setAmtPaidSat(e.amountPaidMsat() / 1000)
                    .setAmtPaidMsat(e.amountPaidMsat())
                    .setState(e.settled() ? Invoice.InvoiceState.SETTLED : Invoice.InvoiceState.OPEN)
                    .build());
            response.onCompleted();
        }, () -> response.onError(Status.NOT_FOUND.withDescription("unable to locate invoice").asRuntimeException()));
    }

    private static byte[] parseHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void sendPaymentSync(com.satrank.lnd.lnrpc.SendRequest request,
                                StreamObserver<com.satrank.lnd.lnrpc.SendResponse> response) {
        try {
            response.onNext(payments.pay(request));
            response.onCompleted();
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }
}
