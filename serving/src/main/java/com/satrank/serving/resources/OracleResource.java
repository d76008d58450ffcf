package com.satrank.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.model.EndpointUrl;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The reference's oracle routes for a single oracle, answered from the Nostr publisher's ledger
 * ({@code nostr_published}): an endpoint's latest kind 30782 assertion, the oracle itself as the one
 * peer it knows (from its kind 30784 announcement), and its latest kind 30783 calibration. Left out,
 * with reasons in docs/api.md: {@code /api/oracle/budget} (no revenue ledger) and peers' calibrations
 * (this oracle does not read other oracles' events).
 */
@Path("/api/oracle")
@Produces(MediaType.APPLICATION_JSON)
public final class OracleResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final String oraclePubkey;
    private final InstantSource clock;

    /** @param oraclePubkey the key assertions are signed with, or null when this deployment does not publish */
    public OracleResource(Jdbi jdbi, String oraclePubkey, InstantSource clock) {
        this.jdbi = jdbi;
        this.oraclePubkey = oraclePubkey;
        this.clock = clock;
    }

    private record Published(String eventId, long createdAt, long publishedAtMs, List<String> relays,
                             Map<String, String> tags) {
    }

    private Optional<Published> published(int kind, String d) {
        return jdbi.withHandle(h -> h.createQuery("SELECT event_id, created_at, published_at_ms, relays, tags"
                        + " FROM nostr_published WHERE kind = :k AND d = :d")
                .bind("k", kind).bind("d", d)
                .map((rs, ctx) -> new Published(rs.getString(1).trim(), rs.getLong(2), rs.getLong(3),
                        Arrays.asList(rs.getString(4).split(",")), tags(rs.getString(5))))
                .findOne());
    }

    private static Map<String, String> tags(String json) {
        Map<String, String> out = new HashMap<>();
        try {
            for (List<String> t : JSON.readValue(json, new TypeReference<List<List<String>>>() { })) {
                if (t.size() >= 2) {
                    out.putIfAbsent(t.get(0), t.get(1));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("nostr_published.tags is not JSON", e);
        }
        return out;
    }

    record TlvHint(String note, @JsonProperty("type_event_id") int typeEventId,
                   @JsonProperty("type_oracle_pubkey") int typeOraclePubkey, @JsonProperty("event_id_hex") String eventIdHex,
                   @JsonProperty("oracle_pubkey_hex") String oraclePubkeyHex) {
    }

    record Assertion(@JsonProperty("endpoint_url_hash") String endpointUrlHash, int kind,
                     @JsonProperty("event_id") String eventId, @JsonProperty("oracle_pubkey") String oraclePubkey,
                     @JsonProperty("valid_until") long validUntil, @JsonProperty("expires_in_sec") long expiresInSec,
                     boolean expired, @JsonProperty("p_e2e") double pE2e,
                     @JsonProperty("meaningful_stages_count") int meaningfulStagesCount,
                     @JsonProperty("calibration_proof_event_id") String calibrationProofEventId,
                     @JsonProperty("published_at") long publishedAt, List<String> relays,
                     @JsonProperty("bolt12_tlv_hint") TlvHint bolt12TlvHint) {
    }

    @GET
    @Path("/assertion/{url_hash}")
    @Timed(name = "satrank_http_oracle_assertion", absolute = true)
    public Envelope<Assertion> assertion(@PathParam("url_hash") String urlHash) {
        if (!EndpointUrl.isHash(urlHash)) {
            throw new ApiException(400, "INVALID_URL_HASH", "url_hash must be 64 lower-case hex characters");
        }
        Published p = published(30782, urlHash).orElseThrow(() -> new ApiException(404, "NOT_FOUND",
                "No trust assertion published yet for this endpoint; assertions are signed weekly for endpoints"
                        + " with at least one meaningful stage"));
        long validUntil = Long.parseLong(p.tags().getOrDefault("valid_until", "0"));
        long now = clock.millis() / 1000;
        String oracle = p.tags().getOrDefault("oracle_pubkey", "");
        return Envelope.of(new Assertion(urlHash, 30782, p.eventId(), oracle, validUntil, Math.max(0, validUntil - now),
                validUntil <= now, Double.parseDouble(p.tags().getOrDefault("p_e2e", "0")),
                Integer.parseInt(p.tags().getOrDefault("meaningful_stages_count", "0")),
                p.tags().getOrDefault("calibration_proof", ""), p.createdAt(), p.relays(),
                new TlvHint("Carry the assertion in a BOLT 12 offer: TLV 65537 = event id, 65538 = oracle pubkey",
                        65537, 65538, p.eventId(), oracle)));
    }

    record Peer(@JsonProperty("oracle_pubkey") String oraclePubkey, @JsonProperty("lnd_pubkey") String lndPubkey,
                @JsonProperty("catalogue_size") long catalogueSize,
                @JsonProperty("calibration_event_id") String calibrationEventId,
                @JsonProperty("last_assertion_event_id") String lastAssertionEventId, String contact,
                @JsonProperty("onboarding_url") String onboardingUrl, @JsonProperty("last_seen") long lastSeen,
                @JsonProperty("latest_announcement_event_id") String latestAnnouncementEventId) {
    }

    record Peers(List<Peer> peers, int count, int limit) {
    }

    /** This oracle as the one peer it knows, once it has announced itself (kind 30784). */
    @GET
    @Path("/peers")
    @Timed(name = "satrank_http_oracle_peers", absolute = true)
    public Envelope<Peers> peers(@QueryParam("limit") String limit) {
        int l = Paging.parse(limit == null ? null : limit, null, 50).limit();
        List<Peer> peers = new ArrayList<>();
        published(30784, "satrank-oracle-announcement").ifPresent(p -> peers.add(new Peer(
                p.tags().getOrDefault("oracle_pubkey", ""), p.tags().getOrDefault("lnd_pubkey", ""),
                Long.parseLong(p.tags().getOrDefault("catalogue_size", "0")),
                p.tags().getOrDefault("calibration_event_id", ""), p.tags().getOrDefault("last_assertion_event_id", ""),
                p.tags().getOrDefault("contact", ""), p.tags().getOrDefault("onboarding_url", ""), p.createdAt(),
                p.eventId())));
        return Envelope.of(new Peers(peers.subList(0, Math.min(l, peers.size())), Math.min(l, peers.size()), l));
    }

    record Calibration(@JsonProperty("event_id") String eventId, @JsonProperty("window_start") long windowStart,
                       @JsonProperty("window_end") long windowEnd, @JsonProperty("window_days") long windowDays,
                       @JsonProperty("delta_mean") double deltaMean, @JsonProperty("delta_median") double deltaMedian,
                       @JsonProperty("delta_p95") double deltaP95, @JsonProperty("n_endpoints") long nEndpoints,
                       @JsonProperty("n_outcomes") long nOutcomes, @JsonProperty("observed_at") long observedAt) {
    }

    record Calibrations(@JsonProperty("peer_pubkey") String peerPubkey, @JsonProperty("is_self") boolean isSelf,
                        List<Calibration> calibrations, int count, int limit) {
    }

    /** This oracle's latest calibration (kind 30783); another oracle's key answers an empty list. */
    @GET
    @Path("/peers/{pubkey}/calibrations")
    @Timed(name = "satrank_http_oracle_calibrations", absolute = true)
    public Envelope<Calibrations> calibrations(@PathParam("pubkey") String pubkey, @QueryParam("limit") String limit) {
        if (pubkey == null || !pubkey.matches("[a-f0-9]{64}")) {
            throw new ApiException(400, "INVALID_PUBKEY", "pubkey must be a 64-hex x-only Nostr public key");
        }
        int l = Paging.parse(limit, null, 20).limit();
        boolean self = pubkey.equals(oraclePubkey);
        List<Calibration> out = new ArrayList<>();
        if (self) {
            published(30783, "satrank-calibration").ifPresent(p -> {
                long start = Long.parseLong(p.tags().getOrDefault("window_start", "0"));
                long end = Long.parseLong(p.tags().getOrDefault("window_end", "0"));
                out.add(new Calibration(p.eventId(), start, end, Math.round((end - start) / 86_400.0),
                        Double.parseDouble(p.tags().getOrDefault("delta_mean", "0")),
                        Double.parseDouble(p.tags().getOrDefault("delta_median", "0")),
                        Double.parseDouble(p.tags().getOrDefault("delta_p95", "0")),
                        Long.parseLong(p.tags().getOrDefault("n_endpoints", "0")),
                        Long.parseLong(p.tags().getOrDefault("n_outcomes", "0")), p.publishedAtMs() / 1000));
            });
        }
        return Envelope.of(new Calibrations(pubkey, self, out, out.size(), l));
    }
}
