package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.satrank.events.v1.PaymentReported;
import com.satrank.metrics.Metrics;
import com.satrank.model.EndpointUrl;
import com.satrank.model.EvidenceRules;
import com.satrank.model.Pubkey;
import com.satrank.model.Sha256;
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
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * POST /api/report: an agent tells how a payment went, to a node (66-hex pubkey) or to a paid
 * endpoint (its 64-hex url_hash). Two forms, as the reference dispatches them:
 * <ul>
 *   <li><b>authenticated</b>: the reporter holds the X-API-Key, or (nodes only) an L402 token that
 *       paid to ask about this target. A proof (the invoice signed by the target, or by the endpoint's
 *       payee, and its preimage) makes it count fully, else at 0.3. Answers 201.</li>
 *   <li><b>anonymous</b>: a {@code preimage} (body, or header X-L402-Preimage) and no {@code reporter}
 *       and no credential. The preimage must settle a {@code bolt11Raw} signed by the target's node:
 *       only the payer of that invoice can hold it, so the report is proven, and one per preimage,
 *       ever. Answers 200, in the reference's shape.</li>
 * </ul>
 * Field names of both our clients and the reference's are read: {@code bolt11}/{@code bolt11Raw},
 * {@code reporter}, {@code paymentHash}, {@code amountBucket}. The abuse limits ({@link ReportIntake})
 * answer 429. With the key and a node target no database is on the path (reports are accepted while
 * Postgres is down); tokens and endpoint targets need it.
 */
@Path("/api/report")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReportResource {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern BOLT11 = Pattern.compile("(?i)ln[a-z0-9]+");
    private static final String ZERO_HASH = "0".repeat(64);
    static final long MAX_AMOUNT_SAT = 2_100_000_000_000_000L / 1000;

    /** The node an endpoint's invoices come from, if the catalogue knows the endpoint (empty Optional inside: no payee yet). */
    @FunctionalInterface
    public interface EndpointPayees {
        Optional<Optional<String>> payee(String urlHash);
    }

    private final ReportIntake intake;
    private final ApiKey apiKey;
    private final io.prometheus.metrics.core.metrics.Counter reports;
    /** (Authorization header, target) → reporter id of an L402 token that asked about the target. */
    private final BiFunction<String, Pubkey, Optional<String>> tokenReporter;
    private final EndpointPayees endpoints;
    private final InstantSource clock;

    public ReportResource(ReportIntake intake, String apiKey, Metrics metrics,
                          BiFunction<String, Pubkey, Optional<String>> tokenReporter, EndpointPayees endpoints,
                          InstantSource clock) {
        this.intake = intake;
        this.apiKey = ApiKey.of(apiKey);
        this.reports = metrics.counter("satrank_reports_total", "Reports accepted, by proof", "proof");
        reports.labelValues("proven");
        reports.labelValues("unverified");
        this.tokenReporter = tokenReporter;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** The request body; every field optional at parse time so each gets its own clear message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportRequest(String target, String outcome, Long amountSats, String bolt11, String preimage,
                                String memo, String reporter, String paymentHash, String bolt11Raw,
                                String amountBucket) {
    }

    @POST
    @Timed(name = "satrank_http_report", absolute = true)
    public Response report(@HeaderParam("X-API-Key") String key, @HeaderParam("Authorization") String authorization,
                           @HeaderParam("X-L402-Preimage") String preimageHeader, ReportRequest body) {
        if (body == null) {
            throw ApiException.validation("request body is required");
        }
        boolean byKey = apiKey.matches(key);
        String preimage = preimageHeader != null ? preimageHeader : body.preimage();
        if (!byKey && authorization == null && preimage != null && body.reporter() == null) {
            return anonymous(body, preimage);
        }
        if (!byKey && authorization == null) {
            throw new ApiException(401, "UNAUTHORIZED", "a valid X-API-Key, an L402 token that queried this target,"
                    + " or (anonymously) the preimage of a payment to it is required to report");
        }
        ReportIntake.Target target = target(body.target());
        Fields f = fields(body, preimage);
        if (body.reporter() != null && (body.reporter().isBlank() || body.reporter().length() > 200)) {
            throw ApiException.validation("reporter must be 1 to 200 characters");
        }
        if (body.reporter() != null && body.reporter().equalsIgnoreCase(body.target())) {
            throw ApiException.validation("a reporter cannot report on itself");
        }
        String reporter;
        if (byKey) {
            reporter = apiKey.holderId() + (body.reporter() == null ? "" : ":" + body.reporter());
        } else if (target.node() != null) {
            reporter = tokenReporter.apply(authorization, target.node()).orElseThrow(() -> new ApiException(401,
                    "UNAUTHORIZED", "this L402 token has not paid to query this target; only such tokens may report on it"));
        } else {
            throw new ApiException(401, "UNAUTHORIZED", "reports on endpoints take the X-API-Key or the anonymous"
                    + " preimage form");
        }
        ReportProof.Result proof = proof(target, f, f.outcome() == PaymentReported.Outcome.SUCCESS);
        ReportIntake.Outcome done = intake.accept(new ReportIntake.Report(reporter, target, f.outcome(), f.amount(),
                f.bolt11(), f.preimage(), body.memo(), proof.proven(), false, null));
        refuseIfNot(done);
        reports.labelValues(proof.proven() ? "proven" : "unverified").inc();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", String.valueOf(done.position().index()));
        data.put("proven", proof.proven());
        data.put("verified", proof.proven());
        data.put("weight", proof.proven() ? EvidenceRules.PROVEN_REPORT_WEIGHT : EvidenceRules.UNPROVEN_REPORT_WEIGHT);
        data.put("reason", proof.reason());
        data.put("timestamp", clock.millis() / 1000);
        return Response.status(201).entity(Envelope.of(data)).build();
    }

    record AnonymousReport(String reportId, boolean verified, double weight, long timestamp,
                           @JsonProperty("reporter_identity") String reporterIdentity,
                           @JsonProperty("confidence_tier") String confidenceTier,
                           @JsonProperty("reporter_weight_applied") double reporterWeightApplied) {
    }

    private Response anonymous(ReportRequest body, String preimage) {
        ReportIntake.Target target = target(body.target());
        Fields f = fields(body, preimage);
        if (f.preimage() == null) {
            throw ApiException.validation("preimage must be 64 hex chars");
        }
        String paymentHash = HexFormat.of().formatHex(Sha256.of(HexFormat.of().parseHex(f.preimage())));
        if (f.bolt11() == null) {
            throw new ApiException(400, "PREIMAGE_UNKNOWN", "PREIMAGE_UNKNOWN: send bolt11Raw, the invoice this"
                    + " preimage settles, so the payment can be tied to the target");
        }
        byte[] invoiceHash;
        try {
            invoiceHash = com.satrank.bolt11.Bolt11.decode(f.bolt11()).paymentHash();
        } catch (com.satrank.bolt11.Bolt11Exception e) {
            throw ApiException.validation("bolt11Raw is not a valid BOLT 11 invoice: " + e.getMessage());
        }
        if (!HexFormat.of().formatHex(invoiceHash).equals(paymentHash)) {
            throw new ApiException(400, "BOLT11_MISMATCH", "BOLT11_MISMATCH: sha256(preimage) is not the invoice's"
                    + " payment hash");
        }
        ReportProof.Result proof = proof(target, f, true);
        if (!proof.proven()) {
            throw new ApiException(400, "PREIMAGE_UNKNOWN", "PREIMAGE_UNKNOWN: " + proof.reason());
        }
        String reporter = "preimage_pool:" + paymentHash;
        ReportIntake.Outcome done = intake.accept(new ReportIntake.Report(reporter, target, f.outcome(), f.amount(),
                f.bolt11(), f.preimage(), body.memo(), true, true, paymentHash));
        refuseIfNot(done);
        reports.labelValues("proven").inc();
        return Response.ok(Envelope.of(new AnonymousReport(String.valueOf(done.position().index()), true,
                EvidenceRules.PROVEN_REPORT_WEIGHT, clock.millis() / 1000, reporter, "high",
                EvidenceRules.PROVEN_REPORT_WEIGHT))).build();
    }

    private static void refuseIfNot(ReportIntake.Outcome done) {
        if (done.accepted()) {
            return;
        }
        throw switch (done.refusal()) {
            case DUPLICATE -> new ApiException(409, "DUPLICATE_REPORT", "this reporter already reported this target this hour");
            case PREIMAGE_USED -> new ApiException(409, "DUPLICATE_REPORT", "a report with this preimage was already made");
            case REPORTER_RATE -> new ApiException(429, "RATE_LIMITED", "Rate limit exceeded: max "
                    + 20 + " reports per minute");
            case NEGATIVE_FLOOD -> new ApiException(429, "REPORT_FLOOD", "this target already had many negative"
                    + " reports in the last hour; try later");
        };
    }

    /** The validated fields both forms share. */
    private record Fields(PaymentReported.Outcome outcome, long amount, String bolt11, String preimage) {
    }

    private static Fields fields(ReportRequest body, String preimage) {
        PaymentReported.Outcome outcome = outcome(body.outcome());
        long amount = body.amountSats() == null ? 0 : body.amountSats();
        if (amount < 0 || amount > MAX_AMOUNT_SAT) {
            throw ApiException.validation("amountSats must be between 0 and " + MAX_AMOUNT_SAT + ", got " + amount);
        }
        if (preimage != null && (!HEX64.matcher(preimage).matches() || preimage.equals(ZERO_HASH))) {
            throw ApiException.validation("preimage must be 64 hex chars, not all zeros");
        }
        if (body.paymentHash() != null) {
            if (!HEX64.matcher(body.paymentHash()).matches() || body.paymentHash().equals(ZERO_HASH)) {
                throw ApiException.validation("paymentHash must be 64 hex chars, not all zeros");
            }
            if (preimage != null && !HexFormat.of().formatHex(Sha256.of(HexFormat.of().parseHex(preimage)))
                    .equalsIgnoreCase(body.paymentHash())) {
                throw ApiException.validation("sha256(preimage) is not paymentHash");
            }
        }
        if (body.bolt11() != null && body.bolt11Raw() != null && !body.bolt11().equals(body.bolt11Raw())) {
            throw ApiException.validation("bolt11 and bolt11Raw differ; send one");
        }
        String bolt11 = body.bolt11() != null ? body.bolt11() : body.bolt11Raw();
        if (bolt11 != null && (bolt11.length() < 10 || bolt11.length() > 4096 || !BOLT11.matcher(bolt11).matches())) {
            throw ApiException.validation("bolt11 must be a BOLT 11 payment request (ln…) of 10 to 4096 chars");
        }
        if (body.amountBucket() != null && !body.amountBucket().matches("micro|small|medium|large")) {
            throw ApiException.validation("amountBucket must be one of micro, small, medium, large");
        }
        if (body.memo() != null && (body.memo().length() > 280 || body.memo().chars().anyMatch(Character::isISOControl))) {
            throw ApiException.validation("memo must be at most 280 chars without control characters");
        }
        return new Fields(outcome, amount, bolt11, preimage == null ? null : preimage.toLowerCase(Locale.ROOT));
    }

    /** Proven when the preimage settles an invoice signed by the target (a node, or an endpoint's payee). */
    private ReportProof.Result proof(ReportIntake.Target target, Fields f, boolean paymentClaimed) {
        if (target.node() != null && !paymentClaimed) {
            // a node's failed payment has no preimage; an endpoint's may (paid, then nothing delivered)
            return new ReportProof.Result(false, "only a successful payment can be proven");
        }
        if (f.bolt11() == null || f.preimage() == null) {
            return new ReportProof.Result(false, "a proof needs both bolt11 and preimage");
        }
        if (target.node() != null) {
            return ReportProof.payment(target.node().toBytes(), f.bolt11(), f.preimage());
        }
        Optional<String> payee = endpoints.payee(target.urlHash()).orElseThrow();
        if (payee.isEmpty()) {
            return new ReportProof.Result(false, "the endpoint's payee node is not known yet");
        }
        return ReportProof.payment(HexFormat.of().parseHex(payee.get()), f.bolt11(), f.preimage());
    }

    private ReportIntake.Target target(String raw) {
        if (raw == null) {
            throw ApiException.validation("target is required (66-char Lightning pubkey, or an endpoint's 64-char url_hash)");
        }
        if (EndpointUrl.isHash(raw)) {
            if (endpoints.payee(raw).isEmpty()) {
                throw ApiException.notFound("No endpoint with url_hash " + raw + " in the catalogue");
            }
            return ReportIntake.Target.endpoint(raw);
        }
        try {
            return ReportIntake.Target.node(Pubkey.fromHex(raw));
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
