package com.satrank.ingest.probe;

import com.satrank.model.Pubkey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses this cycle's probe targets: nodes agents asked about recently first, then the stalest
 * (never probed counts as stalest), skipping any probed less than {@code minInterval} ago, at most
 * {@code budget} targets. Ties break by pubkey so the plan is reproducible. Pure.
 */
public final class ProbePlanner {
    private ProbePlanner() {
    }

    public static List<Pubkey> plan(Collection<Pubkey> candidates, Map<Pubkey, Instant> lastProbed,
                                    Set<Pubkey> queriedRecently, Instant now, Duration minInterval, int budget) {
        List<Pubkey> due = new ArrayList<>();
        for (Pubkey p : candidates) {
            Instant last = lastProbed.get(p);
            if (last == null || !last.plus(minInterval).isAfter(now)) {
                due.add(p);
            }
        }
        due.sort(Comparator.<Pubkey, Boolean>comparing(p -> !queriedRecently.contains(p))
                .thenComparing(p -> lastProbed.getOrDefault(p, Instant.MIN))
                .thenComparing(Comparator.naturalOrder()));
        return due.size() > budget ? List.copyOf(due.subList(0, budget)) : List.copyOf(due);
    }
}
