package com.satrank.serving.db;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Aggregates over the reports table the pipeline writes, for a window of event time. */
public interface ReportQueries {
    /** Reports in the window: submitted, proven ({@code verified} in the original's words), distinct reporters. */
    record Totals(long submitted, long verified, long distinctReporters) {
    }

    /** The same per ISO week (weekStart is that week's Monday), oldest first. */
    record Week(java.time.LocalDate weekStart, long submitted, long verified, long distinctReporters) {
    }

    @SqlQuery("""
            SELECT count(*) AS submitted, count(*) FILTER (WHERE proven) AS verified,
                   count(DISTINCT reporter) AS distinct_reporters
            FROM reports WHERE event_time_ms > :fromMs AND event_time_ms <= :toMs""")
    @RegisterConstructorMapper(Totals.class)
    Totals totals(@Bind("fromMs") long fromMs, @Bind("toMs") long toMs);

    @SqlQuery("""
            SELECT date_trunc('week', to_timestamp(event_time_ms / 1000.0) AT TIME ZONE 'UTC')::date AS week_start,
                   count(*) AS submitted, count(*) FILTER (WHERE proven) AS verified,
                   count(DISTINCT reporter) AS distinct_reporters
            FROM reports WHERE event_time_ms > :fromMs AND event_time_ms <= :toMs
            GROUP BY 1 ORDER BY 1""")
    @RegisterConstructorMapper(Week.class)
    List<Week> weekly(@Bind("fromMs") long fromMs, @Bind("toMs") long toMs);

    /** All reports ever folded about one node, by outcome. */
    record NodeReports(long total, long successes, long failures, long timeouts, long proven) {
    }

    @SqlQuery("""
            SELECT count(*) AS total, count(*) FILTER (WHERE outcome = 'SUCCESS') AS successes,
                   count(*) FILTER (WHERE outcome = 'FAILURE') AS failures,
                   count(*) FILTER (WHERE outcome = 'TIMEOUT') AS timeouts, count(*) FILTER (WHERE proven) AS proven
            FROM reports WHERE node_id = :id""")
    @RegisterConstructorMapper(NodeReports.class)
    NodeReports forNode(@Bind("id") String nodeId);
}
