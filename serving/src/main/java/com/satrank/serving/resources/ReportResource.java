package com.satrank.serving.resources;

import com.satrank.model.EvidenceRules;

import com.satrank.metrics.Metrics;
import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.satrank.events.v1.PaymentReported;
import com.satrank.model.Pubkey;
import com.satrank.reports.ReportIntake;
import com.satrank.reports.ReportProof;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.ApiKey;
import com.satrank.serving.api.Envelope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * POST /api/report: an agent tells how a payment to a node went. The reporter is the holder of the
 * X-API-Key, or of an L402 token that paid to ask about this target. With the key no database is on
 * the path (reports are accepted while Postgres is down); a token needs it. Proven reports (invoice
 * signed by the target + matching preimage) count fully, others at 0.3.
 */
@Path("/api/report")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReportResource {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    static final long MAX_AMOUNT_SAT = 2_100_000_000_000_000L / 1000;

    private final ReportIntake intake;
    private final ApiKey apiKey;
    private final io.prometheus.metrics.core.metrics.Counter reports;
    /** (Authorization header, target) → reporter id of an L402 token that asked about the target. */
    private final java.util.function.BiFunction<String, Pubkey, java.util.Optional<String>> tokenReporter;

    public ReportResource(ReportIntake intake, String apiKey, Metrics metrics,
                          java.util.function.BiFunction<String, Pubkey, java.util.Optional<String>> tokenReporter) {
        this.intake = intake;
        this.apiKey = ApiKey.of(apiKey);
        this.reports = metrics.counter("satrank_reports_total", "Reports accepted (201), by proof", "proof");
        reports.labelValues("proven");
        reports.labelValues("unverified");
        this.tokenReporter = tokenReporter;
    }

    /** The request body; every field optional at parse time so each gets its own clear message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportRequest(String target, String outcome, Long amountSats, String bolt11, String preimage,
                                String memo) {
    }

    @POST
    @Timed(name = "satrank_http_report", absolute = true)
    public Response report(@HeaderParam("X-API-Key") String key, @HeaderParam("Authorization") String authorization,
                           ReportRequest body) {
        boolean byKey = apiKey.matches(key);
        if (!byKey && authorization == null) {
            throw new ApiException(401, "UNAUTHORIZED",
                    "a valid X-API-Key, or an L402 token that queried this target, is required to report");
        }
        if (body == null) {
            throw ApiException.validation("request body is required");
        }
        Pubkey target = target(body.target());
        String reporter = byKey ? apiKey.holderId() : tokenReporter.apply(authorization, target)
                .orElseThrow(() -> new ApiException(401, "UNAUTHORIZED",
                        "this L402 token has not paid to query this target; only such tokens may report on it"));
        PaymentReported.Outcome outcome = outcome(body.outcome());
        long amount = body.amountSats() == null ? 0 : body.amountSats();
        if (amount < 0 || amount > MAX_AMOUNT_SAT) {
            throw ApiException.validation("amountSats must be between 0 and " + MAX_AMOUNT_SAT + ", got " + amount);
        }
        if (body.preimage() != null && !HEX64.matcher(body.preimage()).matches()) {
            throw ApiException.validation("preimage must be 64 hex chars");
        }
        if (body.bolt11() != null && (body.bolt11().isBlank() || body.bolt11().length() > 4096)) {
            throw ApiException.validation("bolt11 must be a payment request of at most 4096 chars");
        }
        if (body.memo() != null && body.memo().length() > 280) {
            throw ApiException.validation("memo must be at most 280 chars, got " + body.memo().length());
        }
        ReportProof.Result proof = ReportProof.check(target, body.bolt11(),
                body.preimage() == null ? null : body.preimage().toLowerCase(Locale.ROOT),
                outcome == PaymentReported.Outcome.SUCCESS);
        var accepted = intake.accept(reporter, target, outcome, amount, body.bolt11(),
                body.preimage() == null ? null : body.preimage().toLowerCase(Locale.ROOT), body.memo(), proof.proven());
        if (accepted.isEmpty()) {
            throw new ApiException(409, "DUPLICATE_REPORT", "this reporter already reported this target this hour");
        }
        reports.labelValues(proof.proven() ? "proven" : "unverified").inc();
        return Response.status(201).entity(Envelope.of(Map.of(
                "reportId", String.valueOf(accepted.get().position().index()),
                "proven", proof.proven(),
                "weight", proof.proven() ? EvidenceRules.PROVEN_REPORT_WEIGHT : EvidenceRules.UNPROVEN_REPORT_WEIGHT,
                "reason", proof.reason()))).build();
    }

    private static Pubkey target(String raw) {
        if (raw == null) {
            throw ApiException.validation("target is required (66-char Lightning pubkey)");
        }
        try {
            return Pubkey.fromHex(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("target " + e.getMessage().replace("pubkey ", ""));
        }
    }

    private static PaymentReported.Outcome outcome(String raw) {
        if (raw == null) {
            throw ApiException.validation("outcome is required (success, failure or timeout)");
        }
        return switch (raw) {
            case "success" -> PaymentReported.Outcome.SUCCESS;
            case "failure" -> PaymentReported.Outcome.FAILURE;
            case "timeout" -> PaymentReported.Outcome.TIMEOUT;
            default -> throw ApiException.validation("outcome must be one of: \"success\", \"failure\", \"timeout\", got \""
                    + (raw.length() > 20 ? raw.substring(0, 20) : raw) + "\"");
        };
    }
}
