package com.satrank.lndsim;

import com.google.protobuf.ByteString;
import com.satrank.sim.v1.PayInvoiceRequest;
import com.satrank.sim.v1.PayInvoiceResponse;
import com.satrank.sim.v1.SimControlGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Sim-only calls: paying one of the sim's own invoices, as a wallet would. */
final class SimControlService extends SimControlGrpc.SimControlImplBase {
    private final SimInvoices invoices;
    private final SimMerchants merchants;

    private final java.util.function.ToDoubleBiFunction<String, Long> truth;

    SimControlService(SimInvoices invoices, SimMerchants merchants,
                      java.util.function.ToDoubleBiFunction<String, Long> truth) {
        this.invoices = invoices;
        this.merchants = merchants;
        this.truth = truth;
    }

    @Override
    public void paymentTruth(com.satrank.sim.v1.PaymentTruthRequest request,
                             StreamObserver<com.satrank.sim.v1.PaymentTruthResponse> response) {
        double p = truth.applyAsDouble(java.util.HexFormat.of().formatHex(request.getPubkey().toByteArray()),
                request.getAmountSat());
        response.onNext(com.satrank.sim.v1.PaymentTruthResponse.newBuilder().setProbability(p).build());
        response.onCompleted();
    }

    @Override
    public void listMerchants(com.satrank.sim.v1.ListMerchantsRequest request,
                              StreamObserver<com.satrank.sim.v1.ListMerchantsResponse> response) {
        var list = com.satrank.sim.v1.ListMerchantsResponse.newBuilder();
        merchants.pubkeys().forEach(k -> list.addPubkeys(ByteString.copyFrom(k)));
        response.onNext(list.build());
        response.onCompleted();
    }

    @Override
    public void addMerchantInvoice(com.satrank.sim.v1.MerchantInvoiceRequest request,
                                   StreamObserver<com.satrank.sim.v1.MerchantInvoiceResponse> response) {
        try {
            String request11 = merchants.issue(java.util.HexFormat.of().formatHex(request.getMerchantPubkey().toByteArray()),
                    request.getValueMsat(), request.getMemo(), request.getExpirySeconds(), request.getCreatedAt(),
                    request.getCurrency(), request.getWrongPreimage());
            var decoded = com.satrank.bolt11.Bolt11.decode(request11);
            response.onNext(com.satrank.sim.v1.MerchantInvoiceResponse.newBuilder().setPaymentRequest(request11)
                    .setPaymentHash(ByteString.copyFrom(decoded.paymentHash())).build());
            response.onCompleted();
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void payInvoice(PayInvoiceRequest request, StreamObserver<PayInvoiceResponse> response) {
        try {
            var paid = invoices.pay(request.getPaymentRequest(), request.getAmtMsat());
            response.onNext(PayInvoiceResponse.newBuilder()
                    .setPaymentPreimage(ByteString.copyFrom(paid.preimage()))
                    .setPaymentHash(ByteString.copyFrom(paid.paymentHash()))
                    .setAmountMsat(paid.amountPaidMsat())
                    .build());
            response.onCompleted();
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (IllegalStateException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        }
    }
}
