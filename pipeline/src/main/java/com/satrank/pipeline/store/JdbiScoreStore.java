package com.satrank.pipeline.store;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.pipeline.scoring.NetworkStatsRow;
import com.satrank.pipeline.scoring.NodeRow;
import java.util.Collection;
import org.jdbi.v3.core.Jdbi;

/** {@link ScoreStore} on Postgres through JDBI: one transaction per write, checkpoint included. */
public final class JdbiScoreStore implements ScoreStore {
    private final Jdbi jdbi;

    public JdbiScoreStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public LogPosition checkpoint(LogStream stream) {
        return jdbi.withExtension(NodeDao.class, dao -> dao.checkpoint(stream.dirName()))
                .map(LogPosition::new)
                .orElse(LogPosition.BEFORE_START);
    }

    @Override
    public void write(Collection<NodeRow> changed, Collection<String> keepOnly, Collection<String> removedNodeIds,
                      NetworkStatsRow stats,
                      LogStream stream, LogPosition position, long eventTimeMs) {
        jdbi.useTransaction(handle -> {
            NodeDao dao = handle.attach(NodeDao.class);
            if (keepOnly != null) {
                dao.deleteAllExcept(keepOnly.toArray(new String[0]));
            }
            if (!removedNodeIds.isEmpty()) {
                dao.deleteNodes(removedNodeIds);
            }
            if (!changed.isEmpty()) {
                dao.upsertNodes(changed);
            }
            dao.upsertStats(stats);
            dao.saveCheckpoint(stream.dirName(), position.index(), eventTimeMs);
        });
    }
}
