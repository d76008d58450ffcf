package com.satrank.serving.registration;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.satrank.db.EndpointQueries;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ServiceDelisted;
import com.satrank.events.v1.ServiceDiscovered;
import com.satrank.events.v1.ServiceListed;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.model.EndpointUrl;
import com.satrank.model.Pubkey;
import com.satrank.nostr.Nip98;
import com.satrank.serving.api.ApiException;
import com.satrank.serving.api.Envelope;
import com.satrank.services.catalog.Categories;
import com.satrank.services.catalog.EndpointProbes;
import com.satrank.services.catalog.EndpointScore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Service self-registration (reference §1.11), NIP-98 signed: the signer becomes the URL's operator.
 * POST registers a URL that answers a real L402 challenge (checked now, behind the SSRF guard); PATCH
 * changes its metadata (absent keeps, null clears); DELETE soft-deletes it. Only the operator may
 * change or delete; another signer's claim is 409 ALREADY_CLAIMED; a challenge that names another
 * {@code nostr-pubkey} is 403 OWNERSHIP_MISMATCH. What is accepted becomes events on the services log
 * (the catalogue's source), and every attempt, accepted or not, is a row of {@code service_register_log}.
 * Metadata shown follows registry rank: a URL a registry lists keeps the registry's name and category.
 */
@Path("/api/services/register")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ServiceRegisterResource {
    static final String REGISTRY = "self_registered";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final EventAppender services;
    private final ServiceOwners owners;
    private final EndpointProbes probes;
    private final InstantSource clock;

    /** @param probes the API's on-demand prober (checks the challenge), or null: registration answers 503 */
    public ServiceRegisterResource(Jdbi jdbi, ChronicleEventLog servicesLog, EventAppender services,
                                   EndpointProbes probes, InstantSource clock) {
        this.jdbi = jdbi;
        this.services = services;
        this.owners = new ServiceOwners(servicesLog);
        this.probes = probes;
        this.clock = clock;
    }

    /** One validated request: who signed, the URL, the body's fields as sent. */
    private record Signed(String signer, EndpointUrl url, JsonNode body) {
    }

    @POST
    @Timed(name = "satrank_http_services_register", absolute = true)
    public Response register(@HeaderParam("Authorization") String auth, @Context UriInfo uri, byte[] body) {
        Signed r = signed("register", "POST", auth, uri, body);
        return audited("register", r, () -> {
            Map<String, String> fields = fields(r.body(), false);
            if (probes.refuse(r.url().url()).isPresent()) {
                throw new ApiException(400, "URL_NOT_ALLOWED", "URL_NOT_ALLOWED: " + probes.refuse(r.url().url()).get());
            }
            Optional<String> owner = owners.owner(r.url().hash());
            if (owner.isPresent() && !owner.get().equals(r.signer())) {
                throw new ApiException(409, "ALREADY_CLAIMED", "This URL is registered by another operator");
            }
            EndpointProbes.Registration challenge = probes.challenge(r.url().url());
            if (!challenge.l402()) {
                throw new ApiException(400, "NOT_L402", "The URL did not answer a 402 with an L402 challenge and a"
                        + " decodable BOLT 11 invoice (HTTP " + challenge.httpStatus() + ")");
            }
            if (challenge.nostrPubkey() != null && !challenge.nostrPubkey().equals(r.signer())) {
                throw new ApiException(403, "OWNERSHIP_MISMATCH", "The challenge names another nostr-pubkey than the signer");
            }
            Optional<EndpointScore> known = known(r.url().hash());
            append(listed(r, fields, known, challenge.priceSats(), challenge.method()));
            append(Event.newBuilder().setServiceDiscovered(ServiceDiscovered.newBuilder().setUrl(r.url().url())
                    .setUrlHash(r.url().hash()).setOutcome("l402").setHttpStatus(402)
                    .setPayeePubkey(ByteString.copyFrom(HexFormat.of().parseHex(challenge.payeePubkey())))
                    .setPriceSats(challenge.priceSats()).setHttpMethod(challenge.method())));
            Map<String, Object> data = answer(r);
            data.put("registered", true);
            data.put("agentHash", Pubkey.fromHex(challenge.payeePubkey()).nodeId().hex());
            data.put("priceSats", challenge.priceSats());
            data.put("fieldsUpdated", new ArrayList<>(fields.keySet()));
            data.put("operator_id", r.signer());
            data.put("message", "Registered: the catalogue lists it from the next scoring pass, and the prober checks it");
            return Response.status(201).entity(Envelope.of(data)).build();
        });
    }

    @PATCH
    @Timed(name = "satrank_http_services_register_patch", absolute = true)
    public Response update(@HeaderParam("Authorization") String auth, @Context UriInfo uri, byte[] body) {
        Signed r = signed("update", "PATCH", auth, uri, body);
        return audited("update", r, () -> {
            ownedBySigner(r);
            Map<String, String> fields = fields(r.body(), true);
            append(listed(r, fields, known(r.url().hash()), 0, null));
            Map<String, Object> data = answer(r);
            data.put("updated", true);
            data.put("fields", new ArrayList<>(fields.keySet()));
            return Response.ok(Envelope.of(data)).build();
        });
    }

    @DELETE
    @Timed(name = "satrank_http_services_register_delete", absolute = true)
    public Response remove(@HeaderParam("Authorization") String auth, @Context UriInfo uri, byte[] body) {
        Signed r = signed("delete", "DELETE", auth, uri, body);
        return audited("delete", r, () -> {
            ownedBySigner(r);
            if (owners.delisted(r.url().hash())) {
                throw new ApiException(409, "ALREADY_DEPRECATED", "This URL is already deleted");
            }
            JsonNode reason = r.body().get("reason");
            if (reason != null && !reason.isNull() && (!reason.isTextual() || reason.asText().length() > 200)) {
                throw ApiException.validation("reason must be a string of at most 200 characters");
            }
            append(Event.newBuilder().setServiceDelisted(ServiceDelisted.newBuilder().setUrl(r.url().url())
                    .setUrlHash(r.url().hash()).setReason("operator_self_delete"
                            + (reason == null || reason.isNull() ? "" : ": " + reason.asText()))));
            Map<String, Object> data = answer(r);
            data.put("deprecated", true);
            return Response.ok(Envelope.of(data)).build();
        });
    }

    /** An answer's data, starting with the URL and its hash. */
    private static Map<String, Object> answer(Signed r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", r.url().url());
        data.put("url_hash", r.url().hash());
        return data;
    }

    private Signed signed(String action, String method, String auth, UriInfo uri, byte[] body) {
        if (probes == null) {
            throw ApiException.unavailable("Self-registration is unavailable: this API runs without service discovery");
        }
        var nip98 = Nip98.verify(auth, method, uri.getRequestUri().toString(), body, clock.millis() / 1000);
        if (nip98.pubkey().isEmpty()) {
            audit(action, null, null, "NIP98_INVALID", nip98.reason());
            throw new ApiException(401, "NIP98_INVALID", "NIP-98 Authorization required and must be valid");
        }
        String signer = nip98.pubkey().get();
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            audit(action, signer, null, "VALIDATION_ERROR", "body is not a JSON object");
            throw ApiException.validation("body must be a JSON object with url");
        }
        JsonNode url = json.get("url");
        if (url == null || !url.isTextual() || url.asText().isBlank() || url.asText().length() > 500) {
            audit(action, signer, null, "VALIDATION_ERROR", "url missing or too long");
            throw ApiException.validation("url must be a string of 1 to 500 characters");
        }
        try {
            return new Signed(signer, EndpointUrl.of(url.asText()), json);
        } catch (IllegalArgumentException e) {
            audit(action, signer, null, "VALIDATION_ERROR", e.getMessage());
            throw ApiException.validation(e.getMessage());
        }
    }

    /** Runs an action and writes its outcome (accepted or the error code) to the audit table. */
    private Response audited(String action, Signed r, java.util.function.Supplier<Response> run) {
        try {
            Response answer = run.get();
            audit(action, r.signer(), r.url(), "accepted", "HTTP " + answer.getStatus());
            return answer;
        } catch (ApiException e) {
            audit(action, r.signer(), r.url(), e.code(), e.getMessage());
            throw e;
        }
    }

    private void ownedBySigner(Signed r) {
        Optional<String> owner = owners.owner(r.url().hash());
        if (owner.isEmpty()) {
            throw ApiException.notFound("No self-registered service with this URL");
        }
        if (!owner.get().equals(r.signer())) {
            throw new ApiException(403, "NOT_OWNER", "Only the operator who registered this URL may change it");
        }
    }

    /** The optional metadata fields, validated; on PATCH an explicit null clears the field ("" stored). */
    private static Map<String, String> fields(JsonNode body, boolean patch) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> limits = Map.of("name", 100, "description", 500, "category", 50, "provider", 100);
        for (String field : List.of("name", "description", "category", "provider")) {
            JsonNode v = body.get(field);
            if (v == null || (v.isNull() && !patch)) {
                continue;
            }
            if (!v.isNull() && (!v.isTextual() || v.asText().length() > limits.get(field))) {
                throw ApiException.validation(field + " must be a string of at most " + limits.get(field) + " characters");
            }
            String value = v.isNull() ? "" : v.asText();
            if (field.equals("category") && !value.isEmpty()) {
                value = Categories.normalise(value).orElseThrow(() -> ApiException.validation(
                        "category must match ^[a-z][a-z0-9/_-]{1,31}$ after normalisation"));
            }
            out.put(field, value);
        }
        return out;
    }

    private Optional<EndpointScore> known(String urlHash) {
        return jdbi.withHandle(h -> EndpointQueries.byHash(h, urlHash));
    }

    private static Event.Builder listed(Signed r, Map<String, String> fields, Optional<EndpointScore> known, long price,
                                        String method) {
        ServiceListed.Builder b = ServiceListed.newBuilder().setUrl(r.url().url()).setUrlHash(r.url().hash())
                .setRegistry(REGISTRY).setOperator(r.signer())
                .setHttpMethod(method != null ? method : known.map(EndpointScore::httpMethod).orElse("GET"))
                .setName(fields.getOrDefault("name", known.map(EndpointScore::name).orElse("")))
                .setDescription(fields.getOrDefault("description", known.map(EndpointScore::description).orElse("")))
                .setCategory(fields.getOrDefault("category", known.map(EndpointScore::category).orElse("")))
                .setProvider(fields.getOrDefault("provider", known.map(EndpointScore::provider).orElse("")))
                .setAdvertisedPriceSats(price > 0 ? price : known.map(EndpointScore::advertisedPriceSats).orElse(0L));
        return Event.newBuilder().setServiceListed(b);
    }

    private void append(Event.Builder event) {
        services.append(event);
        owners.apply(event.build());
    }

    private void audit(String action, String signer, EndpointUrl url, String outcome, String detail) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO service_register_log (at_ms, action, signer, url, url_hash,"
                        + " outcome, detail) VALUES (:at, :action, :signer, :url, :hash, :outcome, :detail)")
                .bind("at", clock.millis()).bind("action", action).bind("signer", signer)
                .bind("url", url == null ? null : url.url()).bind("hash", url == null ? null : url.hash())
                .bind("outcome", outcome).bind("detail", detail.length() > 500 ? detail.substring(0, 500) : detail)
                .execute());
    }
}
