package com.satrank.nostr.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.db.EndpointQueries;
import com.satrank.services.catalog.EndpointScore;
import com.satrank.services.catalog.IntentQuery;
import com.satrank.services.catalog.IntentResolver;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.satrank.nostr.EventSigner;
import com.satrank.nostr.NostrEvent;
import com.satrank.nostr.NostrKeys;
import com.satrank.nostr.relay.RelayConnection;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data-vending machine (NIP-90) on the publisher's relays: advertises itself (kind 31990), listens
 * for kind 5900 jobs and answers {@code trust-check} (input: a node pubkey) with a kind 6900 result
 * holding the node's Bayesian block from the tables, and {@code intent-resolve} (input: the service
 * intent's JSON) with the ranked candidates. Jobs with a bad signature are ignored; bad input and other
 * job types get a kind 7000 error feedback.
 * Jobs are answered on a thread of their own, never on the socket's.
 */
public final class TrustCheckDvm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrustCheckDvm.class);
    public static final int JOB_KIND = 5900;
    public static final int RESULT_KIND = 6900;
    public static final int FEEDBACK_KIND = 7000;
    public static final int HANDLER_KIND = 31990;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final NostrKeys keys;
    private final List<String> relays;
    private final Duration timeout;
    private final InstantSource clock;
    private final EventSigner signer = new EventSigner();
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nostr-dvm");
        t.setDaemon(true);
        return t;
    });
    private final List<RelayConnection> connections = new ArrayList<>();

    public TrustCheckDvm(Jdbi jdbi, NostrKeys keys, List<String> relays, Duration timeout, InstantSource clock) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.relays = List.copyOf(relays);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Connects to every relay it can, advertises, subscribes; a relay that is down is logged and skipped. */
    public synchronized void start() {
        long now = clock.millis() / 1000;
        for (String url : relays) {
            try {
                RelayConnection c = RelayConnection.open(URI.create(url), timeout);
                c.publish(signer.sign(keys, now, HANDLER_KIND, List.of(List.of("d", "satrank-dvm"),
                        List.of("k", Integer.toString(JOB_KIND))), "{\"name\":\"SatRank\",\"about\":\"Lightning trust"
                        + " checks: j=trust-check with a node pubkey as input; j=intent-resolve with the service intent JSON\"}"), timeout);
                c.subscribe("satrank-dvm", "{\"kinds\":[" + JOB_KIND + "],\"since\":" + (now - 60) + "}",
                        job -> jobs.submit(() -> answer(c, job)));
                connections.add(c);
            } catch (Exception e) {
                LOG.warn("DVM not listening on {}: {}", url, e.getMessage());
            }
        }
    }

    private void answer(RelayConnection relay, NostrEvent job) {
        try {
            if (job.kind() != JOB_KIND || !EventSigner.verify(job)) {
                return;
            }
            String type = tag(job, "j").or(() -> param(job, "j")).orElse("trust-check");
            Optional<String> input = tag(job, "i");
            long now = clock.millis() / 1000;
            List<List<String>> tags = new ArrayList<>(List.of(List.of("e", job.id()), List.of("p", job.pubkey()),
                    List.of("request", job.toJson())));
            String content;
            try {
                content = switch (type) {
                    case "trust-check" -> {
                        if (input.isEmpty() || !input.get().matches("0[23][0-9a-f]{64}")) {
                            throw new IllegalArgumentException("trust-check needs a node pubkey (66 hex characters) as input");
                        }
                        yield block(input.get());
                    }
                    case "intent-resolve" -> intent(input.orElseThrow(() -> new IllegalArgumentException(
                            "intent-resolve needs the intent JSON ({\"category\": …}) as input")));
                    default -> throw new IllegalArgumentException(type + " is not supported");
                };
            } catch (IllegalArgumentException bad) {
                tags.add(List.of("status", "error", bad.getMessage()));
                relay.publish(signer.sign(keys, now, FEEDBACK_KIND, tags, ""), timeout);
                return;
            }
            tags.add(List.of("i", input.get(), "text"));
            relay.publish(signer.sign(keys, now, RESULT_KIND, tags, content), timeout);
        } catch (Exception e) {
            LOG.warn("DVM job {} not answered: {}", job.id(), e.toString());
        }
    }

    /** The node's Bayesian block as the tables hold it; INSUFFICIENT with no evidence for an unknown node. */
    private String block(String pubkey) {
        ObjectNode out = JSON.createObjectNode().put("pubkey", pubkey);
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT s.verdict, s.p_success, s.ci95_low, s.ci95_high, s.n_obs, s.time_constant_days
                        FROM node_scores s JOIN nodes n USING (node_id) WHERE n.pubkey = :pubkey""")
                .bind("pubkey", pubkey)
                .map((rs, ctx) -> out.put("known", true).put("verdict", rs.getString(1)).put("p_success", rs.getDouble(2))
                        .put("ci95_low", rs.getDouble(3)).put("ci95_high", rs.getDouble(4)).put("n_obs", rs.getDouble(5))
                        .put("time_constant_days", rs.getInt(6)))
                .findOne()
                .orElseGet(() -> out.put("known", false).put("verdict", "INSUFFICIENT").put("n_obs", 0)));
        return out.toString();
    }

    /**
     * The service intent (reference §1.10) from the tables: the same ranking as POST /api/intent
     * ({@link IntentResolver}), in a compact form: each candidate's URL, hash, price, p_e2e with its
     * band, and verdict. Not {@code fresh}: a DVM job is not paid.
     */
    private String intent(String json) {
        JsonNode body;
        try {
            body = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("intent-resolve input is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("intent-resolve input must be a JSON object with a category");
        }
        List<String> keywords = new ArrayList<>();
        body.path("keywords").forEach(k -> keywords.add(k.asText()));
        IntentQuery q = IntentQuery.of(body.path("category").isTextual() ? body.get("category").asText() : null,
                keywords, longOrNull(body, "budget_sats"), longOrNull(body, "max_latency_ms"), longOrNull(body, "limit"),
                body.path("optimize").isTextual() ? body.get("optimize").asText() : null, false);
        List<EndpointScore> pool = jdbi.withHandle(h -> EndpointQueries.inCategory(h, q.category(), 500));
        IntentResolver.Result result = IntentResolver.resolve(q, pool, clock.millis());
        ObjectNode out = JSON.createObjectNode();
        out.putObject("intent").put("category", q.category()).put("optimize", q.optimize().json());
        var candidates = out.putArray("candidates");
        int rank = 1;
        for (IntentResolver.Candidate c : result.candidates()) {
            candidates.addObject().put("rank", rank++).put("endpoint_url", c.endpoint().url())
                    .put("endpoint_hash", c.endpoint().urlHash()).put("price_sats", c.endpoint().priceSats())
                    .put("p_e2e", c.judgement().pSuccess()).put("p_e2e_pessimistic", c.judgement().ci95Low())
                    .put("p_e2e_optimistic", c.judgement().ci95High()).put("verdict", c.judgement().verdict().name());
        }
        out.putObject("meta").put("total_matched", result.totalMatched()).put("returned", result.candidates().size())
                .put("strictness", result.strictness().json());
        return out.toString();
    }

    private static Long longOrNull(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return v.asLong();
    }

    private static Optional<String> tag(NostrEvent e, String name) {
        return e.tags().stream().filter(t -> t.size() >= 2 && t.get(0).equals(name)).map(t -> t.get(1)).findFirst();
    }

    private static Optional<String> param(NostrEvent e, String name) {
        return e.tags().stream().filter(t -> t.size() >= 3 && t.get(0).equals("param") && t.get(1).equals(name))
                .map(t -> t.get(2)).findFirst();
    }

    @Override
    public synchronized void close() {
        jobs.shutdownNow();
        connections.forEach(RelayConnection::close);
    }
}
