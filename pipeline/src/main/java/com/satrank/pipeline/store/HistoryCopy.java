package com.satrank.pipeline.store;

import com.satrank.pipeline.scoring.HistoryRow;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.Collection;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Daily history rows through COPY into a temporary table, then one INSERT … SELECT: a day's first
 * pass writes a row per node, and a month's replay writes about half a million, which row-by-row
 * statements made the slowest part of it. Values are the same as bound parameters would give:
 * Java's double text round-trips exactly through Postgres' float8 input.
 */
final class HistoryCopy {
    private static final String COLUMNS =
            "node_id, day, p_success, ci95_low, ci95_high, n_obs, verdict, pagerank_percentile, as_of_ms, score";

    private HistoryCopy() {
    }

    static void insert(Handle handle, Collection<HistoryRow> rows) {
        handle.execute("CREATE TEMP TABLE IF NOT EXISTS history_in (LIKE node_score_history) ON COMMIT DELETE ROWS");
        StringBuilder text = new StringBuilder(rows.size() * 160);
        for (HistoryRow r : rows) {
            text.append(r.nodeId()).append('\t').append(r.day()).append('\t').append(r.pSuccess()).append('\t')
                    .append(r.ci95Low()).append('\t').append(r.ci95High()).append('\t').append(r.nObs()).append('\t')
                    .append(r.verdict().name()).append('\t').append(r.pagerankPercentile()).append('\t')
                    .append(r.asOfMs()).append('\t').append(r.score()).append('\n');
        }
        try {
            handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY history_in (" + COLUMNS + ") FROM STDIN", new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY of " + rows.size() + " history rows failed", e);
        }
        handle.execute("INSERT INTO node_score_history (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM history_in ON CONFLICT (node_id, day) DO NOTHING");
    }
}
