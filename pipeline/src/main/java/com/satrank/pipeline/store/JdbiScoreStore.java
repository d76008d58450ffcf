package com.satrank.pipeline.store;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.db.WriterLock;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ScoreStore} on Postgres through JDBI: one transaction per write, checkpoint included; with
 * a writer lock, each write first proves the lock's epoch is still current (fencing).
 */
public final class JdbiScoreStore implements ScoreStore {
    private final Jdbi jdbi;
    private final WriterLock fence;

    /** Unfenced: a replay's own schema, or a test's private database. */
    public JdbiScoreStore(Jdbi jdbi) {
        this(jdbi, null);
    }

    public JdbiScoreStore(Jdbi jdbi, WriterLock fence) {
        this.jdbi = jdbi;
        this.fence = fence;
    }

    @Override
    public LogPosition checkpoint(LogStream stream) {
        return jdbi.withExtension(NodeDao.class, dao -> dao.checkpoint(stream.dirName()))
                .map(LogPosition::new)
                .orElse(LogPosition.BEFORE_START);
    }

    @Override
    public long lastPassAsOf() {
        return jdbi.withExtension(NodeDao.class, NodeDao::lastPassAsOf).orElse(Long.MIN_VALUE);
    }

    @Override
    public void write(PassOutput pass) {
        jdbi.useTransaction(handle -> {
            if (fence != null) {
                fence.assertHolds(handle);
            }
            NodeDao dao = handle.attach(NodeDao.class);
            if (pass.keepOnly() != null) {
                String[] keep = pass.keepOnly().toArray(new String[0]);
                dao.deleteAllExcept(keep);
                dao.deleteScoresExcept(keep);
            }
            if (!pass.removedNodeIds().isEmpty()) {
                dao.deleteNodes(pass.removedNodeIds());
                dao.deleteScores(pass.removedNodeIds());
            }
            if (!pass.changedNodes().isEmpty()) {
                dao.upsertNodes(pass.changedNodes());
            }
            if (!pass.changedScores().isEmpty()) {
                dao.upsertScores(pass.changedScores());
            }
            if (!pass.history().isEmpty()) {
                HistoryCopy.insert(handle, pass.history());
            }
            if (!pass.reports().isEmpty()) {
                dao.insertReports(pass.reports());
            }
            ServiceDao services = handle.attach(ServiceDao.class);
            if (pass.keepOnlyEndpoints() != null) {
                String[] keep = pass.keepOnlyEndpoints().toArray(new String[0]);
                services.deleteEndpointsExcept(keep);
                services.deleteStagesExcept(keep);
            }
            if (!pass.changedEndpoints().isEmpty()) {
                services.upsertEndpoints(pass.changedEndpoints());
            }
            if (!pass.changedStages().isEmpty()) {
                services.upsertStages(pass.changedStages());
            }
            dao.upsertStats(pass.stats());
            if (pass.curve() != null) {
                dao.clearCurve();
                var bins = new java.util.ArrayList<Integer>();
                var ratios = new java.util.ArrayList<Double>();
                var values = new java.util.ArrayList<Double>();
                var lows = new java.util.ArrayList<Double>();
                var highs = new java.util.ArrayList<Double>();
                for (int b = 0; b < com.satrank.model.amount.LiquidityCurve.BINS; b++) {
                    bins.add(b);
                    ratios.add(com.satrank.model.amount.LiquidityCurve.ratio(pass.curve().knot(b)));
                    values.add(pass.curve().value(b));
                    lows.add(pass.curve().low(b));
                    highs.add(pass.curve().high(b));
                }
                dao.insertCurve(bins, ratios, values, lows, highs);
            }
            pass.positions().forEach((stream, position) ->
                    dao.saveCheckpoint(stream.dirName(), position.index(), pass.asOfMs()));
        });
    }
}
