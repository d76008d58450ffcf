package com.satrank.l402sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.satrank.l402.L402Identifier;
import com.satrank.l402.Macaroon;
import com.satrank.model.EndpointUrl;
import com.satrank.model.Sha256;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated L402 economy: one real HTTP server per host, each endpoint answering as its
 * {@link SimEndpoint} says. A paid endpoint answers 402 with a real challenge (a macaroon minted with
 * the endpoint's root key, an invoice signed in lnd-sim by its payee node) and, given
 * {@code Authorization: L402 <macaroon>:<preimage>} whose preimage hashes to the macaroon's payment
 * hash, delivers a body. Host 0 also serves the registries: a 402index-style
 * {@code /api/v1/services?protocol=L402&limit&offset} and an l402.directory-style
 * {@code /api/services}. Each request's outcome is drawn from the endpoint's own seeded stream.
 */
public final class L402SimServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(L402SimServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each small answer
        // waits out the peer's delayed ACK (tens of ms on loopback). Read once, when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final L402SimSettings settings;
    private final MerchantClient merchants;
    private final InstantSource clock;
    private final List<SimEndpoint> endpoints;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Map<String, SimEndpoint>> byHostPath = new ArrayList<>();
    private final Map<Integer, SplittableRandom> draws = new HashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "l402-sim");
        t.setDaemon(true);
        return t;
    });

    private L402SimServer(L402SimSettings settings, MerchantClient merchants, InstantSource clock) {
        this.settings = settings;
        this.merchants = merchants;
        this.clock = clock;
        this.endpoints = new EconomyGenerator(settings.seed()).generate(settings.endpoints(), settings.hosts(),
                merchants.merchants());
        for (SimEndpoint e : endpoints) {
            draws.put(e.id(), new SplittableRandom(settings.seed() * 1_000_003L + e.id()));
        }
    }

    /** Draws the economy and starts its hosts; {@code merchants} is closed with the server. */
    public static L402SimServer start(L402SimSettings settings, MerchantClient merchants, InstantSource clock) {
        try {
            return startOn(settings, merchants, clock);
        } catch (UncheckedIOException e) {
            if (settings.firstPort() == 0) {
                throw e;
            }
            // fixed ports taken (another economy running): free ports, so the demo still starts
            LOG.warn("l402-sim ports {}..{} in use ({}); using free ports, so its URLs differ from the last run",
                    settings.firstPort(), settings.firstPort() + settings.hosts() - 1, e.getCause().getMessage());
            return startOn(new L402SimSettings(settings.bindHost(), 0, settings.hosts(), settings.endpoints(),
                    settings.seed(), settings.maxLatencyMs()), merchants, clock);
        }
    }

    private static L402SimServer startOn(L402SimSettings settings, MerchantClient merchants, InstantSource clock) {
        L402SimServer sim = new L402SimServer(settings, merchants, clock);
        try {
            for (int host = 0; host < settings.hosts(); host++) {
                int port = settings.firstPort() == 0 ? 0 : settings.firstPort() + host;
                HttpServer server = HttpServer.create(new InetSocketAddress(settings.bindHost(), port), 64);
                int h = host;
                server.createContext("/", exchange -> sim.handle(h, exchange));
                server.setExecutor(sim.workers);
                server.start();
                sim.servers.add(server);
                sim.byHostPath.add(new HashMap<>());
            }
        } catch (IOException e) {
            sim.servers.forEach(server -> server.stop(0));
            sim.workers.shutdownNow();
            throw new UncheckedIOException("l402-sim did not start", e);
        }
        for (SimEndpoint e : sim.endpoints) {
            sim.byHostPath.get(e.host()).put(e.path(), e);
        }
        LOG.info("l402-sim: {} endpoints on {} hosts, registry at {}", sim.endpoints.size(), settings.hosts(),
                sim.registryUrl());
        return sim;
    }

    public List<SimEndpoint> endpoints() {
        return endpoints;
    }

    public String baseUrl(int host) {
        int port = servers.isEmpty() ? settings.firstPort() + host : servers.get(host).getAddress().getPort();
        return "http://" + settings.bindHost() + ":" + port;
    }

    /**
     * The hidden truth of the economy {@code settings} describes, as a running one on those fixed
     * ports serves it, without binding them (they may be taken by that very economy): what
     * {@code l402-sim truth} prints next to a running demo.
     */
    public static void writeTruth(L402SimSettings settings, MerchantClient merchants, Writer out) throws IOException {
        if (settings.firstPort() == 0) {
            throw new IllegalArgumentException("the truth of an economy on free ports has no stable URLs: give --port");
        }
        L402SimServer unbound = new L402SimServer(settings, merchants, InstantSource.system());
        try {
            unbound.writeTruth(out);
        } finally {
            unbound.workers.shutdownNow();
        }
    }

    public String url(SimEndpoint endpoint) {
        return baseUrl(endpoint.host()) + endpoint.path();
    }

    /** The 402index-style registry (without query). */
    public String registryUrl() {
        return baseUrl(0) + "/api/v1/services";
    }

    /** The l402.directory-style listing (without query). */
    public String directoryUrl() {
        return baseUrl(0) + "/api/services";
    }

    private void handle(int host, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (host == 0 && path.equals("/api/v1/services")) {
                send(exchange, 200, Map.of(), JSON.writeValueAsBytes(registryPage(query(exchange))));
                return;
            }
            if (host == 0 && path.equals("/api/services")) {
                send(exchange, 200, Map.of(), JSON.writeValueAsBytes(directory()));
                return;
            }
            SimEndpoint endpoint = byHostPath.get(host).get(path);
            if (endpoint == null || endpoint.kind() == SimEndpoint.Kind.FOSSIL_404) {
                send(exchange, 404, Map.of(), "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.getRequestBody().readAllBytes();
            if (!endpoint.method().equals(exchange.getRequestMethod())) {
                send(exchange, 405, Map.of("Allow", endpoint.method()),
                        "{\"error\":\"method not allowed\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            pause(endpoint);
            answer(endpoint, exchange);
        } catch (RuntimeException e) {
            LOG.warn("l402-sim request failed: {}", e.toString());
            send(exchange, 500, Map.of(), "{\"error\":\"internal\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void answer(SimEndpoint endpoint, HttpExchange exchange) throws IOException {
        switch (endpoint.kind()) {
            case FREE -> send(exchange, 200, Map.of(), goodBody(endpoint));
            case UNAUTHORIZED -> send(exchange, 401, Map.of("WWW-Authenticate", "Bearer realm=\"api\""),
                    "{\"error\":\"api key required\"}".getBytes(StandardCharsets.UTF_8));
            case X402 -> send(exchange, 402, Map.of("payment-required", Base64.getEncoder().encodeToString(
                    ("{\"x402Version\":1,\"accepts\":[{\"scheme\":\"exact\",\"network\":\"base\",\"maxAmountRequired\":\""
                            + endpoint.priceSats() * 1000 + "\"}]}").getBytes(StandardCharsets.UTF_8))),
                    "{\"error\":\"payment required\"}".getBytes(StandardCharsets.UTF_8));
            default -> {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null) {
                    challenge(endpoint, exchange);
                } else {
                    deliver(endpoint, auth, exchange);
                }
            }
        }
    }

    private void challenge(SimEndpoint endpoint, HttpExchange exchange) throws IOException {
        SimEndpoint.Truth truth = endpoint.truth();
        if (draw(endpoint) >= truth.challenge()) {
            // a broken challenge: half the time no header at all, otherwise one without an invoice
            Map<String, String> headers = draw(endpoint) < 0.5 ? Map.of()
                    : Map.of("WWW-Authenticate", "L402 realm=\"" + endpoint.provider() + "\"");
            send(exchange, 402, headers, "{\"error\":\"payment required\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        boolean faulty = draw(endpoint) >= truth.invoice();
        long sats = endpoint.priceSats();
        long createdAt = 0;
        String currency = "";
        if (faulty) {
            switch (truth.invoiceFault()) {
                case EXPIRED -> createdAt = clock.instant().getEpochSecond() - 7_200;
                case WRONG_NETWORK -> currency = "tb";
                case AMOUNT_MISMATCH -> sats = sats * 4 + 10;
            }
        }
        String invoice = merchants.invoice(endpoint.payee(), sats, endpoint.name(), createdAt, currency,
                !truth.honestPreimage());
        byte[] paymentHash = com.satrank.bolt11.Bolt11.decode(invoice).paymentHash();
        byte[] tokenId = new byte[32];
        ByteBuffer.wrap(tokenId).putLong(draws.get(endpoint.id()).nextLong()).putLong(System.nanoTime());
        Macaroon macaroon = Macaroon.mint(rootKey(endpoint), endpoint.provider(),
                new L402Identifier(0, paymentHash, tokenId).encode(), List.of("services=" + endpoint.category() + ":0"));
        String mac = Base64.getEncoder().encodeToString(macaroon.encode());
        String header = switch (endpoint.quoting()) {
            case "single" -> "L402 macaroon='" + mac + "', invoice='" + invoice + "'";
            case "bare" -> "L402 macaroon=" + mac + ", invoice=" + invoice;
            case "lsat" -> "LSAT macaroon=\"" + mac + "\", invoice=\"" + invoice + "\"";
            default -> "L402 macaroon=\"" + mac + "\", invoice=\"" + invoice + "\"";
        };
        send(exchange, 402, Map.of("WWW-Authenticate", header),
                "{\"error\":\"payment required\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void deliver(SimEndpoint endpoint, String auth, HttpExchange exchange) throws IOException {
        if (!validCredential(endpoint, auth)) {
            send(exchange, 401, Map.of(), "{\"error\":\"invalid L402 credential\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        SimEndpoint.Truth truth = endpoint.truth();
        if (draw(endpoint) >= truth.delivery()) {
            if (truth.deliveryFault() == SimEndpoint.DeliveryFault.HTTP_5XX) {
                send(exchange, 503, Map.of(), "{\"error\":\"upstream unavailable\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, Map.of(), new byte[0]);
            }
            return;
        }
        if (draw(endpoint) >= truth.quality()) {
            String body = truth.bodyFault() == SimEndpoint.BodyFault.ERROR_JSON
                    ? "{\"error\":\"internal server error\",\"code\":500}"
                    : "{\"data\":\"lorem ipsum placeholder, coming soon\"}";
            send(exchange, 200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, Map.of(), goodBody(endpoint));
    }

    /** A real L402 check: the macaroon is ours and the preimage hashes to its payment hash. */
    private boolean validCredential(SimEndpoint endpoint, String auth) {
        String[] scheme = auth.trim().split("\\s+", 2);
        if (scheme.length != 2 || !(scheme[0].equalsIgnoreCase("L402") || scheme[0].equalsIgnoreCase("LSAT"))) {
            return false;
        }
        int colon = scheme[1].lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            Macaroon macaroon = Macaroon.decode(Base64.getDecoder().decode(scheme[1].substring(0, colon).trim()));
            byte[] preimage = HexFormat.of().parseHex(scheme[1].substring(colon + 1).trim());
            L402Identifier id = L402Identifier.decode(macaroon.identifier());
            return macaroon.verifySignature(rootKey(endpoint))
                    && MessageDigest.isEqual(Sha256.of(preimage), id.paymentHash());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private byte[] goodBody(SimEndpoint endpoint) {
        ObjectNode body = JSON.createObjectNode();
        body.put("endpoint", endpoint.name());
        body.put("category", endpoint.category());
        body.put("value", Math.round(draw(endpoint) * 100_000) / 100.0);
        body.put("observed_at", clock.instant().toString());
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] rootKey(SimEndpoint endpoint) {
        return Sha256.of(ByteBuffer.allocate(12).putLong(settings.seed()).putInt(endpoint.id()).array());
    }

    private double draw(SimEndpoint endpoint) {
        SplittableRandom random = draws.get(endpoint.id());
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private void pause(SimEndpoint endpoint) {
        if (settings.maxLatencyMs() == 0) {
            return;
        }
        double gaussian;
        SplittableRandom random = draws.get(endpoint.id());
        synchronized (random) {
            gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        long ms = Math.min(settings.maxLatencyMs(), Math.round(endpoint.truth().medianLatencyMs() * Math.exp(0.5 * gaussian)));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode registryPage(Map<String, String> query) {
        int limit = clamp(query.get("limit"), 100, 1, 500);
        int offset = clamp(query.get("offset"), 0, 0, Integer.MAX_VALUE);
        String protocol = query.getOrDefault("protocol", "");
        List<SimEndpoint> listed = endpoints.stream().filter(e -> e.registries().contains("402index"))
                .filter(e -> protocol.isEmpty() || protocol.equalsIgnoreCase("L402")).toList();
        ObjectNode page = JSON.createObjectNode();
        ArrayNode services = page.putArray("services");
        for (int i = offset; i < Math.min(listed.size(), offset + limit); i++) {
            SimEndpoint e = listed.get(i);
            ObjectNode s = services.addObject();
            s.put("name", e.name());
            s.put("description", "Simulated " + e.category() + " service");
            s.put("url", url(e));
            s.put("protocol", "L402");
            s.put("price_sats", e.priceSats());
            s.put("category", e.category());
            s.put("provider", e.provider());
            s.put("http_method", e.method());
            s.put("health_status", "healthy");
            s.put("uptime_30d", 0.99);
            s.put("latency_p50_ms", e.truth().medianLatencyMs());
        }
        page.put("total", listed.size());
        page.put("limit", limit);
        page.put("offset", offset);
        return page;
    }

    private ObjectNode directory() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode services = root.putArray("services");
        Map<String, ArrayNode> byProvider = new LinkedHashMap<>();
        for (SimEndpoint e : endpoints) {
            if (!e.registries().contains("l402directory")) {
                continue;
            }
            ArrayNode list = byProvider.computeIfAbsent(e.provider(), p -> {
                ObjectNode service = services.addObject();
                service.put("name", p);
                service.put("provider", p);
                return service.putArray("endpoints");
            });
            ObjectNode endpoint = list.addObject();
            endpoint.put("url", url(e));
            endpoint.put("method", e.method());
            endpoint.put("description", e.name());
            endpoint.put("category", e.category());
            endpoint.put("status", "live");
            endpoint.putObject("pricing").put("amount", e.priceSats()).put("currency", "sats");
        }
        return root;
    }

    /**
     * The hidden truth as CSV, one row per endpoint: per-stage probabilities (each conditional on
     * the stages before it) and their product. The payment stage is lnd-sim's probability that a
     * payment of the price reaches the payee, zero for a payee that answers with a wrong preimage.
     */
    public void writeTruth(Writer out) throws IOException {
        out.write("url,url_hash,kind,category,price_sats,payee,p_challenge,p_invoice,p_payment,p_delivery,p_quality,p_e2e\n");
        for (SimEndpoint e : endpoints) {
            double[] p = truth(e);
            out.write(String.join(",", url(e), EndpointUrl.of(url(e)).hash(), e.kind().name(), e.category(),
                    Long.toString(e.priceSats()), e.payee()));
            for (double v : p) {
                out.write(String.format(Locale.ROOT, ",%.6f", v));
            }
            out.write("\n");
        }
    }

    /** Per-stage truth of one endpoint: challenge, invoice, payment, delivery, quality, end to end. */
    public double[] truth(SimEndpoint e) {
        if (e.kind() != SimEndpoint.Kind.L402) {
            return new double[6];
        }
        SimEndpoint.Truth t = e.truth();
        double payment = t.honestPreimage() ? merchants.paymentTruth(e.payee(), e.priceSats()) : 0.0;
        double[] p = {t.challenge(), t.invoice(), payment, t.delivery(), t.quality(), 0};
        p[5] = p[0] * p[1] * p[2] * p[3] * p[4];
        return p;
    }

    public Optional<SimEndpoint> endpointAt(String url) {
        return endpoints.stream().filter(e -> url(e).equals(url)).findFirst();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static int clamp(String value, int fallback, int min, int max) {
        try {
            return value == null ? fallback : Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        merchants.close();
    }
}
