package com.satrank.nostr.config;

import com.satrank.nostr.NostrKeys;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * Nostr publishing (config key {@code nostr}): off unless {@code publish} is set and relays are
 * given. The private key comes from NOSTR_PRIVATE_KEY through the template; it is a secret like the
 * macaroon secret: never logged, and production refuses to publish without a strong one.
 */
public class NostrConfig {
    @JsonProperty
    private boolean publish = false;

    @NotNull
    @JsonProperty
    private List<String> relays = new ArrayList<>();

    @NotNull
    @JsonProperty
    private String privateKey = "";

    @NotNull
    @JsonProperty
    private Duration interval = Duration.minutes(5);

    @NotNull
    @JsonProperty
    private Duration ackTimeout = Duration.seconds(5);

    @Min(1)
    @Max(100_000)
    @JsonProperty
    private int limit = 1000;

    /** Answer kind 5900 trust-check jobs on the same relays (NIP-90). */
    @JsonProperty
    private boolean dvm = true;

    /** Our LND node's pubkey, named in the daily announcement (kind 30784); empty when not set. */
    @jakarta.validation.constraints.Pattern(regexp = "|0[23][0-9a-f]{64}")
    @JsonProperty
    private String lndPubkey = "";

    /** How to reach the operator, and where a service learns to register, for the announcement. */
    @JsonProperty
    private String contact = "";

    @JsonProperty
    private String onboardingUrl = "";

    public String lndPubkey() {
        return lndPubkey == null ? "" : lndPubkey;
    }

    public String contact() {
        return contact == null ? "" : contact;
    }

    public String onboardingUrl() {
        return onboardingUrl == null ? "" : onboardingUrl;
    }

    public boolean dvm() {
        return dvm;
    }

    public boolean publishing() {
        return publish && !relays.isEmpty();
    }

    public List<String> relays() {
        return List.copyOf(relays);
    }

    public java.time.Duration interval() {
        return java.time.Duration.ofMillis(interval.toMilliseconds());
    }

    public java.time.Duration ackTimeout() {
        return java.time.Duration.ofMillis(ackTimeout.toMilliseconds());
    }

    public int limit() {
        return limit;
    }

    /**
     * The signing keys. In production a missing, malformed or weak key (fewer than 12 distinct hex
     * digits, as a typed placeholder would have) is refused with a message that never contains it;
     * elsewhere a missing key gets a throwaway one.
     */
    public NostrKeys keys(boolean production) {
        String key = privateKey == null ? "" : privateKey.trim();
        if (key.isEmpty()) {
            if (production) {
                throw new IllegalStateException("nostr.publish is on but NOSTR_PRIVATE_KEY is not set");
            }
            return NostrKeys.generate();
        }
        if (production && key.toLowerCase(java.util.Locale.ROOT).chars().distinct().count() < 12) {
            throw new IllegalStateException("NOSTR_PRIVATE_KEY looks weak (too few distinct hex digits): generate a"
                    + " random one (openssl rand -hex 32)");
        }
        try {
            return NostrKeys.fromHex(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("NOSTR_PRIVATE_KEY is not a valid secp256k1 secret key (64 hex characters)");
        }
    }
}
