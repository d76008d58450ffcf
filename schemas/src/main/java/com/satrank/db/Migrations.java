package com.satrank.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the numbered SQL migrations under {@code db/migration}; never edit a landed one. */
public final class Migrations {
    private Migrations() {
    }

    public static int migrate(DataSource dataSource, String schema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The newest migration version in this build: what health compares the database against. */
    public static String expectedVersion(DataSource dataSource, String schema) {
        var info = Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load().info();
        var all = info.all();
        return all.length == 0 ? "0" : all[all.length - 1].getVersion().getVersion();
    }
}
