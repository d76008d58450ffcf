package com.satrank.lndclient;

import com.satrank.lnd.lnrpc.FeeLimit;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.SendRequest;
import com.satrank.lnd.lnrpc.SendResponse;
import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pays BOLT 11 invoices through LND's SendPaymentSync with the pay macaroon (the paid endpoint
 * probes' only way to spend). A payment LND could not make comes back as a {@link Payment} with
 * its payment_error; LND itself failing is {@link LndUnavailableException}, and a payment whose
 * outcome is unknown (deadline passed) is too, since sats may have left.
 */
public final class PaymentClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub lightning;
    private final LndCalls calls;

    /** What LND answered: the preimage when paid, else LND's error text; fees paid in msat. */
    public record Payment(byte[] preimage, String error, long feeMsat) {
        public boolean paid() {
            return error.isEmpty() && preimage.length == 32;
        }
    }

    public PaymentClient(LndEndpoint endpoint, Path payMacaroon, LndStatus status) {
        this.calls = new LndCalls(endpoint, status);
        this.channel = LndChannels.open(endpoint);
        this.lightning = LightningGrpc.newBlockingStub(channel).withCallCredentials(LndChannels.macaroon(payMacaroon));
    }

    public Payment pay(String paymentRequest, long feeLimitSat, Duration timeout) {
        SendResponse answer = calls.call("SendPaymentSync", () -> lightning
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .sendPaymentSync(SendRequest.newBuilder().setPaymentRequest(paymentRequest)
                        .setFeeLimit(FeeLimit.newBuilder().setFixed(feeLimitSat)).build()));
        return new Payment(answer.getPaymentPreimage().toByteArray(), answer.getPaymentError(),
                answer.getPaymentRoute().getTotalFeesMsat());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
