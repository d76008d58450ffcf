package com.satrank.serving.resources;

import com.satrank.serving.api.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NIP-05 ({@code GET /.well-known/nostr.json?name=satrank}): maps the name {@value #NAME} to the key
 * SatRank signs its assertions with, and lists the relays it publishes to; readable from any origin
 * (CORS *), as NIP-05 asks. 404 when this deployment does not publish on Nostr; an unknown name gets
 * empty names, as NIP-05 clients expect.
 */
@Path("/.well-known/nostr.json")
@Produces(MediaType.APPLICATION_JSON)
public final class NostrJsonResource {
    static final String NAME = "satrank";
    private final String pubkey;
    private final List<String> relays;

    /** @param pubkey the x-only public key (hex), or null when not publishing */
    public NostrJsonResource(String pubkey, List<String> relays) {
        this.pubkey = pubkey;
        this.relays = List.copyOf(relays);
    }

    @GET
    public Response get(@QueryParam("name") String name) {
        if (pubkey == null) {
            throw ApiException.notFound("this SatRank does not publish on Nostr (nostr.publish is off)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        boolean known = name == null || name.isEmpty() || name.equals(NAME);
        body.put("names", known ? Map.of(NAME, pubkey) : Map.of());
        body.put("relays", known ? Map.of(pubkey, relays) : Map.of());
        return Response.ok(body).header("Access-Control-Allow-Origin", "*").build();
    }
}
