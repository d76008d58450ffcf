package com.satrank.ingest.services;

import com.google.protobuf.ByteString;
import com.satrank.bolt11.Bolt11Invoice;
import com.satrank.events.v1.EndpointPaymentSpent;
import com.satrank.events.v1.EndpointProbed;
import com.satrank.events.v1.Event;
import com.satrank.ingest.config.ServicesConfig;
import com.satrank.ingest.http.SafeHttp;
import com.satrank.lndclient.LndUnavailableException;
import com.satrank.lndclient.PaymentClient;
import com.satrank.log.EventAppender;
import com.satrank.model.EndpointUrl;
import com.satrank.model.Msat;
import com.satrank.model.Sha256;
import com.satrank.services.BodyQuality;
import com.satrank.services.InvoiceCheck;
import com.satrank.services.L402Challenge;
import com.satrank.services.catalog.EndpointProbes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five stages of one probe of one endpoint, each outcome appended to the endpoints log: free
 * checks (stages 1–2: a real challenge, a payable invoice) and, when paying, stages 3–5 (pay the
 * invoice through LND within {@link SpendingBudget}, check that sha256(preimage) is the invoice's
 * payment hash — a mismatch is a payment failure —, re-request with the L402 credential, judge
 * delivery and body quality). What happened is also written to a {@link Trace}, which is what an
 * agent who paid for a probe is shown. Used by the scheduled prober and by on-demand probes.
 */
public final class StageProbe {
    private static final Logger LOG = LoggerFactory.getLogger(StageProbe.class);
    static final Map<String, String> ACCEPT = Map.of("Accept", "application/json, */*;q=0.5");
    private static final int PREVIEW_CHARS = 256;

    /** What is probed: the URL (as listed), the method, the price its registry advertises (0 when unknown). */
    public record Target(EndpointUrl url, String method, long advertisedPriceSats) {
    }

    /** A challenge that passed stages 1 and 2. */
    record Challenge(L402Challenge challenge, Bolt11Invoice invoice) {
    }

    private final ServicesConfig config;
    private final SafeHttp http;
    private final EventAppender endpoints;
    private final InvoiceCheck invoices;
    private final PaymentClient payments;
    private final Supplier<byte[]> ownPubkey;
    private final SpendingBudget budget;
    private final ServiceMetrics metrics;
    private final Consumer<String> paymentAttempted;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param payments         null: stages 3–5 are never run
     * @param paymentAttempted told the url_hash of each payment stage recorded
     */
    public StageProbe(ServicesConfig config, SafeHttp http, EventAppender endpoints, PaymentClient payments,
                      Supplier<byte[]> ownPubkey, SpendingBudget budget, ServiceMetrics metrics,
                      Consumer<String> paymentAttempted, InstantSource clock) {
        this.config = config;
        this.http = http;
        this.endpoints = endpoints;
        this.invoices = new InvoiceCheck(config.invoiceNetwork());
        this.payments = payments;
        this.ownPubkey = ownPubkey;
        this.budget = budget;
        this.metrics = metrics;
        this.paymentAttempted = paymentAttempted;
        this.clock = clock;
    }

    boolean canPay() {
        return payments != null;
    }

    /** What one probe saw, stage by stage, in the shape of the reference's /api/probe answer. */
    public static final class Trace {
        String target = "UNREACHABLE";
        EndpointProbes.Fetch first;
        EndpointProbes.Challenge challenge;
        EndpointProbes.Payment payment;
        EndpointProbes.Fetch second;

        EndpointProbes.ProbeReport report(EndpointUrl url, long totalMs) {
            return new EndpointProbes.ProbeReport(url.url(), url.hash(), target, first, challenge, payment, second, totalMs);
        }
    }

    /** Stages 1–2 on a fresh request; the challenge when both passed. */
    Optional<Challenge> freeCheck(Target e, String probeId, String tier, Trace trace) {
        SafeHttp.Answer answer = http.request(e.method(), e.url().url(), ACCEPT, config.checkTimeout());
        Optional<L402Challenge> challenge = answer.status() == 402
                ? L402Challenge.parse(answer.header("www-authenticate")) : Optional.empty();
        String outcome = answer.failure() == SafeHttp.Failure.UNSAFE ? "refused_unsafe"
                : answer.status() == 0 ? "host_unreachable"
                : challenge.isPresent() ? "l402_challenge_ok"
                : answer.status() == 402 ? "l402_challenge_unparseable" : "http_" + answer.status();
        trace.first = new EndpointProbes.Fetch(answer.status() == 0 ? null : answer.status(), answer.latencyMs(),
                answer.status() == 0 ? answer.reason() : null, null, null, null);
        trace.target = answer.status() == 0 ? "UNREACHABLE" : challenge.isPresent() ? "L402" : "NOT_L402";
        probed(e, EndpointProbed.Stage.CHALLENGE, challenge.isPresent(), outcome, answer.latencyMs(), 0,
                answer.status(), probeId, tier);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        var check = invoices.check(challenge.get().invoice(), e.advertisedPriceSats(), clock.instant().getEpochSecond());
        check.invoice().ifPresent(inv -> trace.challenge = new EndpointProbes.Challenge(
                challenge.get().macaroon().length(), inv.amountMsat() == null ? null : new Msat(inv.amountMsat()).toSatCeil(),
                HexFormat.of().formatHex(inv.paymentHash())));
        probed(e, EndpointProbed.Stage.INVOICE, check.valid(), check.outcome(), 0, 0, 0, probeId, tier);
        return check.valid() ? Optional.of(new Challenge(challenge.get(), check.invoice().orElseThrow())) : Optional.empty();
    }

    /** All five stages: a fresh challenge, then pay, check the preimage, fetch with the credential, judge the body. */
    void paidProbe(Target e, String tier, Trace trace) {
        String probeId = probeId();
        Optional<Challenge> fresh = freeCheck(e, probeId, tier, trace);
        if (fresh.isEmpty() || payments == null) {
            return;
        }
        Bolt11Invoice invoice = fresh.get().invoice();
        String hashHex = HexFormat.of().formatHex(invoice.paymentHash());
        long amount = invoice.amountMsat() == null ? 0 : new Msat(invoice.amountMsat()).toSatCeil();
        if (amount <= 0 || amount > config.maxSatsPerProbe()) {
            trace.payment = new EndpointProbes.Payment(hashHex, null, "invoice amount " + amount
                    + " sats is outside 1.." + config.maxSatsPerProbe(), 0);
            return;
        }
        if (MessageDigest.isEqual(invoice.payee(), ownPubkey.get())) {
            trace.payment = new EndpointProbes.Payment(hashHex, null, "the invoice is our own node's", 0);
            return; // no evidence to gain from paying ourselves
        }
        SpendingBudget.Reservation[] held = new SpendingBudget.Reservation[1];
        var refusal = budget.tryReserve(amount + config.feeLimitSats(), r -> held[0] = r);
        if (refusal.isPresent()) {
            String reason = refusal.get().name().toLowerCase(Locale.ROOT);
            metrics.refused(reason);
            trace.payment = new EndpointProbes.Payment(hashHex, null, "spending budget: " + reason, 0);
            return;
        }
        PaymentClient.Payment payment;
        long started = System.nanoTime();
        try {
            payment = payments.pay(invoice.raw(), config.feeLimitSats(), config.paymentTimeout());
        } catch (LndUnavailableException ex) {
            // Our LND failed, not the endpoint: no stage evidence. The sats may have left, so the
            // whole reservation counts as spent.
            budget.settle(held[0], amount + config.feeLimitSats());
            spent(e, amount, config.feeLimitSats() * 1000, invoice.paymentHash(), probeId);
            LOG.warn("paid probe of {}: LND failed ({})", e.url().url(), ex.getMessage());
            trace.payment = new EndpointProbes.Payment(hashHex, null, "our LND failed: " + ex.getMessage(),
                    (System.nanoTime() - started) / 1_000_000);
            return;
        }
        long payMs = (System.nanoTime() - started) / 1_000_000;
        if (!payment.error().isEmpty() || payment.preimage().length == 0) {
            budget.settle(held[0], 0);
            String failure = paymentFailure(payment.error());
            probed(e, EndpointProbed.Stage.PAYMENT, false, failure, payMs, 0, 0, probeId, tier);
            trace.payment = new EndpointProbes.Payment(hashHex, null, failure, payMs);
            return;
        }
        long feeSats = new Msat(payment.feeMsat()).toSatCeil();
        budget.settle(held[0], amount + feeSats);
        spent(e, amount, payment.feeMsat(), invoice.paymentHash(), probeId);
        String preimage = HexFormat.of().formatHex(payment.preimage());
        if (!MessageDigest.isEqual(Sha256.of(payment.preimage()), invoice.paymentHash())) {
            probed(e, EndpointProbed.Stage.PAYMENT, false, "pay_preimage_mismatch", payMs, amount, 0, probeId, tier);
            trace.payment = new EndpointProbes.Payment(hashHex, preimage, "pay_preimage_mismatch", payMs);
            return;
        }
        probed(e, EndpointProbed.Stage.PAYMENT, true, "pay_ok", payMs, amount, 0, probeId, tier);
        trace.payment = new EndpointProbes.Payment(hashHex, preimage, null, payMs);
        Map<String, String> headers = new HashMap<>(ACCEPT);
        headers.put("Authorization", fresh.get().challenge().scheme() + " " + fresh.get().challenge().macaroon() + ":"
                + preimage);
        SafeHttp.Answer answer = http.request(e.method(), e.url().url(), headers, config.deliveryTimeout());
        int s = answer.status();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        trace.second = new EndpointProbes.Fetch(s == 0 ? null : s, answer.latencyMs(), s == 0 ? answer.reason() : null,
                body.length, HexFormat.of().formatHex(Sha256.of(body)), preview(answer));
        String delivery = s >= 200 && s < 300 ? (answer.body().trim().length() >= 10 ? "delivery_ok" : "empty_body")
                : s >= 400 && s < 500 ? "http_4xx" : s >= 500 ? "http_5xx" : "other";
        boolean delivered = delivery.equals("delivery_ok");
        probed(e, EndpointProbed.Stage.DELIVERY, delivered, delivery, answer.latencyMs(), 0, s, probeId, tier);
        if (delivered) {
            String quality = BodyQuality.judge(answer.body());
            probed(e, EndpointProbed.Stage.QUALITY, quality.equals("quality_ok"), quality, 0, 0, s, probeId, tier);
        }
    }

    /** The first characters of a text body, control characters shown as dots; empty for binary content. */
    static String preview(SafeHttp.Answer answer) {
        String type = answer.header("content-type");
        if (type != null && !(type.startsWith("text/") || type.contains("json") || type.contains("xml"))) {
            return "";
        }
        String head = answer.body().length() > PREVIEW_CHARS ? answer.body().substring(0, PREVIEW_CHARS) : answer.body();
        StringBuilder out = new StringBuilder(head.length());
        head.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '.' : c));
        return out.toString();
    }

    private static String paymentFailure(String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        if (lower.contains("path") || lower.contains("route") || lower.contains("temporarychannelfailure")
                || lower.contains("no_route")) {
            return "pay_routing_failed";
        }
        if (lower.contains("expired")) {
            return "pay_invoice_expired";
        }
        return "pay_other_failure";
    }

    private void spent(Target e, long amount, long feeMsat, byte[] paymentHash, String probeId) {
        endpoints.append(Event.newBuilder().setEndpointPaymentSpent(EndpointPaymentSpent.newBuilder()
                .setUrlHash(e.url().hash()).setAmountSats(amount).setFeeMsat(feeMsat)
                .setPaymentHash(ByteString.copyFrom(paymentHash)).setProbeId(probeId)));
        metrics.spent(amount + new Msat(feeMsat).toSatCeil());
    }

    private void probed(Target e, EndpointProbed.Stage stage, boolean success, String outcome, long latencyMs,
                        long satsPaid, int status, String probeId, String tier) {
        endpoints.append(Event.newBuilder().setEndpointProbed(EndpointProbed.newBuilder().setUrl(e.url().url())
                .setUrlHash(e.url().hash()).setStage(stage).setSuccess(success).setOutcome(outcome)
                .setLatencyMs((int) Math.min(Integer.MAX_VALUE, Math.max(0, latencyMs))).setSatsPaid(satsPaid)
                .setHttpStatus(Math.max(0, status)).setProbeId(probeId).setTier(tier)));
        if (stage == EndpointProbed.Stage.PAYMENT) {
            paymentAttempted.accept(e.url().hash());
        }
        metrics.probed(stage.name().toLowerCase(Locale.ROOT), outcome);
    }

    String probeId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
