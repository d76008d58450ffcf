package com.satrank.log;

import com.satrank.events.v1.Event;

/** Appends events to one log. Implementations stamp schema version, event time and source. */
public interface EventAppender {
    /** Appends durably (to the memory-mapped file) before returning the new event's position. */
    LogPosition append(Event.Builder event);
}
