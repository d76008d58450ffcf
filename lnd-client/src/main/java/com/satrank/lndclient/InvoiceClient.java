package com.satrank.lndclient;

import com.satrank.lnd.lnrpc.AddInvoiceResponse;
import com.satrank.lnd.lnrpc.Invoice;
import com.satrank.lnd.lnrpc.LightningGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * AddInvoice with the invoice macaroon (invoices:write), used by serving for L402 challenges and
 * deposits and nowhere else. LND's types stay here: callers get the BOLT 11 string and the payment
 * hash. An LND failure is a {@link LndUnavailableException}, never an empty answer.
 */
public final class InvoiceClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub lightning;
    private final LndEndpoint endpoint;
    private final LndStatus status;

    /** What LND issued: the invoice to pay and its payment hash (32 bytes). */
    public record IssuedInvoice(String bolt11, byte[] paymentHash) {
    }

    public InvoiceClient(LndEndpoint endpoint, Path invoiceMacaroon, LndStatus status) {
        this.endpoint = endpoint;
        this.status = status;
        this.channel = LndChannels.open(endpoint);
        this.lightning = LightningGrpc.newBlockingStub(channel).withCallCredentials(LndChannels.macaroon(invoiceMacaroon));
    }

    public IssuedInvoice addInvoice(long amountSat, String memo, long expirySeconds) {
        long start = System.nanoTime();
        try {
            AddInvoiceResponse r = lightning.withDeadlineAfter(endpoint.deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .addInvoice(Invoice.newBuilder().setValue(amountSat).setMemo(memo).setExpiry(expirySeconds).build());
            status.recordSuccess("AddInvoice", System.nanoTime() - start);
            return new IssuedInvoice(r.getPaymentRequest(), r.getRHash().toByteArray());
        } catch (StatusRuntimeException e) {
            status.recordFailure("AddInvoice", e.getStatus().getCode().name());
            throw new LndUnavailableException("LND AddInvoice failed: " + e.getStatus(), e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
