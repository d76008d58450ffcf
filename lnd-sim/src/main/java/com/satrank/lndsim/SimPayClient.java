package com.satrank.lndsim;

import com.satrank.lndclient.LndChannels;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.sim.v1.PayInvoiceRequest;
import com.satrank.sim.v1.PayInvoiceResponse;
import com.satrank.sim.v1.SimControlGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** What {@code lnd-sim pay <bolt11>} does: asks a running sim to settle its invoice. */
public final class SimPayClient {
    private SimPayClient() {
    }

    /** Paid invoice: the preimage (proof of payment) and hash, hex. */
    public record Paid(String preimageHex, String paymentHashHex, long amountMsat) {
    }

    public static Paid pay(LndEndpoint endpoint, String paymentRequest) {
        ManagedChannel channel = LndChannels.open(endpoint);
        try {
            PayInvoiceResponse r = SimControlGrpc.newBlockingStub(channel)
                    .withCallCredentials(LndChannels.macaroon(endpoint.macaroonPath()))
                    .withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .payInvoice(PayInvoiceRequest.newBuilder().setPaymentRequest(paymentRequest).build());
            HexFormat hex = HexFormat.of();
            return new Paid(hex.formatHex(r.getPaymentPreimage().toByteArray()),
                    hex.formatHex(r.getPaymentHash().toByteArray()), r.getAmountMsat());
        } catch (StatusRuntimeException e) {
            throw new IllegalArgumentException("payment failed: " + e.getStatus().getDescription(), e);
        } finally {
            channel.shutdownNow();
        }
    }
}
