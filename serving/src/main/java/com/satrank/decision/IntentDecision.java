package com.satrank.decision;

import com.satrank.model.Verdict;
import com.satrank.model.amount.NodeReliability;

import java.util.ArrayList;
import java.util.List;

/**
 * GO / NO-GO for paying a target (reference §3.5, without the HTTP-service parts): a success rate
 * blending the posterior (0.50), the caller's path (0.20), 7-day probe reachability (0.15) and
 * whether a path exists at all (0.15); GO only for a SAFE verdict with a success rate ≥ 0.5.
 * Missing inputs count as 0.5 (no information), never as good news. Pure.
 */
public final class IntentDecision {
    public static final double GO_THRESHOLD = 0.5;
    public static final long DEFAULT_AMOUNT_SATS = NodeReliability.DEFAULT_AMOUNT_SAT;

    private IntentDecision() {
    }

    /** A path from the caller: null when none was looked for (caller unknown or LND unavailable). */
    public record Path(boolean reachable, int hops, long feeMsat) {
    }

    public record Result(boolean go, double successRate, List<String> reasons) {
    }

    public static Result decide(double pSuccess, Verdict verdict, Double reachability, Path path, Long amountSat) {
        long amount = amountSat == null || amountSat <= 0 ? DEFAULT_AMOUNT_SATS : amountSat;
        double pRoutable = path == null ? 0.5 : path.reachable() ? 1 : 0;
        double pAvailable = reachability == null ? 0.5 : reachability;
        double pPath = path == null ? 0.5 : !path.reachable() ? 0
                : 0.5 * Math.max(0.12, 1 - (path.hops() - 1) * 0.08) + 0.3 * 0.8
                + 0.2 * (1 - Math.min(1, path.feeMsat() / (amount * 0.01 * 1000)));
        double rate = Math.max(0, Math.min(1, 0.50 * pSuccess + 0.20 * pPath + 0.15 * pAvailable + 0.15 * pRoutable));
        List<String> reasons = new ArrayList<>();
        if (verdict != Verdict.SAFE) {
            reasons.add("verdict is " + verdict + ", GO needs SAFE");
        }
        if (rate < GO_THRESHOLD) {
            reasons.add(String.format(java.util.Locale.ROOT, "success rate %.3f is below %.1f", rate, GO_THRESHOLD));
        }
        if (path != null && !path.reachable()) {
            reasons.add("no route from the caller to the target");
        }
        if (path == null) {
            reasons.add("no pathfinding from the caller (unknown caller or LND unavailable)");
        }
        boolean go = verdict == Verdict.SAFE && rate >= GO_THRESHOLD;
        if (go) {
            reasons.add(0, "SAFE verdict and success rate " + String.format(java.util.Locale.ROOT, "%.3f", rate));
        }
        return new Result(go, Math.round(rate * 1000) / 1000.0, reasons);
    }
}
