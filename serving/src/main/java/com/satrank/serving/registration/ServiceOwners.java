package com.satrank.serving.registration;

import com.satrank.events.v1.Event;
import com.satrank.log.ChronicleEventLog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns each self-registered URL, and which are deleted, as the services log says: read at start
 * and kept current with this API's own appends, so a claim holds from the moment it is answered
 * (the tables learn it at the next pass). Another API process learns it at its next start.
 */
final class ServiceOwners {
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Boolean> delisted = new ConcurrentHashMap<>();

    ServiceOwners(ChronicleEventLog services) {
        services.forEachEvent(logged -> apply(logged.event()));
    }

    void apply(Event event) {
        if (event.hasServiceListed()) {
            var e = event.getServiceListed();
            if (!e.getOperator().isEmpty()) {
                owners.put(e.getUrlHash(), e.getOperator());
                delisted.put(e.getUrlHash(), false);
            }
        } else if (event.hasServiceDelisted()) {
            delisted.put(event.getServiceDelisted().getUrlHash(), true);
        }
    }

    Optional<String> owner(String urlHash) {
        return Optional.ofNullable(owners.get(urlHash));
    }

    boolean delisted(String urlHash) {
        return delisted.getOrDefault(urlHash, false);
    }
}
