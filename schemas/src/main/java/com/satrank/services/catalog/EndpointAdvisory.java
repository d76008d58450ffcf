package com.satrank.services.catalog;

import com.satrank.model.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's advisory for an endpoint (risk score, level, advisories, recommendation,
 * freshness), from its judgement and health. {@code ageSec} is the age of its newest evidence, or
 * null when it has none.
 */
public record EndpointAdvisory(String level, double riskScore, List<Advice> advisories, String recommendation,
                               String freshness) {
    public record Advice(String code, String level, String msg, double signalStrength) {
    }

    public static EndpointAdvisory of(EndpointJudgement j, Double reachability, Long ageSec) {
        boolean critical = j.verdict() == Verdict.RISKY;
        double reach = reachability == null ? 0.5 : reachability;
        double width = j.ci95High() - j.ci95Low();
        double risk = clamp01(0.40 * (critical ? 1 : 0) + 0.25 * (1 - reach) + 0.15 * Math.min(1, width / 0.5));
        String level = risk >= 0.60 ? "red" : risk >= 0.35 ? "orange" : risk >= 0.15 ? "yellow" : "green";
        List<Advice> advice = new ArrayList<>();
        if (critical) {
            advice.add(new Advice("CRITICAL_FLAG", "critical", "A stage of paying this endpoint fails", 1.0));
        }
        if (reachability != null && reachability < 0.1) {
            advice.add(new Advice("LOW_REACHABILITY", "critical", "Answered under 10 % of checks in 7 days",
                    round3(1 - reachability)));
        } else if (reachability != null && reachability < 0.5) {
            advice.add(new Advice("INTERMITTENT", "warning", "Answered under half of checks in 7 days",
                    round3(1 - reachability)));
        }
        if (width >= 0.25) {
            advice.add(new Advice("UNCERTAIN_POSTERIOR", "info", "End-to-end band wider than 0.25", round3(Math.min(1, width))));
        }
        if ("green".equals(level) && (ageSec == null || ageSec >= 3600)) {
            level = "yellow";
            advice.add(new Advice("INSUFFICIENT_FRESHNESS", "warning", "No observation in the last hour",
                    ageSec == null ? 1.0 : round3(Math.min(1, ageSec / 86_400.0))));
        }
        String recommendation;
        if (critical || "red".equals(level)) {
            recommendation = "avoid";
        } else if ("orange".equals(level)) {
            recommendation = "consider_alternative";
        } else if (j.verdict() == Verdict.SAFE && "green".equals(level) && j.ci95Low() >= 0.70) {
            recommendation = "proceed";
        } else {
            recommendation = "proceed_with_caution";
        }
        return new EndpointAdvisory(level, round3(risk), List.copyOf(advice), recommendation, freshness(ageSec));
    }

    /** fresh under a minute, recent under an hour, stale under a day, very_stale beyond or never. */
    public static String freshness(Long ageSec) {
        if (ageSec == null) {
            return "very_stale";
        }
        return ageSec < 60 ? "fresh" : ageSec < 3600 ? "recent" : ageSec < 86_400 ? "stale" : "very_stale";
    }

    static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
