package com.satrank.services.catalog;

import com.satrank.model.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks a category's endpoints for an agent (reference §1.10, docs/scoring.md §10): filter by
 * keywords, budget and latency; judge each; keep SAFE only (strict), else anything not RISKY
 * (relaxed, with a warning), else nothing (degraded); RISKY is never returned. Then sort on the
 * chosen axis and cap candidates at two per payee node and two per host, so one operator cannot
 * fill the list; the overflow refills what the caps left empty. Pure: the same pool, query and
 * time give the same answer.
 */
public final class IntentResolver {
    static final int PER_OPERATOR = 2;
    static final int PER_HOST = 2;

    private IntentResolver() {
    }

    public enum Strictness {
        STRICT, RELAXED, DEGRADED;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One endpoint as judged for the agent, with the health figures the answer shows. */
    public record Candidate(EndpointScore endpoint, EndpointJudgement judgement, EndpointAdvisory advisory,
                            Double reachability, double httpHealthScore, double healthFreshness, Long lastProbeAgeSec,
                            boolean meaningful) {
    }

    public record Result(List<Candidate> candidates, int totalMatched, Strictness strictness, List<String> warnings) {
    }

    public static Result resolve(IntentQuery q, List<EndpointScore> pool, long nowMs) {
        List<Candidate> matched = new ArrayList<>();
        for (EndpointScore e : pool) {
            if (!e.deprecated() && e.category().equals(q.category()) && matches(q, e)) {
                matched.add(candidate(e, nowMs));
            }
        }
        List<Candidate> strict = matched.stream().filter(c -> c.judgement().verdict() == Verdict.SAFE).toList();
        List<String> warnings = new ArrayList<>();
        Strictness strictness = Strictness.STRICT;
        List<Candidate> tier = strict;
        if (strict.isEmpty()) {
            tier = matched.stream().filter(c -> c.judgement().verdict() != Verdict.RISKY).toList();
            strictness = tier.isEmpty() ? Strictness.DEGRADED : Strictness.RELAXED;
            warnings.add(tier.isEmpty() ? "NO_CANDIDATES" : "FALLBACK_RELAXED");
        }
        List<Candidate> sorted = new ArrayList<>(tier);
        sorted.sort(order(q.optimize()));
        return new Result(diversify(sorted, q.limit()), tier.size(), strictness, List.copyOf(warnings));
    }

    static boolean matches(IntentQuery q, EndpointScore e) {
        if (!q.keywords().isEmpty()) {
            String text = (e.name() + " " + e.description() + " " + e.category() + " " + e.provider()).toLowerCase(Locale.ROOT);
            for (String word : q.keywords()) {
                if (!text.contains(word)) {
                    return false;
                }
            }
        }
        if (q.budgetSats() != null && (e.priceSats() == null || e.priceSats() > q.budgetSats())) {
            return false;
        }
        return q.maxLatencyMs() == null || (e.medianLatencyMs() != null && e.medianLatencyMs() <= q.maxLatencyMs());
    }

    public static Candidate candidate(EndpointScore e, long nowMs) {
        EndpointJudgement j = EndpointJudgement.of(e);
        long newest = e.lastEvidenceMs();
        Long ageSec = newest == 0 ? null : Math.max(0, (nowMs - newest) / 1000);
        Long probeAgeSec = e.lastCheckedMs() == null ? null : Math.max(0, (nowMs - e.lastCheckedMs()) / 1000);
        EndpointScore.HttpHealth health = e.httpHealth();
        double status = health == null ? 0.5 : switch (health) {
            case HEALTHY -> 1.0;
            case DEGRADED -> 0.5;
            case DOWN -> 0.0;
        };
        double uptime = e.uptime7d() == null ? 0 : e.uptime7d();
        String freshness = EndpointAdvisory.freshness(ageSec);
        boolean meaningful = (freshness.equals("fresh") || freshness.equals("recent")) && j.nObs() >= 3;
        return new Candidate(e, j, EndpointAdvisory.of(j, e.uptime7d(), ageSec), e.uptime7d(),
                EndpointAdvisory.round3(0.7 * status + 0.3 * uptime),
                probeAgeSec == null ? 0 : EndpointAdvisory.round3(Math.exp(-probeAgeSec / 600.0)), probeAgeSec, meaningful);
    }

    static Comparator<Candidate> order(IntentQuery.Optimize optimize) {
        Comparator<Candidate> byP = Comparator.comparing((Candidate c) -> !c.meaningful())
                .thenComparing(c -> -c.judgement().pSuccess())
                .thenComparing(c -> -c.judgement().ci95Low())
                .thenComparing(c -> price(c));
        Comparator<Candidate> primary = switch (optimize) {
            case P_SUCCESS -> byP;
            case LATENCY -> Comparator.comparing((Candidate c) -> latency(c)).thenComparing(byP);
            case RELIABILITY -> Comparator.comparing((Candidate c) -> -(c.reachability() == null ? 0 : c.reachability()))
                    .thenComparing(byP);
            case COST -> Comparator.comparing((Candidate c) -> price(c)).thenComparing(byP);
        };
        return primary.thenComparing(c -> c.endpoint().urlHash());
    }

    private static long price(Candidate c) {
        return c.endpoint().priceSats() == null ? Long.MAX_VALUE : c.endpoint().priceSats();
    }

    private static long latency(Candidate c) {
        return c.endpoint().medianLatencyMs() == null ? Long.MAX_VALUE : c.endpoint().medianLatencyMs();
    }

    static List<Candidate> diversify(List<Candidate> sorted, int limit) {
        List<Candidate> picked = new ArrayList<>();
        List<Candidate> overflow = new ArrayList<>();
        Map<String, Integer> perOperator = new HashMap<>();
        Map<String, Integer> perHost = new HashMap<>();
        for (Candidate c : sorted) {
            if (picked.size() == limit) {
                break;
            }
            String operator = c.endpoint().payeePubkey();
            String host = c.endpoint().host();
            boolean operatorFull = operator != null && perOperator.getOrDefault(operator, 0) >= PER_OPERATOR;
            if (operatorFull || perHost.getOrDefault(host, 0) >= PER_HOST) {
                overflow.add(c);
                continue;
            }
            picked.add(c);
            if (operator != null) {
                perOperator.merge(operator, 1, Integer::sum);
            }
            perHost.merge(host, 1, Integer::sum);
        }
        for (Candidate c : overflow) {
            if (picked.size() == limit) {
                break;
            }
            picked.add(c);
        }
        return List.copyOf(picked);
    }
}
