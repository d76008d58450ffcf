package com.satrank.services.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Probes the API runs on demand, for agents who pay for them: a fresh check of an intent's top
 * candidates and a full probe of one URL. Each outcome is also an event on the endpoints log, so
 * the tables learn from it at the next pass. Implemented by the ingest side's prober, wired by the
 * process that hosts both.
 */
public interface EndpointProbes {
    /** What a free check (stages 1–2) saw just now. */
    record FreshCheck(int httpStatus, int latencyMs, boolean challengeOk, boolean invoiceOk, long atMs) {
    }

    /** Stages 1–2 of each endpoint, concurrently, within {@code deadline}; endpoints not done in time are absent. */
    Map<String, FreshCheck> checkNow(List<EndpointScore> endpoints, Duration deadline);

    /** Why a URL may not be probed (not http(s), userinfo, an address that is not public), or empty. */
    java.util.Optional<String> refuse(String url);

    /**
     * What a URL answers to an unpaid request, for a self-registration: its HTTP status, and for a
     * real L402 challenge with a decodable invoice, the payee node, the price and the challenge's
     * optional {@code nostr-pubkey} parameter (who the service says it belongs to); {@code method}: GET, or
     * POST when GET was answered 405.
     */
    record Registration(int httpStatus, boolean l402, String payeePubkey, long priceSats, String nostrPubkey,
                        String method) {
    }

    Registration challenge(String url);

    /** Whether stages 3–5 can run (a pay macaroon is configured). */
    boolean canPay();

    /** The five-stage outcome of one URL, in the reference's /api/probe shape (see {@code ProbeReport}). */
    ProbeReport probe(String url);

    /** A full probe's outcome; {@code target} is L402, NOT_L402 or UNREACHABLE. */
    record ProbeReport(String url, String urlHash, String target, Fetch firstFetch, Challenge l402Challenge,
                       Payment payment, Fetch secondFetch, long totalLatencyMs) {
    }

    record Fetch(Integer status, long latencyMs, String httpError, Integer bodyBytes, String bodyHash,
                 String bodyPreview) {
    }

    record Challenge(int macaroonLen, Long invoiceSats, String invoicePaymentHash) {
    }

    record Payment(String paymentHash, String preimage, String paymentError, long durationMs) {
    }
}
