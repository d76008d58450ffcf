package com.satrank.lndsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.satrank.bolt11.Bolt11;
import com.satrank.bolt11.Bolt11Invoice;
import com.satrank.lndclient.LndChannels;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lnd.lnrpc.GetInfoRequest;
import com.satrank.lnd.lnrpc.Invoice;
import com.satrank.lnd.lnrpc.LightningGrpc;
import com.satrank.lnd.lnrpc.PaymentHash;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AddInvoice / LookupInvoice and the sim's pay call over real gRPC, invoices checked by our decoder. */
class SimInvoicesIT {
    @TempDir
    static Path dir;
    static LndSimServer sim;
    static ManagedChannel channel;

    @BeforeAll
    static void start() {
        sim = LndSimServer.start(new LndSimSettings("127.0.0.1", 0, dir, 4, 200, 600, null), Clock.systemUTC());
        channel = LndChannels.open(endpoint(SimMacaroons.INVOICE));
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        sim.close();
    }

    static LndEndpoint endpoint(String macaroon) {
        return new LndEndpoint("localhost", sim.port(), sim.tlsCertPath(), sim.macaroonPath(macaroon),
                Duration.ofSeconds(10));
    }

    static LightningGrpc.LightningBlockingStub stub(String macaroon) {
        return LightningGrpc.newBlockingStub(channel).withCallCredentials(LndChannels.macaroon(sim.macaroonPath(macaroon)));
    }

    @Test
    void invoice_is_a_real_bolt11_signed_by_the_node_key_and_settles_once_with_its_preimage() throws Exception {
        var added = stub(SimMacaroons.INVOICE).addInvoice(Invoice.newBuilder().setValue(21).setMemo("satrank l402")
                .setExpiry(600).build());
        Bolt11Invoice decoded = Bolt11.decode(added.getPaymentRequest());
        String nodeKey = stub(SimMacaroons.READONLY).getInfo(GetInfoRequest.getDefaultInstance()).getIdentityPubkey();
        assertThat(HexFormat.of().formatHex(decoded.payee())).isEqualTo(nodeKey);
        assertThat(decoded.amountMsat()).isEqualTo(21_000L);
        assertThat(decoded.paymentHash()).isEqualTo(added.getRHash().toByteArray());
        assertThat(decoded.description()).isEqualTo("satrank l402");
        assertThat(decoded.currency()).isEqualTo("sb");

        PaymentHash byHash = PaymentHash.newBuilder().setRHash(added.getRHash()).build();
        assertThat(stub(SimMacaroons.INVOICE).lookupInvoice(byHash).getState()).isEqualTo(Invoice.InvoiceState.OPEN);

        var paid = SimPayClient.pay(endpoint(SimMacaroons.PAY), added.getPaymentRequest());
        byte[] preimage = HexFormat.of().parseHex(paid.preimageHex());
        assertThat(MessageDigest.getInstance("SHA-256").digest(preimage)).isEqualTo(added.getRHash().toByteArray());
        assertThat(paid.amountMsat()).isEqualTo(21_000L);

        Invoice settled = stub(SimMacaroons.INVOICE).lookupInvoice(byHash);
        assertThat(settled.getState()).isEqualTo(Invoice.InvoiceState.SETTLED);
        assertThat(settled.getAmtPaidSat()).isEqualTo(21);
        assertThatThrownBy(() -> SimPayClient.pay(endpoint(SimMacaroons.PAY), added.getPaymentRequest()))
                .hasMessageContaining("already paid");
    }

    @Test
    void unknown_invoices_and_wrong_macaroons_are_refused() {
        assertThatThrownBy(() -> stub(SimMacaroons.INVOICE).lookupInvoice(PaymentHash.newBuilder()
                .setRHash(ByteString.copyFrom(new byte[32])).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).contains("unable to locate invoice"));
        assertThatThrownBy(() -> stub(SimMacaroons.READONLY).addInvoice(Invoice.newBuilder().setValue(1).build()))
                .hasMessageContaining("PERMISSION_DENIED");
        var added = stub(SimMacaroons.INVOICE).addInvoice(Invoice.newBuilder().setValue(5).build());
        assertThatThrownBy(() -> SimPayClient.pay(endpoint(SimMacaroons.INVOICE), added.getPaymentRequest()))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> SimPayClient.pay(endpoint(SimMacaroons.PAY), "lnbc1garbage"))
                .hasMessageContaining("invalid payment request");
    }
}
