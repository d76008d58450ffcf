package com.satrank.nostr.publish;

import com.satrank.nostr.NostrKeys;
import com.satrank.nostr.config.NostrConfig;
import com.satrank.nostr.relay.RelayPool;
import com.satrank.runtime.RepeatingTask;
import java.time.Duration;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher process: a {@link NostrPublisher} round every interval, and the trust-check DVM on the
 * same relays; stops the DVM, the loop, then the relays.
 */
public final class NostrPublishing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NostrPublishing.class);
    private final RelayPool relays;
    private final RepeatingTask task;
    private final TrustCheckDvm dvm;

    public NostrPublishing(NostrConfig config, NostrKeys keys, Jdbi jdbi, InstantSource clock) {
        this.relays = new RelayPool(config.relays(), config.ackTimeout(), clock);
        NostrPublisher publisher = new NostrPublisher(jdbi, keys, relays, config.limit(),
                new com.satrank.nostr.db.AssertionQueries.Oracle(keys.publicKeyHex(), config.lndPubkey(), config.contact(),
                        config.onboardingUrl()));
        this.task = new RepeatingTask("nostr-publisher", () -> {
            try {
                var round = publisher.publishOnce();
                if (round.due() > 0) {
                    LOG.info("nostr: {} assertions due, {} accepted by a relay", round.due(), round.published());
                }
            } catch (RuntimeException e) {
                LOG.warn("nostr publishing round failed: {}", e.toString());
            }
            return config.interval();
        }, Duration.ofSeconds(30));
        this.dvm = config.dvm() ? new TrustCheckDvm(jdbi, keys, config.relays(), config.ackTimeout(), clock) : null;
        LOG.info("nostr: publishing as {} to {}", keys.publicKeyHex(), config.relays());
    }

    public void start() {
        task.start();
        if (dvm != null) {
            dvm.start();
        }
    }

    @Override
    public void close() {
        if (dvm != null) {
            dvm.close();
        }
        task.close();
        relays.close();
    }
}
