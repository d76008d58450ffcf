package com.satrank.pipeline.services;

import com.satrank.events.v1.EndpointProbed;
import com.satrank.events.v1.Event;
import com.satrank.services.Stage;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The services and endpoints logs folded, in merged event-time order, into one
 * {@link EndpointState} per url_hash. Pure: no logs, passes or database here.
 */
public final class ServiceFold {
    private final Map<String, EndpointState> endpoints = new TreeMap<>();
    private long endpointEvents;

    /**
     * An agent's report on an endpoint it paid (docs/scoring.md §10): a success is a payment and a
     * delivery; a failure or timeout with a proven payment is a payment and a failed delivery; an
     * unproven failure is a failed payment (an agent that paid would hold the preimage). Weights as
     * for node reports; a report on an endpoint the catalogue does not list is ignored.
     */
    public void applyReport(com.satrank.events.v1.PaymentReported report, long atMs) {
        EndpointState s = endpoints.get(report.getTargetUrlHash());
        if (s == null) {
            return;
        }
        long weight = Math.round(1000 * (report.getProven() ? com.satrank.model.EvidenceRules.PROVEN_REPORT_WEIGHT
                : com.satrank.model.EvidenceRules.UNPROVEN_REPORT_WEIGHT));
        boolean success = report.getOutcome() == com.satrank.events.v1.PaymentReported.Outcome.SUCCESS;
        if (success) {
            s.report(Stage.PAYMENT, true, weight, atMs);
            s.report(Stage.DELIVERY, true, weight, atMs);
        } else if (report.getProven()) {
            s.report(Stage.PAYMENT, true, weight, atMs);
            s.report(Stage.DELIVERY, false, weight, atMs);
        } else {
            s.report(Stage.PAYMENT, false, weight, atMs);
        }
    }

    /** Applies one event; false when it is not a services/endpoints event. */
    public boolean apply(Event event) {
        long at = event.getEventTimeMs();
        switch (event.getPayloadCase()) {
            case SERVICE_LISTED -> {
                var e = event.getServiceListed();
                EndpointState s = state(e.getUrlHash(), e.getUrl());
                if (s.firstListedMs == Long.MIN_VALUE) {
                    s.firstListedMs = at;
                }
                if (!e.getOperator().isEmpty()) {
                    s.operator = e.getOperator(); // ownership holds whichever registry's metadata is shown
                    s.deprecated = false; // a registration lists the URL again after its operator deleted it
                    s.deprecatedReason = null;
                }
                if (!com.satrank.services.RegistryRank.setsMetadata(e.getRegistry(), s.sources)) {
                    s.sources.add(e.getRegistry());
                    return true;
                }
                s.url = e.getUrl();
                s.name = e.getName();
                s.description = e.getDescription();
                // as agents will ask for it: lower case, aliases folded (ai/llm → ai), as the reference stores it
                s.category = com.satrank.services.catalog.Categories.normalise(e.getCategory())
                        .orElse(e.getCategory().trim().toLowerCase(java.util.Locale.ROOT));
                s.provider = e.getProvider();
                s.method = e.getHttpMethod().isEmpty() ? s.method : e.getHttpMethod();
                s.advertisedPriceSats = e.getAdvertisedPriceSats();
                s.sources.add(e.getRegistry());
            }
            case SERVICE_DISCOVERED -> {
                var e = event.getServiceDiscovered();
                EndpointState s = state(e.getUrlHash(), e.getUrl());
                s.discoveryOutcome = e.getOutcome();
                // A discovery request is a challenge check too; a refusal by our own guard says nothing of the endpoint.
                if (!e.getOutcome().equals("refused_unsafe")) {
                    s.observe(Stage.CHALLENGE, e.getOutcome().equals("l402"), "discovery_" + e.getOutcome(), at);
                }
                if (e.getOutcome().equals("l402")) {
                    s.payee = HexFormat.of().formatHex(e.getPayeePubkey().toByteArray());
                    s.priceSats = e.getPriceSats();
                    s.method = e.getHttpMethod().isEmpty() ? s.method : e.getHttpMethod();
                }
            }
            case SERVICE_DELISTED -> {
                var e = event.getServiceDelisted();
                EndpointState s = state(e.getUrlHash(), e.getUrl());
                s.deprecated = true;
                s.deprecatedReason = e.getReason();
            }
            case ENDPOINT_PROBED -> {
                var e = event.getEndpointProbed();
                if (e.getStage() == EndpointProbed.Stage.STAGE_UNSPECIFIED || e.getStage() == EndpointProbed.Stage.UNRECOGNIZED) {
                    return true; // a newer writer's stage: nothing to count it in
                }
                EndpointState s = state(e.getUrlHash(), e.getUrl());
                Stage stage = Stage.ofNumber(e.getStage().getNumber());
                s.observe(stage, e.getSuccess(), e.getOutcome(), at);
                endpointEvents++;
                if (stage == Stage.CHALLENGE) {
                    boolean answered = e.getHttpStatus() > 0;
                    int status = e.getHttpStatus();
                    boolean ok = (status >= 200 && status < 400) || status == 402;
                    s.checkCount++;
                    s.successCount += ok ? 1 : 0;
                    s.lastHttpStatus = status;
                    s.lastLatencyMs = answered ? e.getLatencyMs() : 0;
                    s.lastCheckedMs = at;
                    s.recentChecks.addLast(new long[] {at, ok ? 1 : 0, answered ? e.getLatencyMs() : -1});
                }
                if (stage == Stage.PAYMENT) {
                    s.paidProbes++;
                }
            }
            case ENDPOINT_PAYMENT_SPENT -> {
                var e = event.getEndpointPaymentSpent();
                EndpointState s = endpoints.get(e.getUrlHash());
                if (s != null) {
                    s.satsSpent += e.getAmountSats() + new com.satrank.model.Msat(e.getFeeMsat()).toSatCeil();
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private EndpointState state(String urlHash, String url) {
        return endpoints.computeIfAbsent(urlHash, h -> new EndpointState(h, url));
    }

    Map<String, EndpointState> endpoints() {
        return endpoints;
    }

    public int size() {
        return endpoints.size();
    }

    public long endpointEvents() {
        return endpointEvents;
    }

    public void prune(long asOfMs, long horizonMs) {
        endpoints.values().forEach(s -> s.prune(asOfMs, horizonMs));
    }
}
