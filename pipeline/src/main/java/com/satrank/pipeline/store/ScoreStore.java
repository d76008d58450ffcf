package com.satrank.pipeline.store;

import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;

/** Where the pipeline's output goes: score tables plus the log checkpoints, written atomically. */
public interface ScoreStore {
    LogPosition checkpoint(LogStream stream);

    /** Event time of the last pass written, or {@link Long#MIN_VALUE} when none was. */
    long lastPassAsOf();

    /** Writes one pass in one transaction. */
    void write(PassOutput pass);
}
