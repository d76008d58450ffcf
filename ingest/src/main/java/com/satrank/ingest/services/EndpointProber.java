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
import com.satrank.model.Msat;
import com.satrank.model.Sha256;
import com.satrank.services.BodyQuality;
import com.satrank.services.InvoiceCheck;
import com.satrank.services.L402Challenge;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes catalogue endpoints through the five stages and appends each outcome to the endpoints
 * log. Free checks (stages 1–2: a real challenge, a payable invoice) run on tiers cut from demand:
 * hot (asked within 2 h), warm (2–24 h), cold (otherwise), each re-checked after its own interval.
 * Paid probes (stages 3–5) pay the challenge's invoice through LND within {@link SpendingBudget},
 * check that sha256(preimage) is the invoice's payment hash (a mismatch is a payment failure),
 * re-request with the L402 credential and judge delivery and body quality.
 */
public final class EndpointProber {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointProber.class);
    private static final long HOT_MS = 2 * 3_600_000L;
    private static final long WARM_MS = 24 * 3_600_000L;
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/json, */*;q=0.5");

    private final ServicesConfig config;
    private final ServiceCatalogue catalogue;
    private final SafeHttp http;
    private final EventAppender endpoints;
    private final InvoiceCheck invoices;
    private final EndpointDemand demand;
    private final PaymentClient payments;
    private final Supplier<byte[]> ownPubkey;
    private final SpendingBudget budget;
    private final ServiceMetrics metrics;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> lastCheckedMs = new ConcurrentHashMap<>();
    private final Map<String, Integer> paidProbes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> payable = new ConcurrentHashMap<>();

    /** @param payments null: no paid probes (no pay macaroon, or turned off) */
    public EndpointProber(ServicesConfig config, ServiceCatalogue catalogue, SafeHttp http, EventAppender endpoints,
                          EndpointDemand demand, PaymentClient payments, Supplier<byte[]> ownPubkey, SpendingBudget budget,
                          ServiceMetrics metrics, InstantSource clock) {
        this.config = config;
        this.catalogue = catalogue;
        this.http = http;
        this.endpoints = endpoints;
        this.invoices = new InvoiceCheck(config.invoiceNetwork());
        this.demand = demand;
        this.payments = payments;
        this.ownPubkey = ownPubkey;
        this.budget = budget;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What the endpoints log already says: last checks, paid probe counts, spends of the last day. */
    public void restore(com.satrank.log.ChronicleEventLog log) {
        long dayAgo = clock.millis() - 86_400_000L;
        log.forEachEvent(logged -> {
            Event e = logged.event();
            if (e.hasEndpointProbed()) {
                var p = e.getEndpointProbed();
                if (p.getStage() == EndpointProbed.Stage.CHALLENGE && !p.getTier().equals("paid")) {
                    lastCheckedMs.merge(p.getUrlHash(), e.getEventTimeMs(), Math::max);
                }
                if (p.getStage() == EndpointProbed.Stage.PAYMENT) {
                    paidProbes.merge(p.getUrlHash(), 1, Integer::sum);
                }
            } else if (e.hasEndpointPaymentSpent() && e.getEventTimeMs() > dayAgo) {
                var s = e.getEndpointPaymentSpent();
                budget.recordSpent(e.getEventTimeMs(), s.getAmountSats() + new Msat(s.getFeeMsat()).toSatCeil());
            }
        });
    }

    /** One round of free checks over the endpoints due; returns the delay until the next round. */
    public Duration checkOnce(java.util.function.BooleanSupplier stopping) {
        demand.refresh();
        long now = clock.millis();
        List<ServiceCatalogue.Entry> due = new ArrayList<>();
        for (ServiceCatalogue.Entry e : catalogue.probeable()) {
            Long last = lastCheckedMs.get(e.url().hash());
            if (last == null || now - last >= recheckAfter(e, now)) {
                due.add(e);
            }
        }
        due.sort(Comparator.comparing((ServiceCatalogue.Entry e) -> lastCheckedMs.getOrDefault(e.url().hash(), 0L))
                .thenComparing(e -> e.url().hash()));
        int checked = 0;
        for (ServiceCatalogue.Entry e : due) {
            if (stopping.getAsBoolean() || checked >= config.maxChecksPerCycle()) {
                break;
            }
            String probeId = probeId();
            Optional<Challenge> challenge = freeCheck(e, probeId, tier(e, now));
            payable.put(e.url().hash(), challenge.isPresent());
            lastCheckedMs.put(e.url().hash(), clock.millis());
            checked++;
            pause(config.checkGap());
        }
        return config.checkInterval();
    }

    /** One cycle of paid probes; returns the delay until the next. */
    public Duration paidOnce(java.util.function.BooleanSupplier stopping) {
        if (payments == null) {
            return config.paidInterval();
        }
        budget.newCycle();
        List<ServiceCatalogue.Entry> candidates = new ArrayList<>();
        for (ServiceCatalogue.Entry e : catalogue.probeable()) {
            // the last free check found a valid challenge; its price is re-read from the invoice before paying
            if (payable.getOrDefault(e.url().hash(), false)
                    && (e.priceSats() == 0 ? e.advertisedPriceSats() : e.priceSats()) <= config.maxSatsPerProbe()) {
                candidates.add(e);
            }
        }
        candidates.sort(Comparator.comparing((ServiceCatalogue.Entry e) -> paidProbes.getOrDefault(e.url().hash(), 0))
                .thenComparing(e -> -demand.lastAsked(e.url().hash()).orElse(0))
                .thenComparing(e -> e.url().hash()));
        List<ServiceCatalogue.Entry> chosen = candidates.subList(0, Math.min(candidates.size(), config.maxPaidPerCycle()));
        ExecutorService pool = Executors.newFixedThreadPool(config.paidConcurrency(), r -> {
            Thread t = new Thread(r, "paid-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ServiceCatalogue.Entry e : chosen) {
                running.add(pool.submit(() -> {
                    if (!stopping.getAsBoolean()) {
                        paidProbe(e);
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    LOG.warn("paid probe failed: {}", ex.getCause().toString());
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
        return config.paidInterval();
    }

    private long recheckAfter(ServiceCatalogue.Entry e, long now) {
        return switch (tier(e, now)) {
            case "hot" -> config.hotRecheck().toMillis();
            case "warm" -> config.warmRecheck().toMillis();
            default -> config.coldRecheck().toMillis();
        };
    }

    private String tier(ServiceCatalogue.Entry e, long now) {
        var asked = demand.lastAsked(e.url().hash());
        if (asked.isEmpty()) {
            return "cold";
        }
        long age = now - asked.getAsLong();
        return age < HOT_MS ? "hot" : age < WARM_MS ? "warm" : "cold";
    }

    /** A challenge that passed stages 1 and 2. */
    record Challenge(L402Challenge challenge, Bolt11Invoice invoice) {
    }

    /** Stages 1–2 on a fresh request; the challenge when both passed. */
    Optional<Challenge> freeCheck(ServiceCatalogue.Entry e, String probeId, String tier) {
        SafeHttp.Answer answer = http.request(e.method(), e.url().url(), ACCEPT, config.checkTimeout());
        Optional<L402Challenge> challenge = answer.status() == 402
                ? L402Challenge.parse(answer.header("www-authenticate")) : Optional.empty();
        String outcome = answer.failure() == SafeHttp.Failure.UNSAFE ? "refused_unsafe"
                : answer.status() == 0 ? "host_unreachable"
                : challenge.isPresent() ? "l402_challenge_ok"
                : answer.status() == 402 ? "l402_challenge_unparseable" : "http_" + answer.status();
        probed(e, EndpointProbed.Stage.CHALLENGE, challenge.isPresent(), outcome, answer.latencyMs(), 0,
                answer.status(), probeId, tier);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        var check = invoices.check(challenge.get().invoice(), e.advertisedPriceSats(), clock.instant().getEpochSecond());
        probed(e, EndpointProbed.Stage.INVOICE, check.valid(), check.outcome(), 0, 0, 0, probeId, tier);
        return check.valid() ? Optional.of(new Challenge(challenge.get(), check.invoice().orElseThrow())) : Optional.empty();
    }

    /** Stages 3–5: pays, checks the preimage, fetches with the credential, judges the body. */
    void paidProbe(ServiceCatalogue.Entry e) {
        String probeId = probeId();
        Optional<Challenge> fresh = freeCheck(e, probeId, "paid");
        if (fresh.isEmpty()) {
            return;
        }
        Bolt11Invoice invoice = fresh.get().invoice();
        long amount = invoice.amountMsat() == null ? 0 : new Msat(invoice.amountMsat()).toSatCeil();
        if (amount <= 0 || amount > config.maxSatsPerProbe() || MessageDigest.isEqual(invoice.payee(), ownPubkey.get())) {
            return; // nothing to pay, or our own node: no evidence to gain
        }
        SpendingBudget.Reservation[] held = new SpendingBudget.Reservation[1];
        var refusal = budget.tryReserve(amount + config.feeLimitSats(), r -> held[0] = r);
        if (refusal.isPresent()) {
            metrics.refused(refusal.get().name().toLowerCase(java.util.Locale.ROOT));
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
            return;
        }
        long payMs = (System.nanoTime() - started) / 1_000_000;
        if (!payment.error().isEmpty() || payment.preimage().length == 0) {
            budget.settle(held[0], 0);
            probed(e, EndpointProbed.Stage.PAYMENT, false, paymentFailure(payment.error()), payMs, 0, 0, probeId, "paid");
            return;
        }
        long feeSats = new Msat(payment.feeMsat()).toSatCeil();
        budget.settle(held[0], amount + feeSats);
        spent(e, amount, payment.feeMsat(), invoice.paymentHash(), probeId);
        if (!MessageDigest.isEqual(Sha256.of(payment.preimage()), invoice.paymentHash())) {
            probed(e, EndpointProbed.Stage.PAYMENT, false, "pay_preimage_mismatch", payMs, amount, 0, probeId, "paid");
            return;
        }
        probed(e, EndpointProbed.Stage.PAYMENT, true, "pay_ok", payMs, amount, 0, probeId, "paid");
        String scheme = fresh.get().challenge().scheme();
        Map<String, String> headers = new HashMap<>(ACCEPT);
        headers.put("Authorization", scheme + " " + fresh.get().challenge().macaroon() + ":"
                + HexFormat.of().formatHex(payment.preimage()));
        SafeHttp.Answer answer = http.request(e.method(), e.url().url(), headers, config.deliveryTimeout());
        int s = answer.status();
        String delivery = s >= 200 && s < 300 ? (answer.body().trim().length() >= 10 ? "delivery_ok" : "empty_body")
                : s >= 400 && s < 500 ? "http_4xx" : s >= 500 ? "http_5xx" : "other";
        boolean delivered = delivery.equals("delivery_ok");
        probed(e, EndpointProbed.Stage.DELIVERY, delivered, delivery, answer.latencyMs(), 0, s, probeId, "paid");
        if (delivered) {
            String quality = BodyQuality.judge(answer.body());
            probed(e, EndpointProbed.Stage.QUALITY, quality.equals("quality_ok"), quality, 0, 0, s, probeId, "paid");
        }
    }

    private static String paymentFailure(String error) {
        String lower = error.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("path") || lower.contains("route") || lower.contains("temporarychannelfailure")
                || lower.contains("no_route")) {
            return "pay_routing_failed";
        }
        if (lower.contains("expired")) {
            return "pay_invoice_expired";
        }
        return "pay_other_failure";
    }

    private void spent(ServiceCatalogue.Entry e, long amount, long feeMsat, byte[] paymentHash, String probeId) {
        endpoints.append(Event.newBuilder().setEndpointPaymentSpent(EndpointPaymentSpent.newBuilder()
                .setUrlHash(e.url().hash()).setAmountSats(amount).setFeeMsat(feeMsat)
                .setPaymentHash(ByteString.copyFrom(paymentHash)).setProbeId(probeId)));
        metrics.spent(amount + new Msat(feeMsat).toSatCeil());
    }

    private void probed(ServiceCatalogue.Entry e, EndpointProbed.Stage stage, boolean success, String outcome,
                        long latencyMs, long satsPaid, int status, String probeId, String tier) {
        endpoints.append(Event.newBuilder().setEndpointProbed(EndpointProbed.newBuilder().setUrl(e.url().url())
                .setUrlHash(e.url().hash()).setStage(stage).setSuccess(success).setOutcome(outcome)
                .setLatencyMs((int) Math.min(Integer.MAX_VALUE, Math.max(0, latencyMs))).setSatsPaid(satsPaid)
                .setHttpStatus(Math.max(0, status)).setProbeId(probeId).setTier(tier)));
        if (stage == EndpointProbed.Stage.PAYMENT) {
            paidProbes.merge(e.url().hash(), 1, Integer::sum);
        }
        metrics.probed(stage.name().toLowerCase(java.util.Locale.ROOT), outcome);
    }

    private String probeId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void pause(Duration gap) {
        if (gap.isZero()) {
            return;
        }
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
