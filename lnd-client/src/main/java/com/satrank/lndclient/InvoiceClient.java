package com.satrank.lndclient;

import com.satrank.model.Sat;

import com.satrank.lnd.lnrpc.AddInvoiceResponse;
import com.satrank.lnd.lnrpc.Invoice;
import com.satrank.lnd.lnrpc.LightningGrpc;
import io.grpc.ManagedChannel;
import java.io.Closeable;
import java.nio.file.Path;

/**
 * AddInvoice with the invoice macaroon (invoices:write), used by serving for L402 challenges and
 * deposits and nowhere else. LND's types stay here: callers get the BOLT 11 string and the payment
 * hash. An LND failure is a {@link LndUnavailableException}, never an empty answer.
 */
public final class InvoiceClient implements Closeable {
    private final ManagedChannel channel;
    private final LightningGrpc.LightningBlockingStub lightning;
    private final LndCalls calls;

    /** What LND issued: the invoice to pay and its payment hash (32 bytes). */
    public record IssuedInvoice(String bolt11, byte[] paymentHash) {
    }

    public InvoiceClient(LndEndpoint endpoint, Path invoiceMacaroon, LndStatus status) {
        this.calls = new LndCalls(endpoint, status);
        this.channel = LndChannels.open(endpoint);
        this.lightning = LightningGrpc.newBlockingStub(channel).withCallCredentials(LndChannels.macaroon(invoiceMacaroon));
    }

    public IssuedInvoice addInvoice(Sat amount, String memo, long expirySeconds) {
        AddInvoiceResponse r = calls.call("AddInvoice", () -> calls.deadlined(lightning).addInvoice(
                Invoice.newBuilder().setValue(amount.value()).setMemo(memo).setExpiry(expirySeconds).build()));
        return new IssuedInvoice(r.getPaymentRequest(), r.getRHash().toByteArray());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
