package com.satrank.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Applies the numbered SQL migrations under {@code db/migration}; never edit a landed one. */
public final class Migrations {
    private Migrations() {
    }

    /** How a migration run went, and the newest version this build ships (what health expects). */
    public record Outcome(int applied, String expectedVersion) {
    }

    public static Outcome migrate(String jdbcUrl, String user, String password) {
        return run(Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").load());
    }

    /** The same migrations into {@code schema} (created if missing), e.g. for a replay beside the live tables. */
    public static Outcome migrateSchema(String jdbcUrl, String user, String password, String schema) {
        return run(Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration")
                .schemas(schema).defaultSchema(schema).createSchemas(true).load());
    }

    private static Outcome run(Flyway flyway) {
        int applied = flyway.migrate().migrationsExecuted;
        MigrationInfo[] all = flyway.info().all();
        return new Outcome(applied, all.length == 0 ? "0" : all[all.length - 1].getVersion().getVersion());
    }
}
