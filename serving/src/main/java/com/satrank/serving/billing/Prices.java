package com.satrank.serving.billing;

import com.satrank.serving.api.PaidRoute;
import java.util.EnumMap;
import java.util.Map;

/** Credits (sats) each paid route costs. */
public record Prices(Map<PaidRoute, Integer> sats) {
    public Prices {
        sats = new EnumMap<>(sats);
        for (PaidRoute r : PaidRoute.values()) {
            if (sats.getOrDefault(r, 0) < 1) {
                throw new IllegalArgumentException("no price for " + r);
            }
        }
    }

    public static Prices of(int profile, int verdicts, int intent, int freshIntent, int probe) {
        return new Prices(Map.of(PaidRoute.PROFILE, profile, PaidRoute.VERDICTS, verdicts, PaidRoute.INTENT, intent,
                PaidRoute.FRESH_INTENT, freshIntent, PaidRoute.PROBE, probe));
    }

    public int of(PaidRoute route) {
        return sats.get(route);
    }
}
