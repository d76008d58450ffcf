package com.satrank.l402sim;

import com.satrank.l402sim.SimEndpoint.BodyFault;
import com.satrank.l402sim.SimEndpoint.DeliveryFault;
import com.satrank.l402sim.SimEndpoint.InvoiceFault;
import com.satrank.l402sim.SimEndpoint.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws an economy from a seed: endpoints on {@code hosts} hosts (the first hosts carry most of
 * them, as a few providers dominate real registries), categories as the reference's registries use
 * them, prices, methods, payees among the merchant nodes, and a hidden truth per endpoint that
 * ranges from excellent to broken at every stage. Same seed and merchants, same economy.
 */
public final class EconomyGenerator {
    static final String[][] CATEGORIES = {
            {"data/weather", "forecast", "current", "alerts"},
            {"data/prices", "spot", "ohlc", "fx"},
            {"data/news", "headlines", "search"},
            {"ai/llm", "chat", "complete", "summarize"},
            {"ai/embeddings", "embed", "similarity"},
            {"ai/image", "generate", "upscale"},
            {"tools/search", "web", "maps"},
            {"tools/translate", "text", "detect"},
            {"tools/qr", "encode"},
            {"bitcoin/mempool", "fees", "blocks", "tx"},
            {"bitcoin/lightning", "nodes", "channels"},
    };
    private static final String[] QUOTING = {"double", "double", "double", "single", "bare", "lsat"};

    private final SplittableRandom random;

    public EconomyGenerator(long seed) {
        this.random = new SplittableRandom(seed ^ 0x4_02_0_5EEDL);
    }

    /** {@code count} endpoints over {@code hosts} hosts, paid to {@code merchants} (hex pubkeys). */
    public List<SimEndpoint> generate(int count, int hosts, List<String> merchants) {
        if (merchants.isEmpty()) {
            throw new IllegalArgumentException("the economy needs at least one merchant node in lnd-sim");
        }
        if (hosts < 1 || count < 1) {
            throw new IllegalArgumentException("the economy needs at least one host and one endpoint");
        }
        List<SimEndpoint> endpoints = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            // host 0 gets ~40 %, host 1 ~20 %, the rest share what is left
            double u = random.nextDouble();
            int host = hosts == 1 ? 0 : u < 0.4 ? 0 : u < 0.6 || hosts == 2 ? 1 : 2 + random.nextInt(hosts - 2);
            String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String action = category[1 + random.nextInt(category.length - 1)];
            String path = "/" + category[0] + "/" + action + "/v" + (1 + random.nextInt(3)) + "/e" + id;
            String method = random.nextDouble() < 0.45 ? "POST" : "GET";
            long price = priceFor(category[0]);
            String payee = merchants.get(random.nextInt(merchants.size()));
            endpoints.add(new SimEndpoint(id, host, path, method, category[0],
                    category[0].replace('/', ' ') + " " + action + " #" + id, "provider-" + (host + 1),
                    price, kind(), payee, truth(), registries(), QUOTING[random.nextInt(QUOTING.length)]));
        }
        return endpoints;
    }

    private Kind kind() {
        double u = random.nextDouble();
        if (u < 0.86) {
            return Kind.L402;
        }
        if (u < 0.90) {
            return Kind.FOSSIL_404;
        }
        if (u < 0.93) {
            return Kind.FREE;
        }
        return u < 0.965 ? Kind.UNAUTHORIZED : Kind.X402;
    }

    private long priceFor(String category) {
        long base = switch (category) {
            case "ai/llm", "ai/image" -> 20;
            case "ai/embeddings", "data/news" -> 5;
            default -> 2;
        };
        return Math.max(1, Math.round(base * Math.exp(random.nextGaussian() * 0.6)));
    }

    private SimEndpoint.Truth truth() {
        // Most endpoints are good at every stage; a minority is weak at one or two; a few are broken.
        double challenge = pick(0.80, 0.97, 1.0, 0.12, 0.55, 0.90, 0.04, 0.0, 0.05);
        double invoice = pick(0.85, 0.96, 1.0, 0.10, 0.45, 0.90, 0.05, 0.0, 0.05);
        InvoiceFault invoiceFault = InvoiceFault.values()[random.nextInt(InvoiceFault.values().length)];
        boolean honest = random.nextDouble() >= 0.03;
        double delivery = pick(0.80, 0.93, 1.0, 0.14, 0.50, 0.90, 0.06, 0.0, 0.10);
        DeliveryFault deliveryFault = random.nextBoolean() ? DeliveryFault.HTTP_5XX : DeliveryFault.EMPTY;
        double quality = pick(0.78, 0.92, 1.0, 0.15, 0.45, 0.90, 0.07, 0.0, 0.15);
        BodyFault bodyFault = random.nextBoolean() ? BodyFault.ERROR_JSON : BodyFault.PLACEHOLDER;
        int latency = (int) Math.round(20 * Math.exp(random.nextGaussian() * 0.7));
        return new SimEndpoint.Truth(challenge, invoiceFault, invoice, honest, delivery, deliveryFault, quality,
                bodyFault, Math.min(latency, 400));
    }

    /** Good with probability {@code pGood} (uniform in [goodLo, goodHi]), weak, or broken. */
    private double pick(double pGood, double goodLo, double goodHi, double pWeak, double weakLo, double weakHi,
                        double pBroken, double brokenLo, double brokenHi) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        if (u < pGood) {
            return goodLo + (goodHi - goodLo) * v;
        }
        if (u < pGood + pWeak) {
            return weakLo + (weakHi - weakLo) * v;
        }
        return brokenLo + (brokenHi - brokenLo) * v;
    }

    private List<String> registries() {
        double u = random.nextDouble();
        return u < 0.75 ? List.of("402index") : u < 0.92 ? List.of("402index", "l402directory") : List.of("l402directory");
    }
}
