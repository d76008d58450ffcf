package com.satrank.l402sim;

import com.google.protobuf.ByteString;
import com.satrank.lndclient.LndChannels;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.sim.v1.ListMerchantsRequest;
import com.satrank.sim.v1.MerchantInvoiceRequest;
import com.satrank.sim.v1.PaymentTruthRequest;
import com.satrank.sim.v1.SimControlGrpc;
import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The economy's view of lnd-sim over gRPC: which graph nodes it may bill as, invoices signed by
 * them, and (for the truth export only) the hidden payment probability.
 */
public final class MerchantClient implements Closeable {
    private final ManagedChannel channel;
    private final SimControlGrpc.SimControlBlockingStub stub;
    private final long deadlineMs;

    public MerchantClient(LndEndpoint endpoint) {
        this.channel = LndChannels.open(endpoint);
        this.stub = SimControlGrpc.newBlockingStub(channel).withCallCredentials(LndChannels.macaroon(endpoint.macaroonPath()));
        this.deadlineMs = endpoint.deadline().toMillis();
    }

    public List<String> merchants() {
        return deadline().listMerchants(ListMerchantsRequest.getDefaultInstance()).getPubkeysList().stream()
                .map(b -> HexFormat.of().formatHex(b.toByteArray())).toList();
    }

    /** A BOLT 11 invoice from {@code payee}; see simcontrol.proto for the overrides. */
    public String invoice(String payee, long sats, String memo, long createdAtOrZero, String currencyOrEmpty,
                          boolean wrongPreimage) {
        return deadline().addMerchantInvoice(MerchantInvoiceRequest.newBuilder()
                .setMerchantPubkey(ByteString.copyFrom(HexFormat.of().parseHex(payee)))
                .setValueMsat(sats * 1000).setMemo(memo).setExpirySeconds(600).setCreatedAt(createdAtOrZero)
                .setCurrency(currencyOrEmpty).setWrongPreimage(wrongPreimage).build()).getPaymentRequest();
    }

    public double paymentTruth(String payee, long sats) {
        return deadline().paymentTruth(PaymentTruthRequest.newBuilder()
                .setPubkey(ByteString.copyFrom(HexFormat.of().parseHex(payee))).setAmountSat(sats).build()).getProbability();
    }

    private SimControlGrpc.SimControlBlockingStub deadline() {
        return stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
