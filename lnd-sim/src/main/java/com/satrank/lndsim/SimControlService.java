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

    SimControlService(SimInvoices invoices) {
        this.invoices = invoices;
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
