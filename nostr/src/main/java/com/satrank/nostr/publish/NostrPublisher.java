package com.satrank.nostr.publish;

import com.satrank.nostr.EventSigner;
import com.satrank.nostr.NostrEvent;
import com.satrank.nostr.NostrKeys;
import com.satrank.nostr.RepublishRules;
import com.satrank.nostr.db.AssertionQueries;
import com.satrank.nostr.relay.RelayPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishes the trust assertions the tables give at the last pass (created_at = that pass's event
 * time, so what is published is a function of the tables), only those {@link RepublishRules} find
 * due against the {@code nostr_published} ledger, and records each event a relay accepted. A restart
 * therefore republishes nothing unchanged.
 */
public final class NostrPublisher {
    private final Jdbi jdbi;
    private final NostrKeys keys;
    private final RelayPool relays;
    private final int limit;
    private final EventSigner signer = new EventSigner();

    private final AssertionQueries.Oracle oracle;

    public NostrPublisher(Jdbi jdbi, NostrKeys keys, RelayPool relays, int limit, AssertionQueries.Oracle oracle) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.relays = relays;
        this.limit = limit;
        this.oracle = oracle;
    }

    /** What one round did. */
    public record Round(int due, int published) {
    }

    public Round publishOnce() {
        List<AssertionQueries.Assertion> current = new ArrayList<>();
        Map<String, RepublishRules.Summary> ledger = new HashMap<>();
        Map<String, Long> createdBefore = new HashMap<>();
        long[] createdAt = new long[1];
        jdbi.useHandle(h -> {
            createdAt[0] = AssertionQueries.lastPassSeconds(h);
            h.createQuery("SELECT kind, d, verdict, p, n_obs, created_at FROM nostr_published")
                    .map((rs, ctx) -> {
                        String key = rs.getInt(1) + "/" + rs.getString(2);
                        createdBefore.put(key, rs.getLong(6));
                        return ledger.put(key, new RepublishRules.Summary(rs.getString(3), rs.getDouble(4),
                                rs.getDouble(5)));
                    })
                    .list();
            current.addAll(AssertionQueries.current(h, limit, oracle, createdAt[0]));
        });
        List<AssertionQueries.Assertion> due = current.stream().filter(c -> {
            String key = c.kind() + "/" + c.d();
            if (c.periodSeconds() > 0) {
                // periodic kinds: due once their period has passed in event time since the last one signed
                return !ledger.containsKey(key) || createdAt[0] - createdBefore.get(key) >= c.periodSeconds();
            }
            return RepublishRules.due(ledger.get(key), c.summary());
        }).toList();
        if (due.isEmpty()) {
            return new Round(0, 0);
        }
        List<NostrEvent> events = new ArrayList<>();
        for (AssertionQueries.Assertion c : due) {
            events.add(signer.sign(keys, createdAt[0], c.template().kind(), c.template().tags(), c.template().content()));
        }
        Map<String, List<String>> acceptedBy = relays.publish(events);
        int published = 0;
        long now = System.currentTimeMillis(); // when it was published: the ledger's record, never scored
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            List<String> by = acceptedBy.getOrDefault(events.get(i).id(), List.of());
            if (!by.isEmpty()) {
                AssertionQueries.Assertion c = due.get(i);
                rows.add(new Object[] {c.kind(), c.d(), events.get(i).id(), c.summary().verdict(), c.summary().p(),
                        c.summary().nObs(), now, String.join(",", by), createdAt[0], tagsJson(c.template().tags())});
                published++;
            }
        }
        jdbi.useTransaction(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO nostr_published (kind, d, event_id, verdict, p, n_obs, published_at_ms, relays,
                        created_at, tags)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (kind, d) DO UPDATE SET event_id = EXCLUDED.event_id, verdict = EXCLUDED.verdict,
                        p = EXCLUDED.p, n_obs = EXCLUDED.n_obs, published_at_ms = EXCLUDED.published_at_ms,
                        relays = EXCLUDED.relays, created_at = EXCLUDED.created_at, tags = EXCLUDED.tags""");
            for (Object[] row : rows) {
                batch.add(row);
            }
            if (!rows.isEmpty()) {
                batch.execute();
            }
        });
        return new Round(due.size(), published);
    }

    private static String tagsJson(List<List<String>> tags) {
        try {
            return TAGS.writeValueAsString(tags);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper TAGS = new com.fasterxml.jackson.databind.ObjectMapper();
}
