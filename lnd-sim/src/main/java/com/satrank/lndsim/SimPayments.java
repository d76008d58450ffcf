package com.satrank.lndsim;

import com.google.protobuf.ByteString;
import com.satrank.bolt11.Bolt11;
import com.satrank.bolt11.Bolt11Exception;
import com.satrank.bolt11.Bolt11Invoice;
import com.satrank.lnd.lnrpc.SendRequest;
import com.satrank.lnd.lnrpc.SendResponse;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * SendPaymentSync of the sim: pays a BOLT 11 invoice over a route {@link SimRouting} finds. The
 * payment reaches the payee with the same hidden probability a probe of that amount has; a merchant
 * invoice then settles and the payee's preimage comes back. Errors read as LND's payment_error.
 */
final class SimPayments {
    private final SimRouting routing;
    private final SimMerchants merchants;
    private final InstantSource clock;

    SimPayments(SimRouting routing, SimMerchants merchants, InstantSource clock) {
        this.routing = routing;
        this.merchants = merchants;
        this.clock = clock;
    }

    SendResponse pay(SendRequest request) {
        Bolt11Invoice invoice;
        try {
            invoice = Bolt11.decode(request.getPaymentRequest());
        } catch (Bolt11Exception e) {
            throw new IllegalArgumentException("invalid payment request: " + e.getMessage(), e);
        }
        SendResponse.Builder answer = SendResponse.newBuilder()
                .setPaymentHash(ByteString.copyFrom(invoice.paymentHash()));
        if (!SimInvoices.CURRENCY.equals(invoice.currency())) {
            throw new IllegalArgumentException("invoice not for current active network 'simnet'");
        }
        if (invoice.isExpiredAt(clock.instant().getEpochSecond())) {
            return answer.setPaymentError("invoice expired").build();
        }
        long amountMsat = invoice.amountMsat() != null ? invoice.amountMsat() : request.getAmtMsat();
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amount must be specified when paying a zero amount invoice");
        }
        String payee = HexFormat.of().formatHex(invoice.payee());
        var route = routing.findRoute(payee, amountMsat);
        if (route.isEmpty()) {
            return answer.setPaymentError("unable to find a path to destination").build();
        }
        long feeLimitMsat = request.hasFeeLimit() ? feeLimitMsat(request, amountMsat) : Long.MAX_VALUE;
        if (route.get().getTotalFeesMsat() > feeLimitMsat) {
            return answer.setPaymentError("unable to find a path to destination within the fee limit").build();
        }
        var attempt = routing.probe(invoice.paymentHash(), route.get());
        boolean reached = attempt.getFailure().getCode()
                == com.satrank.lnd.lnrpc.Failure.FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS;
        if (!reached) {
            return answer.setPaymentError("TemporaryChannelFailure").build();
        }
        var known = merchants.invoice(invoice.paymentHash());
        if (known.isEmpty()) {
            return answer.setPaymentError("IncorrectOrUnknownPaymentDetails").build();
        }
        if (!merchants.settle(known.get())) {
            return answer.setPaymentError("invoice is already paid").build();
        }
        byte[] preimage = known.get().preimage();
        if (known.get().wrongPreimage()) {
            preimage = SimInvoices.sha256(preimage); // 32 bytes that do not hash to the payment hash
        }
        return answer.setPaymentPreimage(ByteString.copyFrom(preimage)).setPaymentRoute(route.get()).build();
    }

    private static long feeLimitMsat(SendRequest request, long amountMsat) {
        var limit = request.getFeeLimit();
        return switch (limit.getLimitCase()) {
            case FIXED -> limit.getFixed() * 1000;
            case FIXED_MSAT -> limit.getFixedMsat();
            case PERCENT -> amountMsat * limit.getPercent() / 100;
            case LIMIT_NOT_SET -> Long.MAX_VALUE;
        };
    }
}
